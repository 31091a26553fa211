"""A periodic report as the official DOCX (Decree 30/2020/NĐ-CP: issuing body beside the
national title, number and symbol, place and date, title, numbered sections with their
tables, recipients, signature block) and its XLSX annex (a sheet per table, a row per
sub-unit and a totals row, no cell a spreadsheet would run as a formula)."""

import io
from typing import Any

from django.utils import timezone, translation
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook

from coso.core.documents import MOTTO, NATIONAL_TITLE, centered, state_document
from coso.core.text import whole
from coso.core.xlsx import cell
from coso.reports import periods
from coso.reports.exports import plain
from coso.reports.models import Report
from coso.reports.reporting import SENT, Table, coverage_of, tables


def roman(n: int) -> str:
    """A section's number as an administrative document writes it: I, II, … XLIX."""
    out = ""
    for value, numeral in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += numeral * count
    return out


def issuing_body(report: Report) -> str:
    """The issuing body written at the top left: a province's steering committee, or
    the People's Committee of a commune (or the agency itself)."""
    if report.unit.kind == "province":
        return f"BAN CHỈ ĐẠO THỰC HIỆN DÂN CHỦ Ở CƠ SỞ {report.unit.name.upper()}"
    if report.unit.kind == "commune":
        return f"ỦY BAN NHÂN DÂN {report.unit.name.upper()}"
    return report.unit.name.upper()


def _number(value: Any) -> str:
    if value is None:
        return "—"
    return whole(value) if isinstance(value, int) else str(value)  # a share, with its base


def _head(document: DocxDocument, report: Report) -> None:
    head = document.add_table(rows=2, cols=2)
    left, right = head.rows[0].cells
    left.text, right.text = issuing_body(report), f"{NATIONAL_TITLE}\n{MOTTO}"
    number = report.number or "……/BC-……"
    head.rows[1].cells[0].text = f"Số: {number}"
    day = (report.submitted_at and timezone.localtime(report.submitted_at).date()) or (
        timezone.localdate()
    )
    place = report.place or report.unit.name
    head.rows[1].cells[1].text = f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"
    for row in head.rows:
        for c in row.cells:
            c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in c.paragraphs[0].runs:
                run.bold = row is head.rows[0]


def _table(document: DocxDocument, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns) + 1)
    grid.style = "Table Grid"
    header = grid.rows[0].cells
    header[0].text = "Đơn vị"
    for i, (_code, label) in enumerate(table.columns, 1):
        header[i].text = str(label)
    for name, values in table.rows:
        cells = grid.add_row().cells
        cells[0].text = name
        for i, value in enumerate(values, 1):
            cells[i].text = _number(value)
    cells = grid.add_row().cells
    cells[0].text = "Tổng cộng" if table.live is None else "Tổng cộng theo báo cáo"
    for i, value in enumerate(table.totals, 1):
        cells[i].text = _number(value)
    if table.live is not None:
        cells = grid.add_row().cells
        cells[0].text = "Toàn đơn vị theo hệ thống"
        for i, value in enumerate(table.live, 1):
            cells[i].text = _number(value)


def coverage_lines(report: Report) -> list[str]:
    """What a report added up from its sub-units' reports says of its coverage: whose
    reports it adds up, who had not sent theirs (with days late), and what the live row
    beside each table is — so the report itself explains a gap with the dashboard."""
    coverage = coverage_of(report)
    if coverage is None:
        return []
    lines = [
        f"Số liệu tổng hợp từ báo cáo của {len(coverage.included)}/{coverage.expected} đơn vị "
        "cấp dưới phải báo cáo. Dòng “Toàn đơn vị theo hệ thống” là số liệu của tất cả các "
        "đơn vị, kể cả đơn vị chưa gửi báo cáo, tại thời điểm "
        + ("gửi báo cáo." if report.status in SENT else "lập dự thảo.")
    ]
    if coverage.missing:
        named = "; ".join(
            f"{name} (quá hạn {late} ngày)" if late else name for name, late in coverage.missing
        )
        lines.append(f"Chưa gửi báo cáo ({len(coverage.missing)} đơn vị): {named}.")
    else:
        lines.append("Tất cả các đơn vị cấp dưới đã gửi báo cáo.")
    return lines


def report_docx(*, report: Report) -> bytes:
    with translation.override("vi"):
        return _report_docx(report)


def _report_docx(report: Report) -> bytes:
    document = state_document()
    _head(document, report)
    period = periods.parse(report.period)
    centered(document, "BÁO CÁO", bold=True, size=14)
    centered(document, f"{report.report_type.title} — {period.label}", bold=True, size=14)
    if report.report_type.basis:
        document.add_paragraph(f"Căn cứ: {report.report_type.basis}.")
    document.add_paragraph(f"{roman(1)}. SỐ LIỆU").runs[0].bold = True
    for line in coverage_lines(report):
        document.add_paragraph(line)
    for n, table in enumerate(tables(report), 1):
        document.add_paragraph(f"{n}. {table.title}").runs[0].bold = True
        _table(document, table)
    for i, section in enumerate(report.report_type.sections, 1):
        document.add_paragraph(f"{roman(i + 1)}. {section['title'].upper()}").runs[0].bold = True
        for line in (report.narrative.get(section["key"]) or "…").splitlines():
            document.add_paragraph(line)
    _signature(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _signature(document: DocxDocument, report: Report) -> None:
    block = document.add_table(rows=1, cols=2)
    recipients, signer = block.rows[0].cells
    above = report.unit.parent.name if report.unit.parent else "Ban Chỉ đạo Trung ương"
    recipients.text = f"Nơi nhận:\n- {above};\n- Lưu: VT."
    title = (report.signer_title or "CHỦ TỊCH").upper()
    signer.text = f"{title}\n(Ký, ghi rõ họ tên, đóng dấu)\n\n\n{report.signer}"
    signer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def report_xlsx(*, report: Report) -> bytes:
    """The annex: one sheet per figure table, one row per sub-unit, a totals row."""
    workbook = Workbook(write_only=True)
    for n, table in enumerate(tables(report), 1):
        sheet = workbook.create_sheet(f"Bieu {n}")
        sheet.append([cell(sheet, table.title)])
        sheet.append(
            [cell(sheet, v) for v in ["Đơn vị", *[str(label) for _c, label in table.columns]]]
        )
        rows = table.rows or [(report.unit.name, table.totals)]
        for name, values in rows:
            sheet.append([cell(sheet, plain(v)) for v in [name, *values]])
        total = "Tổng cộng" if table.live is None else "Tổng cộng theo báo cáo"
        sheet.append([cell(sheet, plain(v)) for v in [total, *table.totals]])
        if table.live is not None:
            live = ["Toàn đơn vị theo hệ thống", *table.live]
            sheet.append([cell(sheet, plain(v)) for v in live])
    notes = coverage_lines(report)
    if notes:
        sheet = workbook.create_sheet("Pham vi")
        for line in notes:
            sheet.append([cell(sheet, line)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
