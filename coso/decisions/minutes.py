"""The minutes (biên bản) of a meeting or ballot round as DOCX, in the usual layout of a
state document (Decree 30/2020/NĐ-CP art. 8): national title, place and date, body,
signatures."""

import io
from typing import Any

from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH

from coso.core.documents import centered, national_title, state_document
from coso.decisions.models import Matter, Method
from coso.decisions.selectors import participation_counts


def minutes_docx(*, matter: Matter) -> bytes:
    with translation.override("vi"):
        return _minutes(matter)


def _minutes(matter: Matter) -> bytes:
    document = state_document()
    national_title(document)
    day = matter.counted_on or matter.opened_on
    place = matter.unit.name
    right = document.add_paragraph(
        f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}" if day else place
    )
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    kind = "HỌP" if matter.method == Method.MEETING else "TỔNG HỢP PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH"
    centered(document, f"BIÊN BẢN {kind}", bold=True, size=14)
    centered(document, f"Về việc: {matter.title}", bold=True)
    outcome = matter.outcome or {}
    eligible, present = outcome.get("eligible", matter.eligible or 0), outcome.get("present", 0)
    document.add_paragraph(
        f"Đơn vị: {matter.unit.name}. Hình thức: {matter.get_method_display()}"
        f"{', bỏ phiếu kín' if matter.secret else ''}."
    )
    document.add_paragraph(
        f"Tổng số hộ (cử tri): {eligible}. Có mặt / tham gia: {present}. "
        f"Vắng: {eligible - present}."
    )
    channels = participation_counts(matter=matter)
    if channels:
        document.add_paragraph("Trong đó: " + "; ".join(f"{k}: {n}" for k, n in channels.items()))
    if matter.proposal:
        document.add_paragraph(f"Nội dung: {matter.proposal}")
    document.add_paragraph("Kết quả biểu quyết:").runs[0].bold = True
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Lựa chọn", "Số phiếu"
    tally = outcome.get("tally", {})
    for option in matter.options.all():
        cells = table.add_row().cells
        cells[0].text, cells[1].text = option.label, str(tally.get(option.key, 0))
    if outcome.get("villages"):
        document.add_paragraph("Kết quả theo thôn, tổ dân phố:").runs[0].bold = True
        _village_table(document, outcome["villages"])
    document.add_paragraph("Kết luận:").runs[0].bold = True
    for line in outcome.get("lines", []):
        document.add_paragraph(line, style="List Bullet")
    if matter.report_due:
        document.add_paragraph(
            f"Gửi Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc cấp xã chậm nhất "
            f"ngày {matter.report_due:%d/%m/%Y}."
        )
    signatures = document.add_table(rows=2, cols=2)
    signatures.rows[0].cells[0].text = "THƯ KÝ"
    signatures.rows[0].cells[1].text = "NGƯỜI CHỦ TRÌ"
    signatures.rows[1].cells[0].text = f"(Ký, ghi rõ họ tên)\n\n\n{matter.secretary}"
    signatures.rows[1].cells[1].text = f"(Ký, ghi rõ họ tên)\n\n\n{matter.chair}"
    for row in signatures.rows:
        for cell in row.cells:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _village_table(document: Any, villages: list[dict[str, Any]]) -> None:
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    heads = ("Thôn, tổ dân phố", "Số hộ", "Tham gia", "Đồng ý", "Tỷ lệ", "Kết quả")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.text = text
    for v in villages:
        verdict = ("Tán thành" if v["passed"] else "Không tán thành") + (
            " (theo cuộc họp)" if v.get("carried") else ""
        )
        values = (v["name"], v["eligible"], v["present"], v["yes"], v["pct"], verdict)
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = str(value)
