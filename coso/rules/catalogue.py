"""The legal rules Coso applies, as loaded into the rulebook by migration 0002.

Each entry names the article it implements. This list is the *initial* content of the
rulebook: later changes are new rule versions (admin or a new data migration), never an
edit of this file, so that a database built from scratch matches one that has lived.

Abbreviations as in DOMAIN.md: GDL = Law 10/2022/QH15; D59 = Decree 59/2023/NĐ-CP;
D61 = Decree 61/2023/NĐ-CP; LC = Law 02/2011/QH13; C07 = Circular 07/2013/TT-TTCP;
LD = Law 25/2018/QH14; LR = Law 42/2013/QH13; D20 = Decree 20/2008/NĐ-CP;
LAB = Labour Code 45/2019/QH14; BLDS = Civil Code 91/2015/QH13.
"""

import datetime as dt
from typing import Any

GDL = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
D59 = "Nghị định 59/2023/NĐ-CP"
D61 = "Nghị định 61/2023/NĐ-CP"
LC = "Luật Khiếu nại số 02/2011/QH13"
C07 = "Thông tư 07/2013/TT-TTCP (sửa đổi bởi Thông tư 02/2016/TT-TTCP)"
LD = "Luật Tố cáo số 25/2018/QH14"
LR = "Luật Tiếp công dân số 42/2013/QH13"
D20 = "Nghị định 20/2008/NĐ-CP"
LAB = "Bộ luật Lao động số 45/2019/QH14"
BLDS = "Bộ luật Dân sự số 91/2015/QH13"

# Dates the texts took effect (GDL art. 91; LC art. 70; LD art. 66; LR art. 36;
# LAB art. 220; BLDS art. 689). Decrees 59 and 61 of 2023 implement the GDL and are
# dated from it here; their own dates of effect were not checked.
GDL_FROM = dt.date(2023, 7, 1)
LC_FROM = dt.date(2012, 7, 1)
LD_FROM = dt.date(2019, 1, 1)
LR_FROM = dt.date(2014, 7, 1)
# What Law 136/2025/QH15 (from 1 July 2026) is reported to change but no stored copy of
# its text confirmed: the current value stays, and the note says so.
UNCONFIRMED_RECEPTION = (
    "Ít nhất 1 ngày mỗi tuần. Chưa đối chiếu: báo chí đưa tin Luật số 136/2025/QH15 (điều 1 "
    "khoản 7, hiệu lực 01/07/2026) quy định Chủ tịch UBND xã tiếp công dân ít nhất 2 ngày "
    "mỗi tháng; chưa đọc được văn bản luật nên giữ giá trị hiện hành."
)
UNCONFIRMED_SUSPENSION = (
    "Chưa đối chiếu: báo chí đưa tin Luật số 136/2025/QH15 (hiệu lực 01/07/2026) quy định "
    "thời gian tạm đình chỉ giải quyết khiếu nại không tính vào thời hạn giải quyết; chưa "
    "đọc được điều khoản nên chưa áp dụng."
)
LAB_FROM = dt.date(2021, 1, 1)
BLDS_FROM = dt.date(2017, 1, 1)
D20_FROM = dt.date(2008, 3, 1)

CALENDAR, WORKING, MONTHS = "calendar_days", "working_days", "months"
# How long a disclosure of a catalogue item stays posted (see disclosures).
MIN, PERMANENT, NONE = "min", "permanent", "none"

COMMUNE_CATALOGUE = [
    ("1", "Kế hoạch phát triển kinh tế - xã hội và kết quả thực hiện", MIN),
    ("2", "Dự toán, tình hình thực hiện, quyết toán ngân sách; kiến nghị kiểm toán", MIN),
    (
        "3",
        "Dự án đầu tư, thu hồi đất, bồi thường, tái định cư; quy hoạch xây dựng, sử dụng đất",
        MIN,
    ),
    ("4", "Quy chế dân chủ của xã; nhiệm vụ của cán bộ, công chức; quy tắc ứng xử", PERMANENT),
    ("5", "Các khoản huy động, đóng góp của Nhân dân", MIN),
    ("6", "Quản lý, sử dụng tài sản công", MIN),
    ("7", "Chính sách hỗ trợ, tín dụng; bình xét đối tượng thụ hưởng và kết quả", MIN),
    ("8", "Hỗ trợ thiên tai, dịch bệnh, ốm đau; tiếp nhận ủng hộ", MIN),
    ("9", "Chỉ tiêu, danh sách gọi công dân nhập ngũ, thực hiện nghĩa vụ công an", MIN),
    ("10", "Kết quả thanh tra, kiểm tra, xử lý tham nhũng, kỷ luật; lấy phiếu tín nhiệm", MIN),
    ("11", "Kế hoạch, kết quả lấy ý kiến Nhân dân và giải trình", MIN),
    ("12", "Các khoản phí, lệ phí thu", MIN),
    ("13", "Thủ tục hành chính", PERMANENT),
    ("14", "Nội dung khác theo quy định của pháp luật", NONE),
]
# Item 14 ("other") is not mandatory: nothing is missing when a commune has none.
COMMUNE_BROADCAST_ITEMS = ["7", "8", "9", "10", "11", "12"]

AGENCY_CATALOGUE = [
    ("1", "Chủ trương của Đảng, chính sách, pháp luật liên quan đến tổ chức, hoạt động"),
    ("2", "Kế hoạch, chương trình công tác năm, quý, tháng"),
    ("3", "Dự toán, thực hiện, quyết toán ngân sách và nguồn tài chính khác; kiến nghị kiểm toán"),
    ("4", "Tiêu chuẩn, định mức, chế độ; đầu tư, mua sắm, sử dụng, xử lý tài sản công"),
    ("5", "Nguyên tắc, tiêu chí phân bổ vốn; kế hoạch đầu tư công trung hạn và hằng năm"),
    ("other", "Nội dung khác theo quy định (danh mục chưa đối chiếu đủ)"),
]

ENTERPRISE_CATALOGUE = [
    ("1", "Tình hình sản xuất, kinh doanh, hoạt động của doanh nghiệp"),
    ("2", "Nội quy lao động, thang lương, bảng lương, định mức lao động, quy chế liên quan"),
    ("3", "Thỏa ước lao động tập thể đã ký kết, tham gia"),
    ("4", "Trích lập, sử dụng quỹ khen thưởng, phúc lợi và các quỹ do người lao động đóng góp"),
    ("5", "Trích nộp kinh phí công đoàn, bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp"),
    ("6", "Thi đua, khen thưởng, kỷ luật; giải quyết kiến nghị, phản ánh của người lao động"),
    ("7", "Quy chế thực hiện dân chủ của doanh nghiệp"),
    ("8", "Thông tin tài chính, quản lý tài sản công, công tác cán bộ khác theo quy định"),
]

CHANNELS = [
    ("notice_board", "Niêm yết tại trụ sở, nhà văn hóa thôn, tổ dân phố"),
    ("website", "Cổng, trang thông tin điện tử"),
    ("loudspeaker", "Hệ thống truyền thanh cơ sở"),
    ("village_head", "Thông qua trưởng thôn, tổ trưởng tổ dân phố"),
    ("written_notice", "Thông báo bằng văn bản"),
    ("dialogue", "Hội nghị đối thoại"),
    ("reception", "Tiếp công dân, tiếp xúc cử tri"),
    ("mass_organisations", "Thông qua Mặt trận và các tổ chức chính trị - xã hội"),
    ("telecom_social", "Mạng viễn thông, mạng xã hội hợp pháp"),
    ("other", "Hình thức khác"),
]


def _items(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    return {"items": [{"key": key, "label": label} for key, label in pairs]}


def _period(default: int, **variants: int) -> dict[str, Any]:
    return {"default": default, **variants}


def _ratio(numerator: int, denominator: int, *, strict: bool, base: str) -> dict[str, Any]:
    return {"numerator": numerator, "denominator": denominator, "strict": strict, "base": base}


# (code, title, kind, unit, value, citation, effective_from, note)
RULES: list[tuple[str, str, str, str, dict[str, Any], str, dt.date, str]] = [
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
    # --- Disclosure (dân biết) ---
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
        _items(CHANNELS),
        f"{GDL}, điều 12 khoản 1",
        GDL_FROM,
        "",
    ),
    (
        "disclosure.deadline",
        "Thời hạn công khai kể từ ngày ban hành quyết định, văn bản",
        "period",
        WORKING,
        _period(5),
        f"{GDL}, điều 12 khoản 3",
        GDL_FROM,
        "Áp dụng khi luật khác không quy định thời hạn.",
    ),
    (
        "disclosure.posting.min_days",
        "Thời gian niêm yết tối thiểu (mục 1–3, 5–12 điều 11)",
        "period",
        CALENDAR,
        _period(30),
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
        _period(3),
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
        _period(5),
        f"{GDL}, điều 47 khoản 2",
        GDL_FROM,
        "",
    ),
    (
        "disclosure.agency.min_days",
        "Cơ quan, đơn vị: thời gian niêm yết tối thiểu",
        "period",
        CALENDAR,
        _period(20),
        f"{GDL}, điều 48",
        GDL_FROM,
        "Ngày liên tục.",
    ),
    (
        "disclosure.soe.deadline",
        "Doanh nghiệp nhà nước: thời hạn công khai",
        "period",
        CALENDAR,
        _period(15),
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
    # --- Discuss and decide (dân bàn và quyết định) ---
    (
        "vote.matters.catalogue",
        "Nội dung Nhân dân bàn và quyết định",
        "list",
        "",
        _items(
            [
                ("1", "Chủ trương, mức đóng góp xây dựng công trình công cộng"),
                ("2", "Thu, chi, quản lý các khoản đóng góp và quỹ của cộng đồng"),
                ("3", "Hương ước, quy ước"),
                ("4", "Bầu, cho thôi làm trưởng thôn, tổ trưởng tổ dân phố"),
                (
                    "5",
                    "Bầu, bãi nhiệm thành viên Ban thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng",
                ),
                ("6", "Các công việc tự quản khác"),
            ]
        ),
        f"{GDL}, điều 15",
        GDL_FROM,
        "",
    ),
    (
        "vote.initiative.households",
        "Tỷ lệ hộ đề xuất đưa một nội dung ra cộng đồng bàn",
        "ratio",
        "",
        _ratio(1, 10, strict=False, base="all_households"),
        f"{GDL}, điều 16",
        GDL_FROM,
        "",
    ),
    (
        "vote.initiative.support_valid_days",
        "Thời hạn hiệu lực của việc hộ ủng hộ đề xuất",
        "period",
        MONTHS,
        _period(3),
        f"{GDL}, điều 16",
        GDL_FROM,
        "",
    ),
    (
        "vote.forms",
        "Hình thức bàn và quyết định",
        "list",
        "",
        {
            "items": [
                {
                    "key": "meeting",
                    "label": "Tổ chức cuộc họp",
                    "matters": ["1", "2", "3", "4", "5", "6"],
                },
                {
                    "key": "ballot",
                    "label": "Phát phiếu lấy ý kiến hộ gia đình",
                    "matters": ["1", "2", "6"],
                    "fallback_for": ["3", "4", "5"],
                },
                {"key": "online", "label": "Biểu quyết trực tuyến", "matters": ["6"]},
            ]
        },
        f"{GDL}, điều 17",
        GDL_FROM,
        "",
    ),
    (
        "vote.approval.contribution",
        "Tỷ lệ tán thành (mục 1–2 điều 15)",
        "ratio",
        "",
        _ratio(2, 3, strict=False, base="all_households"),
        f"{GDL}, điều 21 khoản 1",
        GDL_FROM,
        "Trên tổng số hộ của thôn; nội dung toàn xã cần thêm tỷ lệ này trên tổng số thôn.",
    ),
    (
        "vote.approval.villages",
        "Nội dung mục 1–2 điều 15 trong phạm vi toàn xã: tỷ lệ thôn, tổ dân phố tán thành",
        "ratio",
        "",
        _ratio(2, 3, strict=False, base="all_villages"),
        f"{GDL}, điều 21 khoản 1",
        GDL_FROM,
        "Mỗi thôn, tổ dân phố tán thành khi đạt tỷ lệ vote.approval.contribution trên tổng số "
        "hộ của thôn; nội dung toàn xã được thông qua khi số thôn, tổ dân phố tán thành đạt tỷ "
        "lệ này trên tổng số thôn, tổ dân phố có hộ gia đình của xã. Chưa đối chiếu: "
        "không tìm được bản lưu của điều 21 (kể cả sau sửa đổi của Luật 97/2025/QH15) nên "
        "dùng giá trị của DOMAIN.md.",
    ),
    (
        "vote.approval.general",
        "Tỷ lệ tán thành (mục 3–6 điều 15)",
        "ratio",
        "",
        _ratio(1, 2, strict=True, base="all_households"),
        f"{GDL}, điều 21 khoản 1",
        GDL_FROM,
        "Trên 50% tổng số hộ của thôn.",
    ),
    (
        "vote.convention.attendance",
        "Hội nghị về hương ước, quy ước: số hộ dự họp",
        "ratio",
        "",
        _ratio(1, 2, strict=True, base="all_households"),
        f"{D61}, điều 10",
        GDL_FROM,
        "Không đủ thì phát phiếu đến từng hộ.",
    ),
    (
        "vote.meeting.fallback",
        "Cuộc họp không đủ để đạt tỷ lệ thì phát phiếu lấy ý kiến hộ",
        "text",
        "",
        {},
        f"{GDL}, điều 19 khoản 1 điểm b",
        GDL_FROM,
        "",
    ),
    (
        "vote.meeting.procedure_approval",
        "Thông qua thư ký, tổ kiểm phiếu, hình thức biểu quyết",
        "ratio",
        "",
        _ratio(1, 2, strict=True, base="present"),
        f"{D59}, điều 3",
        GDL_FROM,
        "",
    ),
    (
        "vote.meeting.counting_board",
        "Số thành viên tổ kiểm phiếu",
        "count",
        "",
        {"min": 3, "max": 5},
        f"{D59}, điều 3 đến điều 5",
        GDL_FROM,
        "",
    ),
    (
        "vote.meeting.notice_days",
        "Gửi thông báo, tài liệu họp đến hộ trước ít nhất",
        "period",
        CALENDAR,
        _period(2),
        f"{D59}, điều 3",
        GDL_FROM,
        "Đếm ngược từ ngày họp.",
    ),
    (
        "vote.meeting.cluster_households",
        "Số hộ từ đó có thể họp theo cụm",
        "count",
        "",
        {"min": 200},
        f"{GDL}, điều 18",
        GDL_FROM,
        "",
    ),
    (
        "vote.result.report_days",
        "Gửi kết quả bàn, quyết định đến UBND và MTTQ xã",
        "period",
        WORKING,
        _period(5),
        f"{GDL}, điều 20; {D59}, điều 3 đến điều 5",
        GDL_FROM,
        "",
    ),
    (
        "vote.recognition_days",
        "UBND xã công nhận hoặc không công nhận",
        "period",
        WORKING,
        _period(5),
        f"{GDL}, điều 21 khoản 2",
        GDL_FROM,
        "",
    ),
    (
        "vote.online.opt_in",
        "Tỷ lệ đại diện hộ chọn biểu quyết trực tuyến",
        "ratio",
        "",
        _ratio(1, 2, strict=True, base="all_households"),
        f"{D59}, điều 5",
        GDL_FROM,
        "Ba lựa chọn: đồng ý, không đồng ý, ý kiến khác; chỉ lưu họ tên và địa chỉ.",
    ),
    (
        "vote.village_head.timeline",
        "Mốc thời gian bầu trưởng thôn (số ngày trước ngày bầu)",
        "schedule",
        CALENDAR,
        {"plan": 20, "election_team": 10, "public_notice": 7, "candidate_list": 15},
        f"{D59}, điều 6 và điều 7",
        GDL_FROM,
        "",
    ),
    (
        "vote.village_head.dismissal_petition",
        "Tỷ lệ hộ đề nghị cho thôi làm trưởng thôn",
        "ratio",
        "",
        _ratio(1, 2, strict=False, base="all_households"),
        f"{D59}, điều 8",
        GDL_FROM,
        "",
    ),
    (
        "vote.village_head.reelection_days",
        "Bầu trưởng thôn mới sau khi cho thôi trong vòng",
        "period",
        CALENDAR,
        _period(60),
        f"{D59}, điều 9",
        GDL_FROM,
        "",
    ),
    (
        "vote.convention.comment_days",
        "Thời gian lấy ý kiến dự thảo hương ước ít nhất",
        "period",
        CALENDAR,
        _period(30),
        f"{D61}, điều 9",
        GDL_FROM,
        "",
    ),
    # --- Opinions before a decision (tham gia ý kiến) ---
    (
        "consultation.catalogue",
        "Nội dung Nhân dân tham gia ý kiến",
        "list",
        "",
        _items(
            [
                ("1", "Kế hoạch phát triển kinh tế - xã hội"),
                ("2", "Quy hoạch, kế hoạch sử dụng đất; quỹ đất"),
                ("3", "Chủ trương dự án lớn: bồi thường, tái định cư, môi trường"),
                ("4", "Thành lập, nhập, chia, đổi tên đơn vị hành chính, thôn, tổ dân phố"),
                ("5", "Dự thảo quyết định ảnh hưởng đến cộng đồng"),
                ("6", "Quy hoạch xây dựng"),
                ("7", "Dự thảo quy chế dân chủ"),
                ("8", "Dự thảo quyết định hạn chế quyền của công dân cụ thể"),
                ("9", "Nội dung khác"),
            ]
        ),
        f"{GDL}, điều 25",
        GDL_FROM,
        "",
    ),
    (
        "consultation.forms",
        "Hình thức lấy ý kiến",
        "list",
        "",
        _items(
            [
                ("dialogue", "Hội nghị đối thoại"),
                ("meeting", "Họp cộng đồng"),
                ("ballot", "Phát phiếu lấy ý kiến hộ"),
                ("box", "Hòm thư góp ý, đường dây nóng"),
                ("organisations", "Thông qua Mặt trận, các tổ chức chính trị - xã hội"),
                ("portal", "Cổng thông tin điện tử"),
                ("telecom_social", "Mạng viễn thông, mạng xã hội"),
            ]
        ),
        f"{GDL}, điều 26",
        GDL_FROM,
        "",
    ),
    (
        "consultation.min_days",
        "Thời gian lấy ý kiến tối thiểu kể từ ngày công bố",
        "period",
        CALENDAR,
        _period(20),
        f"{GDL}, điều 28",
        GDL_FROM,
        "",
    ),
    (
        "consultation.response",
        "Tổng hợp, tiếp thu, giải trình và công khai kết quả",
        "text",
        "",
        {},
        f"{GDL}, điều 28",
        GDL_FROM,
        "",
    ),
    # --- Inspect and supervise (kiểm tra, giám sát) ---
    (
        "dialogue.commune.min_per_year",
        "Hội nghị đối thoại UBND xã với Nhân dân",
        "frequency",
        "",
        {"times": 1, "per": "year"},
        f"{GDL}, điều 32",
        GDL_FROM,
        "",
    ),
    (
        "village.annual_conference",
        "Hội nghị thôn cuối năm; thông báo trước ít nhất",
        "period",
        CALENDAR,
        _period(5),
        f"{GDL}, điều 33; {D59}, điều 11",
        GDL_FROM,
        "Mỗi năm một lần.",
    ),
    (
        "satisfaction.system",
        "Hệ thống đánh giá sự hài lòng và phản ánh của Nhân dân",
        "text",
        "",
        {},
        f"{GDL}, điều 34 và điều 35 khoản 2 điểm a",
        GDL_FROM,
        "",
    ),
    (
        "oversight.pib.members",
        "Ban thanh tra nhân dân cấp xã: số thành viên",
        "count",
        "",
        {"min": 5, "max_deputies": 2},
        f"{GDL}, điều 36, 37; {D59}, điều 12, 13",
        GDL_FROM,
        "Mỗi thôn một thành viên, ít nhất 5; xã dưới 5 thôn bầu tối đa 5; không là cán bộ xã.",
    ),
    (
        "oversight.pib.plan_notice",
        "Gửi kế hoạch kiểm tra trước ít nhất",
        "period",
        WORKING,
        _period(5),
        f"{D59}, điều 14",
        GDL_FROM,
        "Chưa đối chiếu được với văn bản gốc; giữ giá trị của DOMAIN.md.",
    ),
    (
        "oversight.pib.reply_days",
        "Trả lời kiến nghị của Ban thanh tra nhân dân",
        "period",
        CALENDAR,
        _period(15),
        f"{GDL}, điều 39",
        GDL_FROM,
        "Chưa đối chiếu được với văn bản gốc; giữ giá trị của DOMAIN.md.",
    ),
    (
        "oversight.cisb.members",
        "Ban giám sát đầu tư của cộng đồng: số thành viên",
        "count",
        "",
        {"min": 5, "max_residents": 5, "max_deputies": 2},
        f"{GDL}, điều 41, 42; {D59}, điều 16",
        GDL_FROM,
        "Không là người thân của chủ đầu tư, nhà thầu.",
    ),
    (
        "oversight.cisb.notice_days",
        "Thông báo kế hoạch giám sát cho chủ đầu tư trước ít nhất",
        "period",
        CALENDAR,
        _period(45),
        f"{D59}, điều 17",
        GDL_FROM,
        "Chưa đối chiếu được trong Nghị định 59; cùng mức “chậm nhất 45 ngày trước khi thực hiện” "
        "có trong Luật Đầu tư công (giám sát đầu tư của cộng đồng). Giữ giá trị DOMAIN.md.",
    ),
    (
        "oversight.cisb.reply_days",
        "Trả lời Ban giám sát đầu tư của cộng đồng",
        "period",
        CALENDAR,
        _period(15),
        f"{GDL}, điều 44",
        GDL_FROM,
        "Chưa đối chiếu được với văn bản gốc; giữ giá trị của DOMAIN.md.",
    ),
    # --- Agencies and enterprises ---
    (
        "agency.conference.deadline",
        "Hội nghị cán bộ, công chức, viên chức hằng năm",
        "period",
        MONTHS,
        _period(3),
        f"{GDL}, điều 51",
        GDL_FROM,
        "Trong 3 tháng sau khi kết thúc năm công tác.",
    ),
    (
        "agency.conference.quorum",
        "Hội nghị hợp lệ khi có mặt ít nhất",
        "ratio",
        "",
        _ratio(2, 3, strict=False, base="all_staff"),
        f"{GDL}, điều 51",
        GDL_FROM,
        "",
    ),
    (
        "agency.conference.approval",
        "Nghị quyết hội nghị được thông qua",
        "ratio",
        "",
        _ratio(1, 2, strict=True, base="present"),
        f"{GDL}, điều 50 khoản 2, điều 51",
        GDL_FROM,
        "Hai lần không đủ số lượng thì lấy phiếu toàn thể.",
    ),
    (
        "agency.pib",
        "Ban thanh tra nhân dân ở cơ quan, đơn vị",
        "count",
        "",
        {"min": 3, "max": 9, "term_years": 2, "min_staff": 8},
        f"{GDL}, điều 60",
        GDL_FROM,
        "Không thành lập ở nơi có từ 7 người trở xuống.",
    ),
    (
        "soe.workers_conference",
        "Hội nghị người lao động doanh nghiệp nhà nước",
        "period",
        MONTHS,
        _period(3),
        f"{GDL}, điều 69",
        GDL_FROM,
        "Cùng tỷ lệ hợp lệ và thông qua như cơ quan.",
    ),
    (
        "workplace.dialogue.min_per_year",
        "Đối thoại tại nơi làm việc",
        "frequency",
        "",
        {"times": 1, "per": "year"},
        f"{GDL}, điều 73; {LAB}, điều 63",
        LAB_FROM,
        "",
    ),
    # --- Petitions ---
    (
        "complaint.limitation_days",
        "Thời hiệu khiếu nại",
        "period",
        CALENDAR,
        _period(90),
        f"{LC}, điều 9",
        LC_FROM,
        "",
    ),
    (
        "complaint.first.accept",
        "Thụ lý khiếu nại lần đầu",
        "period",
        WORKING,
        _period(10),
        f"{LC}, điều 27; {C07}, điều 5",
        LC_FROM,
        "Điều 27 (bản 2011) ghi “10 ngày”; giữ ngày làm việc theo DOMAIN.md và Thông tư 07. "
        "Luật 136/2025/QH15 (hiệu lực 01/7/2026) sửa Luật Khiếu nại; mức 7 ngày làm việc chưa đối "
        "chiếu được nên chưa tạo phiên bản mới.",
    ),
    (
        "complaint.first.resolve",
        "Giải quyết khiếu nại lần đầu",
        "period",
        CALENDAR,
        _period(30, complex=45),
        f"{LC}, điều 28",
        LC_FROM,
        "Luật ghi “không quá 30 ngày, kể từ ngày thụ lý” (ngày, không phải ngày làm việc). "
        + UNCONFIRMED_SUSPENSION,
    ),
    (
        "complaint.first.resolve.remote",
        "Giải quyết khiếu nại lần đầu ở vùng sâu, vùng xa đi lại khó khăn",
        "period",
        CALENDAR,
        _period(45, complex=60),
        f"{LC}, điều 28",
        LC_FROM,
        "",
    ),
    (
        "complaint.second.file_days",
        "Thời hạn khiếu nại lần hai",
        "period",
        CALENDAR,
        _period(30, remote=45),
        f"{LC}, điều 33",
        LC_FROM,
        "",
    ),
    (
        "complaint.second.accept",
        "Thụ lý khiếu nại lần hai",
        "period",
        WORKING,
        _period(10),
        f"{LC}, điều 36; {C07}",
        LC_FROM,
        "",
    ),
    (
        "complaint.second.resolve",
        "Giải quyết khiếu nại lần hai",
        "period",
        CALENDAR,
        _period(45, complex=60),
        f"{LC}, điều 37",
        LC_FROM,
        "",
    ),
    (
        "complaint.second.resolve.remote",
        "Giải quyết khiếu nại lần hai ở vùng sâu, vùng xa đi lại khó khăn",
        "period",
        CALENDAR,
        _period(60, complex=70),
        f"{LC}, điều 37",
        LC_FROM,
        "",
    ),
    (
        "complaint.resolve.day_kind",
        "Cách đếm thời hạn giải quyết khiếu nại",
        "text",
        "",
        {"unit": CALENDAR},
        f"{LC}, điều 28, 37",
        LC_FROM,
        "Điều 28 và 37 ghi “ngày”, không ghi “ngày làm việc”; không tìm thấy quy định riêng về cách "
        "đếm (kể cả Nghị định 124/2020/NĐ-CP), nên theo Bộ luật Dân sự điều 145–148: ngày dương "
        "lịch. Đây là suy luận từ câu chữ, chưa phải giải thích chính thức.",
    ),
    (
        "denunciation.intake",
        "Vào sổ, phân loại, quyết định thụ lý tố cáo",
        "period",
        WORKING,
        _period(7, extended=10),
        f"{LD}, điều 24",
        LD_FROM,
        "Kéo dài đến 10 ngày làm việc khi cần xác minh nhiều nơi.",
    ),
    (
        "denunciation.forward",
        "Chuyển tố cáo đến cơ quan có thẩm quyền và báo người tố cáo",
        "period",
        WORKING,
        _period(5),
        f"{LD}, điều 24",
        LD_FROM,
        "",
    ),
    (
        "denunciation.notify",
        "Thông báo thụ lý cho người tố cáo, người bị tố cáo",
        "period",
        WORKING,
        _period(5),
        f"{LD}, điều 29 khoản 3",
        LD_FROM,
        "",
    ),
    (
        "denunciation.resolve",
        "Giải quyết tố cáo kể từ ngày thụ lý",
        "period",
        CALENDAR,
        _period(30),
        f"{LD}, điều 30",
        LD_FROM,
        "",
    ),
    (
        "denunciation.extension",
        "Gia hạn giải quyết tố cáo (phức tạp 1 lần, đặc biệt phức tạp 2 lần)",
        "period",
        CALENDAR,
        _period(30, max_extensions_complex=1, max_extensions_very_complex=2),
        f"{LD}, điều 30",
        LD_FROM,
        "Mỗi lần không quá 30 ngày.",
    ),
    (
        "denunciation.confidential",
        "Giữ bí mật người tố cáo",
        "text",
        "",
        {},
        f"{LD}, điều 9 khoản 1 điểm b, điều 56; {GDL}, điều 9",
        LD_FROM,
        "Họ tên, địa chỉ, bút tích và thông tin cá nhân khác được giữ bí mật.",
    ),
    (
        "reception.commune.frequency",
        "Chủ tịch UBND xã tiếp công dân",
        "frequency",
        "",
        {"times": 1, "per": "week"},
        f"{LR}, điều 15 khoản 2 điểm d",
        LR_FROM,
        UNCONFIRMED_RECEPTION,
    ),
    (
        "reception.province.frequency",
        "Chủ tịch UBND tỉnh tiếp công dân",
        "frequency",
        "",
        {"times": 1, "per": "month"},
        f"{LR}, điều 12 khoản 5",
        LR_FROM,
        "Ít nhất 1 ngày mỗi tháng.",
    ),
    (
        "reception.reply",
        "Trả lời người được tiếp về việc thụ lý, từ chối hoặc chuyển",
        "period",
        WORKING,
        _period(10),
        f"{LR}, điều 28",
        LR_FROM,
        "",
    ),
    (
        "feedback.forward",
        "Chuyển phản ánh, kiến nghị gửi nhầm cơ quan",
        "period",
        WORKING,
        _period(5),
        f"{D20}, điều 9",
        D20_FROM,
        "Ngày hiệu lực của nghị định chưa đối chiếu.",
    ),
    (
        "reception.forms",
        "Hình thức tiếp công dân",
        "list",
        "",
        {
            "items": [
                {"key": "in_person", "label": "Tiếp công dân trực tiếp"},
                {"key": "online", "label": "Tiếp công dân trực tuyến"},
            ]
        },
        "Luật Tiếp công dân số 42/2013/QH13, điều 3a (bổ sung bởi Luật số 136/2025/QH15, "
        "điều 1 khoản 1)",
        dt.date(2026, 7, 1),
        "Nguồn: văn bản Luật 136/2025/QH15 ngày 10/12/2025 (thuviennhadat.vn); ngày hiệu lực "
        "01/07/2026 theo trang giới thiệu luật của Cổng Chính phủ (xaydungchinhsach.chinhphu.vn). "
        "Chính phủ quy định chi tiết việc tiếp công dân trực tuyến. Trước ngày này chỉ ghi nhận "
        "tiếp trực tiếp.",
    ),
    # Added with the petitions module (migration rules.0003).
    (
        "feedback.resolve",
        "Xử lý, trả lời phản ánh, kiến nghị kể từ ngày thụ lý",
        "period",
        CALENDAR,
        _period(30, complex=45),
        f"{LR}, điều 28 (thông báo tiếp nhận); thời hạn xử lý do đơn vị quy định",
        LR_FROM,
        "Không tìm thấy thời hạn luật định chung cho việc xử lý phản ánh, kiến nghị; 30 ngày là "
        "giá trị mặc định của Coso để theo dõi (45 ngày khi gia hạn vì phức tạp), đơn vị sửa theo "
        "quy chế của mình. Chưa đối chiếu.",
    ),
]

# Periods that are minimum durations or count back from an event: they are not moved
# to the next working day (that is only for a deadline falling on a day off).
NOT_ROLLED = {
    "disclosure.posting.min_days",
    "disclosure.broadcast.min_days",
    "disclosure.agency.min_days",
    "consultation.min_days",
    "vote.convention.comment_days",
    "vote.meeting.notice_days",
    "village.annual_conference",
    "oversight.cisb.notice_days",
    "vote.village_head.timeline",
    "vote.initiative.support_valid_days",
}
