"""Later versions of catalogue rules, each in force from the day a text changed it.

A revision never edits the version before it: that one ends the day the revision starts
and keeps applying to the cases that started under it (a complaint received on
30 June 2026 keeps 10 working days to be accepted). Loaded by data migrations.
"""

import datetime as dt
from typing import Any

from coso.rules.catalogue.texts import D124, D155, L136, LAW_136_FROM, LC, LR, days

# (code, value, citation, effective_from, note)
Revision = tuple[str, dict[str, Any], str, dt.date, str]

ACCEPT_NOTE = (
    "Đã đối chiếu Nghị định 155/2026/NĐ-CP (bản lưu van-ban/tu-phap/ của kho "
    "diepxuan/diepxuan.github.io), điều 10 sửa khoản 1 điều 16 Nghị định 124/2020/NĐ-CP: "
    "“Trong thời hạn 07 ngày làm việc, kể từ ngày nhận được khiếu nại … người có thẩm quyền "
    "giải quyết khiếu nại lần đầu hoặc lần hai phải thụ lý giải quyết”; hiệu lực 01/07/2026 "
    "(điều 21 khoản 1). Khiếu nại nhận trước ngày này giữ 10 ngày làm việc."
)

REVISIONS: list[Revision] = [
    (
        "reception.commune.frequency",
        {"times": 2, "per": "month"},
        f"{LR}, điều 15 khoản 2 điểm d (sửa đổi bởi {L136}, điều 1 khoản 7)",
        LAW_136_FROM,
        "Ít nhất 2 ngày trong 1 tháng (“ít nhất 02 ngày trong 01 tháng”). Nguồn: người rà soát "
        "trích điều 15 Luật Tiếp công dân sửa đổi bởi Luật 136/2025/QH15, điều 1 khoản 7, cùng "
        "nội dung báo chí đã đưa tin; bản lưu của Luật 136/2025/QH15 chưa đọc được đến điều "
        "khoản này. Nghị định 154/2026/NĐ-CP (thay Nghị định 64/2014/NĐ-CP, hiệu lực "
        "01/07/2026) không quy định lại tần suất này. Tháng tính theo tháng dương lịch; ngày "
        "tiếp đếm theo ngày khác nhau.",
    ),
    (
        "complaint.first.accept",
        days(7),
        f"{LC}, điều 27; {D124}, điều 16 khoản 1 (sửa đổi bởi {D155}, điều 10)",
        LAW_136_FROM,
        ACCEPT_NOTE,
    ),
    (
        "complaint.second.accept",
        days(7),
        f"{LC}, điều 36; {D124}, điều 16 khoản 1 (sửa đổi bởi {D155}, điều 10)",
        LAW_136_FROM,
        ACCEPT_NOTE,
    ),
]
