"""Knowing where trouble starts (issue 21): when records on one topic make a hotspot,
and when the figures warn of democracy not practised (warnings). Filled in by the
work on hotspots and on warnings; each entry names its legal basis, and says where a
number is Coso's own policy rather than the law's."""

from coso.rules.catalogue.texts import (
    CALENDAR,
    D59,
    GDL,
    GDL_FROM,
    LC,
    LD,
    LR,
    LR_FROM,
    Rule,
    days,
)

# Hotspots (coso/concerns/hotspots.py).
HOTSPOTS: list[Rule] = [
    (
        "hotspot.topic",
        "Điểm nóng: nhiều hộ hoặc nhiều hồ sơ nêu cùng một chủ đề tại một xã trong thời gian ngắn",
        "count",
        "",
        {"households": 5, "records": 10, "days": 30, "exclude": ["other"]},
        f"Chính sách của Coso; tham chiếu {LR}, điều 30, 31 (nhiều người cùng khiếu nại, tố "
        "cáo, kiến nghị, phản ánh về một nội dung)",
        LR_FROM,
        "Mức 5 hộ (hoặc 10 hồ sơ) về cùng một chủ đề cấp 1 trong 30 ngày tại một xã là chính "
        "sách của Coso, không phải quy định của luật: luật không định nghĩa “điểm nóng”. Mức 5 "
        "lấy theo ngưỡng vụ việc đông người của Luật Tiếp công dân (xem hotspot.crowd) để một "
        "nhóm hộ nêu riêng lẻ qua nhiều kênh được phát hiện như khi họ cùng đến. Chủ đề "
        "“Khác” không mở điểm nóng. Đơn vị sửa mức theo quy chế của mình.",
    ),
    (
        "hotspot.crowd",
        "Điểm nóng: đơn, kiến nghị có từ năm người trở lên cùng nêu (vụ việc đông người)",
        "count",
        "",
        {"people": 5},
        f"{LR}, điều 30; {LC}, điều 8 khoản 4",
        LR_FROM,
        "Đã đọc trong bản lưu Luật Tiếp công dân (vietjack.me, chương “tiếp nhiều người cùng "
        "khiếu nại, tố cáo, kiến nghị, phản ánh về một nội dung”): “Trường hợp có từ năm đến "
        "mười người thì cử một hoặc hai người đại diện” — trang lưu không hiện số điều; điều 30 "
        "theo bố cục của luật, chưa đối chiếu với văn bản gốc. Cùng mức 5–10 người trong Luật "
        "Khiếu nại, điều 8 khoản 4 và Nghị định 75/2012/NĐ-CP, điều 5 (bản lưu "
        "thuvienphapluat.vn, kinhtedothi.vn; nay là Nghị định 124/2020/NĐ-CP, chưa đối chiếu "
        "điều). Luật 136/2025/QH15 (sửa Luật Tiếp công dân từ 01/07/2026) chưa đối chiếu điều "
        "này.",
    ),
    (
        "hotspot.followup_days",
        "Thời hạn xã báo kết quả xử lý một điểm nóng",
        "period",
        CALENDAR,
        days(30),
        f"Chính sách của Coso; tham chiếu {LR}, điều 31 (trách nhiệm tiếp và xử lý trường hợp "
        "nhiều người cùng khiếu nại, kiến nghị, phản ánh)",
        LR_FROM,
        "Không có thời hạn luật định cho việc xử lý một điểm nóng; 30 ngày là giá trị mặc định "
        "của Coso (như thời hạn theo dõi phản ánh, kiến nghị feedback.resolve), đơn vị sửa theo "
        "quy chế của mình. Số điều 31 chưa đối chiếu với văn bản gốc.",
    ),
]

# Warnings (coso/alerts): each `warning.*` rule with its legal basis. The value says
# which maintained figures the daily scan reads (`test`, see coso/alerts/checks.py) and
# from which day of the year (`from`, "MM-DD") the year's figures are checked; a
# period's days are its `default`, as for every period of the rulebook.
POLICY = "Ngưỡng cảnh báo là chính sách của Coso, không phải con số của luật."
WARNINGS: list[Rule] = [
    (
        "warning.disclosure.missing",
        "Cảnh báo: nội dung bắt buộc công khai chưa được công khai",
        "count",
        "",
        {"test": "at_least", "figure": "disclosures.categories_missing", "min": 1, "from": "07-01"},
        f"{GDL}, điều 11, 12 khoản 3, 13",
        GDL_FROM,
        "Điều 11 liệt kê nội dung xã phải công khai; điều 12 khoản 3: công khai chậm nhất 5 "
        "ngày làm việc. Cảnh báo khi, từ ngày 01/07, một nội dung bắt buộc chưa có gì được "
        "công khai trong năm: mốc 01/07 là chính sách của Coso. Số điều theo DOMAIN.md (đã "
        "đọc trong Pháp điển); lần rà soát này không tìm được trang lưu trữ để đối chiếu lại.",
    ),
    (
        "warning.petitions.overdue_share",
        "Cảnh báo: tỷ lệ đơn quá hạn giải quyết cao",
        "ratio",
        "",
        {
            "test": "share_above",
            "part": "petitions.overdue",
            "whole": "petitions.open",
            "numerator": 20,
            "denominator": 100,
            "strict": True,
            "base": "petitions.open",
            "min_whole": 5,
        },
        f"{LC}, điều 27, 28; {LD}, điều 30",
        GDL_FROM,
        "Thời hạn thụ lý, giải quyết theo các quy định complaint.*, denunciation.*. Cảnh báo "
        f"khi trên 20% số đơn đang giải quyết đã quá hạn và có ít nhất 5 đơn: {POLICY}",
    ),
    (
        "warning.dialogue.behind",
        "Cảnh báo: chưa tổ chức hội nghị đối thoại trong năm",
        "schedule",
        "",
        {
            "test": "share_below",
            "part": "dialogues.communes_met",
            "whole": "dialogues.communes_required",
            "numerator": 1,
            "denominator": 1,
            "min_whole": 1,
            "from": "10-01",
        },
        f"{GDL}, điều 32",
        GDL_FROM,
        "Mức tối thiểu mỗi năm là quy định dialogue.commune.min_per_year. Luật Tổ chức chính "
        "quyền địa phương 2025, điều 43 cũng quy định đối thoại ít nhất mỗi năm một lần (tìm "
        "thấy qua trang hỏi đáp của Báo Đại biểu Nhân dân, chưa đọc văn bản gốc). Cảnh báo từ "
        "01/10 khi xã chưa đủ số hội nghị của năm: mốc 01/10 (còn một quý để tổ chức) là "
        "chính sách của Coso.",
    ),
    (
        "warning.reception.behind",
        "Cảnh báo: tiếp công dân định kỳ không đủ",
        "schedule",
        "",
        {
            "test": "share_below",
            "part": "reception.periods_held",
            "whole": "reception.periods_required",
            "numerator": 75,
            "denominator": 100,
            "min_whole": 4,
        },
        f"{LR}, điều 15 khoản 2 điểm d",
        LR_FROM,
        "Chủ tịch UBND xã trực tiếp tiếp công dân tại trụ sở ít nhất 01 ngày trong 01 tuần "
        "(đối chiếu: trích dẫn nguyên văn điều 15 khoản 2 trên thuvienphapluat.vn). Cảnh báo "
        "khi số tuần (tháng) đã tiếp đủ dưới 75% số tuần (tháng) phải tiếp, tính từ khi có ít "
        f"nhất 4 tuần (tháng) phải tiếp: {POLICY}",
    ),
    (
        "warning.decision.quorum_missing",
        "Cảnh báo: nội dung thôn quyết định mà không ghi số hộ tham gia",
        "count",
        "",
        {"test": "at_least", "figure": "decisions.quorum_missing", "min": 1},
        f"{GDL}, điều 20, 21; {D59}, điều 3",
        GDL_FROM,
        "Biên bản, kết quả gửi UBND xã ghi tổng số hộ, số hộ tham dự, tỷ lệ biểu quyết (điều "
        "20); tỷ lệ tính trên tổng số hộ (điều 21 khoản 1). Cảnh báo khi một nội dung đã kiểm "
        "phiếu trong năm không ghi tổng số hộ hoặc số hộ tham gia. Số điều theo DOMAIN.md; lần "
        "rà soát này chưa tìm được trang lưu trữ để đối chiếu lại.",
    ),
    (
        "warning.report.late",
        "Cảnh báo: báo cáo định kỳ chậm gửi",
        "period",
        CALENDAR,
        {"default": 5, "test": "report_late"},
        "Nghị định 09/2019/NĐ-CP (chế độ báo cáo của cơ quan hành chính nhà nước), điều 12 "
        "(thời hạn gửi báo cáo định kỳ; số điều chưa đối chiếu); hạn gửi theo từng loại báo cáo",
        GDL_FROM,
        "Hạn gửi là của loại báo cáo (ReportType). Nghị định 09/2019/NĐ-CP được các quyết định "
        "quy định chế độ báo cáo định kỳ của tỉnh viện dẫn làm căn cứ (Kon Tum 06/2024, Quảng "
        "Trị 41/2019); điều 12 là số điều Coso ghi theo trí nhớ, chưa đối chiếu với văn bản. Cảnh báo khi quá hạn gửi 5 ngày mà chưa "
        f"gửi: {POLICY}",
    ),
    (
        "warning.pib.unanswered",
        "Cảnh báo: kiến nghị của Ban Thanh tra nhân dân chưa được trả lời đúng hạn",
        "count",
        "",
        {"test": "at_least", "figure": "pib.overdue", "min": 1},
        f"{GDL}, điều 40 khoản 1 điểm c",
        GDL_FROM,
        "Thời hạn trả lời là quy định oversight.pib.reply_days (hạn của việc cần theo dõi tạo "
        "từ kiến nghị). Cảnh báo khi có kiến nghị quá hạn mà chưa trả lời. Lần rà soát này chưa "
        "tìm được trang lưu trữ để đối chiếu lại điều luật.",
    ),
    (
        "warning.hotspot.open_long",
        "Cảnh báo: điểm nóng kéo dài chưa được giải quyết",
        "period",
        CALENDAR,
        {"default": 30, "test": "hotspot_open"},
        f"{LR}, điều 15 khoản 2 điểm đ; {LC}, điều 28",
        LR_FROM,
        "Chủ tịch UBND xã phối hợp xử lý vụ việc nhiều người cùng khiếu nại, tố cáo, kiến "
        "nghị, phản ánh về một nội dung (điều 15 khoản 2, đối chiếu trên thuvienphapluat.vn); "
        "thời hạn giải quyết khiếu nại lần đầu 30 ngày (điều 28) được lấy làm mốc tham chiếu. "
        f"Cảnh báo khi điểm nóng mở quá 30 ngày: {POLICY}",
    ),
]
