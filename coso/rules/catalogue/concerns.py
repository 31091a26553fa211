"""Knowing where trouble starts (issue 21): when records on one topic make a hotspot,
and when the figures show democracy not being practised (warnings). Filled in by the
work on hotspots and on warnings; each entry names its legal basis, and says where a
number is Coso's own policy rather than the law's."""

from coso.rules.catalogue.texts import CALENDAR, LC, LR, LR_FROM, Rule, days

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

# Warnings (coso/alerts): each `warning.*` rule with its legal basis.
WARNINGS: list[Rule] = []
