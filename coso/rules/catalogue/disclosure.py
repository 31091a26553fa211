"""Disclosure (dân biết): what is made public, where, how soon and for how long."""

from coso.rules.catalogue.texts import (
    AGENCY_CATALOGUE,
    BLDS,
    BLDS_FROM,
    CALENDAR,
    CHANNELS,
    COMMUNE_BROADCAST_ITEMS,
    COMMUNE_CATALOGUE,
    ENTERPRISE_CATALOGUE,
    GDL,
    GDL_FROM,
    MIN,
    NONE,
    WORKING,
    Rule,
    days,
    listed,
)

DISCLOSURE: list[Rule] = [
    (
        "person.adult_age",
        "Tuổi thành niên (người đại diện hộ phải đủ tuổi này)",
        "count",
        "",
        {"min": 18},
        f"{BLDS}, điều 20 khoản 1; {GDL}, điều 18",
        BLDS_FROM,
        "",
    ),
    (
        "disclosure.commune.catalogue",
        "Nội dung cấp xã phải công khai",
        "list",
        "",
        {
            "items": [
                {
                    "key": k,
                    "label": label,
                    "posting": posting,
                    "mandatory": posting != NONE,
                    "broadcast": k in COMMUNE_BROADCAST_ITEMS,
                }
                for k, label, posting in COMMUNE_CATALOGUE
            ]
        },
        f"{GDL}, điều 11",
        GDL_FROM,
        "posting: min = niêm yết ít nhất disclosure.posting.min_days; permanent = niêm yết thường "
        "xuyên (điều 13 khoản 2); none = không bắt buộc (mục 14, nội dung khác).",
    ),
    (
        "disclosure.channels",
        "Hình thức công khai",
        "list",
        "",
        listed(CHANNELS),
        f"{GDL}, điều 12 khoản 1",
        GDL_FROM,
        "",
    ),
    (
        "disclosure.deadline",
        "Thời hạn công khai kể từ ngày ban hành quyết định, văn bản",
        "period",
        WORKING,
        days(5),
        f"{GDL}, điều 12 khoản 3",
        GDL_FROM,
        "Áp dụng khi luật khác không quy định thời hạn.",
    ),
    (
        "disclosure.posting.min_days",
        "Thời gian niêm yết tối thiểu (mục 1–3, 5–12 điều 11)",
        "period",
        CALENDAR,
        days(30),
        f"{GDL}, điều 13 khoản 2",
        GDL_FROM,
        "Ngày liên tục; không lùi sang ngày làm việc.",
    ),
    (
        "disclosure.posting.permanent",
        "Nội dung niêm yết thường xuyên (mục 4 và 13 điều 11)",
        "list",
        "",
        {"items": [{"key": "4"}, {"key": "13"}]},
        f"{GDL}, điều 13 khoản 2",
        GDL_FROM,
        "",
    ),
    (
        "disclosure.broadcast.min_days",
        "Thời gian phát trên truyền thanh tối thiểu (mục 7–12)",
        "period",
        CALENDAR,
        days(3),
        f"{GDL}, điều 13 khoản 3",
        GDL_FROM,
        "Ngày liên tục. Đã đối chiếu Công báo số 905+906/2022, trang 27: mục 7–12 điều 11, ít nhất "
        "03 ngày liên tục.",
    ),
    (
        "disclosure.quarterly_list",
        "Danh mục nội dung đã công khai, niêm yết hằng quý",
        "frequency",
        "",
        {"times": 1, "per": "quarter"},
        f"{GDL}, điều 13 khoản 2",
        GDL_FROM,
        "",
    ),
    (
        "disclosure.agency.deadline",
        "Cơ quan, đơn vị: thời hạn công khai",
        "period",
        WORKING,
        days(5),
        f"{GDL}, điều 47 khoản 2",
        GDL_FROM,
        "",
    ),
    (
        "disclosure.agency.min_days",
        "Cơ quan, đơn vị: thời gian niêm yết tối thiểu",
        "period",
        CALENDAR,
        days(20),
        f"{GDL}, điều 48",
        GDL_FROM,
        "Ngày liên tục.",
    ),
    (
        "disclosure.soe.deadline",
        "Doanh nghiệp nhà nước: thời hạn công khai",
        "period",
        CALENDAR,
        days(15),
        f"{GDL}, điều 65 khoản 2",
        GDL_FROM,
        "Đã đối chiếu: “chậm nhất là 15 ngày kể từ ngày có quyết định, văn bản”.",
    ),
    (
        "disclosure.agency.catalogue",
        "Nội dung cơ quan, đơn vị phải công khai",
        "list",
        "",
        {
            "items": [
                {"key": k, "label": label, "posting": MIN, "mandatory": k != "other"}
                for k, label in AGENCY_CATALOGUE
            ]
        },
        f"{GDL}, chương III mục 1 (người đứng đầu cơ quan, đơn vị công khai 12 nội dung)",
        GDL_FROM,
        "Chỉ 5 trong 12 nội dung đối chiếu được (qua Quyết định 2477/QĐ-BKHCN và 1996/QĐ-BTP "
        "trích lại luật); số điều và các nội dung 6–12 chưa đối chiếu, cần bổ sung.",
    ),
    (
        "disclosure.enterprise.catalogue",
        "Nội dung doanh nghiệp nhà nước phải công khai",
        "list",
        "",
        {
            "items": [
                {"key": k, "label": label, "posting": NONE, "mandatory": True}
                for k, label in ENTERPRISE_CATALOGUE
            ]
        },
        f"{GDL}, điều 64 khoản 1",
        GDL_FROM,
        "Đã đối chiếu danh mục 8 nội dung. Luật không quy định thời gian niêm yết tối thiểu cho "
        "doanh nghiệp; doanh nghiệp ngoài nhà nước có thể áp dụng (điều 82).",
    ),
]
