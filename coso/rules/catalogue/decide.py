"""Discuss and decide (dân bàn và quyết định): the matters, forms, thresholds and
periods of household decisions."""

from coso.rules.catalogue.texts import (
    CALENDAR,
    D59,
    D59_FROM,
    D61,
    D61_FROM,
    GDL,
    GDL_FROM,
    MONTHS,
    WORKING,
    Rule,
    days,
    listed,
    ratio,
)

# A rule of Coso, not of the law: why it exists and why unanimity is not withheld.
SECRET_THRESHOLD_NOTE = (
    "Quy định của Coso, không phải của luật: luật lập tổ kiểm phiếu 3 đến 5 người (Nghị "
    "định 59/2023/NĐ-CP, điều 3) nhưng không nói về khoá mã hoá. Khoá giải mã phiếu kín "
    "được chia thành mảnh, mỗi thành viên tổ kiểm phiếu giữ một mảnh; cần quá nửa số "
    "thành viên (3 trên 5, 3 trên 4, 2 trên 3) góp mảnh mới mở được tổng phiếu. Quá nửa "
    "để không một thiểu số nào tự mở được, mà vắng một, hai người vẫn kiểm phiếu được."
)


SECRET_MIN_GROUP_NOTE = (
    "Quy định của Coso, không phải của luật: luật không đặt ngưỡng này, đây là chính sách "
    "để giữ bí mật lá phiếu. Phát phiếu lấy ý kiến hộ gia đình bỏ phiếu kín (Nghị định "
    "59/2023/NĐ-CP, điều 4) chỉ kín khi không ai suy ra được lá phiếu của từng hộ; Luật "
    "Thực hiện dân chủ ở cơ sở, điều 9 cấm làm sai lệch kết quả và tiết lộ điều phải giữ bí "
    "mật. Ai đã tham gia thì có trên bảng mã phiếu, nên số phiếu của một thôn ít hộ cho "
    "biết lá phiếu của từng hộ (thôn 1 hộ: “1 tham gia, 0 đồng ý”; thôn 2 hộ: “2 tham gia, "
    "2 đồng ý”). Vì vậy, trong vòng bỏ phiếu kín, thôn, tổ dân phố có dưới số hộ này (hoặc "
    "có dưới số hộ này tham gia) chỉ được công bố tán thành hay không, kèm lý do; nếu cần, "
    "ẩn thêm số phiếu của thôn nhỏ nhất tiếp theo để số của các thôn bị ẩn không suy ra "
    "được từ tổng toàn xã (tổng toàn xã vẫn công bố). Thôn từ ngưỡng này trở lên mà mọi "
    "hộ chọn như nhau vẫn công bố số phiếu: đó là ý chí chung của thôn mà việc kiểm phiếu "
    "phải công bố; ẩn riêng trường hợp này thì chính việc ẩn đã cho biết thôn nhất trí, "
    "còn tán thành hay không thì vẫn phải công bố, nên không giữ thêm được bí mật nào. "
    "Ngưỡng 10 hộ theo thông lệ công bố số liệu thống kê theo nhóm nhỏ; có thể sửa bằng "
    "phiên bản mới của quy định."
)

DECIDE: list[Rule] = [
    (
        "vote.matters.catalogue",
        "Nội dung Nhân dân bàn và quyết định",
        "list",
        "",
        listed(
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
        ratio(1, 10, strict=False, base="all_households"),
        f"{GDL}, điều 16",
        GDL_FROM,
        "",
    ),
    (
        "vote.initiative.support_valid_days",
        "Thời hạn hiệu lực của việc hộ ủng hộ đề xuất",
        "period",
        MONTHS,
        days(3),
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
        ratio(2, 3, strict=False, base="all_households"),
        f"{GDL}, điều 21 khoản 1",
        GDL_FROM,
        "Trên tổng số hộ của thôn; nội dung toàn xã cần thêm tỷ lệ này trên tổng số thôn.",
    ),
    (
        "vote.approval.villages",
        "Nội dung mục 1–2 điều 15 trong phạm vi toàn xã: tỷ lệ thôn, tổ dân phố tán thành",
        "ratio",
        "",
        ratio(2, 3, strict=False, base="all_villages"),
        f"{GDL}, điều 21 khoản 1",
        GDL_FROM,
        "Mỗi thôn, tổ dân phố tán thành khi đạt tỷ lệ vote.approval.contribution trên tổng số "
        "hộ của thôn; nội dung toàn xã được thông qua khi số thôn, tổ dân phố tán thành đạt tỷ "
        "lệ này trên tổng số thôn, tổ dân phố có hộ gia đình của xã. Điều 21 khoản 1: “từ hai "
        "phần ba tổng số thôn, tổ dân phố trở lên tán thành” (xác nhận khi rà soát).",
    ),
    (
        "vote.approval.general",
        "Tỷ lệ tán thành (mục 3–6 điều 15)",
        "ratio",
        "",
        ratio(1, 2, strict=True, base="all_households"),
        f"{GDL}, điều 21 khoản 1",
        GDL_FROM,
        "Trên 50% tổng số hộ của thôn.",
    ),
    (
        "vote.convention.attendance",
        "Hội nghị về hương ước, quy ước: số hộ dự họp",
        "ratio",
        "",
        ratio(1, 2, strict=True, base="all_households"),
        f"{D61}, điều 10",
        D61_FROM,
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
        ratio(1, 2, strict=True, base="present"),
        f"{D59}, điều 3",
        D59_FROM,
        "",
    ),
    (
        "vote.meeting.counting_board",
        "Số thành viên tổ kiểm phiếu",
        "count",
        "",
        {"min": 3, "max": 5},
        f"{D59}, điều 3 đến điều 5",
        D59_FROM,
        "",
    ),
    (
        "vote.meeting.notice_days",
        "Gửi thông báo, tài liệu họp đến hộ trước ít nhất",
        "period",
        CALENDAR,
        days(2),
        f"{D59}, điều 3",
        D59_FROM,
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
        days(5),
        f"{GDL}, điều 20; {D59}, điều 3 đến điều 5",
        GDL_FROM,
        "",
    ),
    (
        "vote.recognition_days",
        "UBND xã công nhận hoặc không công nhận",
        "period",
        WORKING,
        days(5),
        f"{GDL}, điều 21 khoản 2",
        GDL_FROM,
        "",
    ),
    (
        "vote.online.opt_in",
        "Tỷ lệ đại diện hộ chọn biểu quyết trực tuyến",
        "ratio",
        "",
        ratio(1, 2, strict=True, base="all_households"),
        f"{D59}, điều 5",
        D59_FROM,
        "Ba lựa chọn: đồng ý, không đồng ý, ý kiến khác; chỉ lưu họ tên và địa chỉ.",
    ),
    (
        "vote.village_head.timeline",
        "Mốc thời gian bầu trưởng thôn (số ngày trước ngày bầu)",
        "schedule",
        CALENDAR,
        {"plan": 20, "election_team": 10, "public_notice": 7, "candidate_list": 15},
        f"{D59}, điều 6 và điều 7",
        D59_FROM,
        "",
    ),
    (
        "vote.village_head.dismissal_petition",
        "Tỷ lệ hộ đề nghị cho thôi làm trưởng thôn",
        "ratio",
        "",
        ratio(1, 2, strict=False, base="all_households"),
        f"{D59}, điều 8",
        D59_FROM,
        "",
    ),
    (
        "vote.village_head.reelection_days",
        "Bầu trưởng thôn mới sau khi cho thôi trong vòng",
        "period",
        CALENDAR,
        days(60),
        f"{D59}, điều 9",
        D59_FROM,
        "",
    ),
    (
        "vote.convention.comment_days",
        "Thời gian lấy ý kiến dự thảo hương ước ít nhất",
        "period",
        CALENDAR,
        days(30),
        f"{D61}, điều 9",
        D61_FROM,
        "",
    ),
    (
        "vote.secret.min_group",
        "Bỏ phiếu kín: số hộ tối thiểu của một thôn, tổ dân phố để công bố số phiếu của thôn",
        "count",
        "",
        {"min": 10},
        f"{D59}, điều 4",
        D59_FROM,
        SECRET_MIN_GROUP_NOTE,
    ),
    (
        "vote.secret.threshold",
        "Bỏ phiếu kín mã hoá: tỷ lệ thành viên tổ kiểm phiếu cần góp mảnh khoá để kiểm phiếu",
        "ratio",
        "",
        ratio(1, 2, strict=True, base="counting_board"),
        f"{D59}, điều 3",
        D59_FROM,
        SECRET_THRESHOLD_NOTE,
    ),
]
