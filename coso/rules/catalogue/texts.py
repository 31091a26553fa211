"""The texts the rules cite, the dates they took effect, the catalogues the rules list,
and the helpers that shape a rule's value.

Abbreviations as in DOMAIN.md: GDL = Law 10/2022/QH15 (as amended by Laws 47/2024/QH15
and 97/2025/QH15); D59 = Decree 59/2023/NĐ-CP;
D61 = Decree 61/2023/NĐ-CP; LC = Law 02/2011/QH13; C07 = Circular 07/2013/TT-TTCP;
LD = Law 25/2018/QH14; LR = Law 42/2013/QH13; D20 = Decree 20/2008/NĐ-CP;
LAB = Labour Code 45/2019/QH14; BLDS = Civil Code 91/2015/QH13; L136 = Law 136/2025/QH15
(amending LR, LC, LD); D124 = Decree 124/2020/NĐ-CP (complaints) as amended by D155 =
Decree 155/2026/NĐ-CP.
"""

import datetime as dt
from typing import Any

GDL = (
    "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (sửa đổi bởi Luật số 47/2024/QH15 và "
    "Luật số 97/2025/QH15)"
)
D59 = "Nghị định 59/2023/NĐ-CP"
D61 = "Nghị định 61/2023/NĐ-CP"
LC = "Luật Khiếu nại số 02/2011/QH13"
C07 = "Thông tư 07/2013/TT-TTCP (sửa đổi bởi Thông tư 02/2016/TT-TTCP)"
LD = "Luật Tố cáo số 25/2018/QH14"
LR = "Luật Tiếp công dân số 42/2013/QH13"
D20 = "Nghị định 20/2008/NĐ-CP"
LAB = "Bộ luật Lao động số 45/2019/QH14"
BLDS = "Bộ luật Dân sự số 91/2015/QH13"
L136 = "Luật số 136/2025/QH15"
D124 = "Nghị định 124/2020/NĐ-CP"
D155 = "Nghị định 155/2026/NĐ-CP"

# Dates the texts took effect (GDL art. 91; LC art. 70; LD art. 66; LR art. 36;
# LAB art. 220; BLDS art. 689). Decrees 59 and 61 of 2023: the dates of effect the
# codified text (Bộ pháp điển, đề mục "Thực hiện dân chủ ở cơ sở") gives for each.
GDL_FROM = dt.date(2023, 7, 1)
D59_FROM = dt.date(2023, 8, 15)
D61_FROM = dt.date(2023, 8, 16)
LC_FROM = dt.date(2012, 7, 1)
LD_FROM = dt.date(2019, 1, 1)
LR_FROM = dt.date(2014, 7, 1)
# Law 136/2025/QH15 and Decrees 154–156/2026/NĐ-CP (citizen reception, complaints,
# denunciations) take effect together (D155 art. 21(1), D154 art. 44).
LAW_136_FROM = dt.date(2026, 7, 1)

# Law 97/2025/QH15 (in force 1 July 2025) amended 31 of the GDL's 91 articles. What was
# read and what could not be is said once, in docs/rules.md ("Luật 97/2025/QH15"); each
# GDL rule's note carries this status line.
LAW_97_UNREAD = (
    "Luật 97/2025/QH15: chưa xác định điều này có bị sửa hay không — chưa đọc được điều 4 "
    "của luật (xem docs/rules.md, mục “Luật 97/2025/QH15”); giá trị giữ theo bản 2022."
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


def listed(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    return {"items": [{"key": key, "label": label} for key, label in pairs]}


def days(default: int, **variants: int) -> dict[str, Any]:
    return {"default": default, **variants}


def ratio(numerator: int, denominator: int, *, strict: bool, base: str) -> dict[str, Any]:
    return {"numerator": numerator, "denominator": denominator, "strict": strict, "base": base}


# (code, title, kind, unit, value, citation, effective_from, note)
Rule = tuple[str, str, str, str, dict[str, Any], str, dt.date, str]
