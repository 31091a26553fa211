"""A periodic report as the official DOCX (Decree 30/2020/NĐ-CP: issuing body beside the
national title, number and symbol, place and date, title, numbered sections with their
tables, recipients, signature block) and its XLSX annex (a sheet per table, a row per
sub-unit and a totals row, no cell a spreadsheet would run as a formula)."""

import io
from typing import Any

from django.utils import timezone, translation
from openpyxl import Workbook

from coso.core.documents import ARCHIVE, OfficialDocument, Signer, issuer_of, place_of, unit_title
from coso.core.text import whole
from coso.core.xlsx import cell
from coso.reports import periods
from coso.reports.exports import plain
from coso.reports.models import Report
from coso.reports.reporting import SENT, Table, coverage_of, tables
from coso.units.selectors import UnitKind


def roman(n: int) -> str:
    """A section's number as an administrative document writes it: I, II, … XLIX."""
    out = ""
    for value, numeral in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += numeral * count
    return out


# Where a province's report goes: the national level's mass-mobilisation commission
# (since 3 February 2025 the Central Propaganda and Mass Mobilisation Commission).
NATIONAL_RECIPIENT = "Ban Tuyên giáo và Dân vận Trung ương"
STEERING_COMMITTEE = "Ban Chỉ đạo thực hiện dân chủ ở cơ sở"


def bodies(report: Report) -> tuple[str, str, str]:
    """(parent body, issuing body, symbol of the report's number): a province's steering
    committee under its People's Committee (BC-BCĐ); a commune's People's Committee
    (BC-UBND); another unit under the unit above it."""
    unit = report.unit
    if unit.kind == UnitKind.PROVINCE:
        return f"UBND {unit_title(unit)}", STEERING_COMMITTEE, "BC-BCĐ"
    parent, issuing, suffix = issuer_of(unit)
    return parent, issuing, f"BC-{suffix}" if suffix else "BC"


def issuing_body(report: Report) -> str:
    """The issuing body written at the top left, on one line."""
    return bodies(report)[1].replace("\n", " ").upper()


def recipients(report: Report) -> list[str]:
    """Where the report goes: the steering committee of the level above (the national
    commission for a province), and the issuing body's file copy."""
    above = report.unit.parent
    while above is not None and above.kind not in (UnitKind.PROVINCE, UnitKind.COMMUNE):
        above = above.parent
    first = f"{STEERING_COMMITTEE} {unit_title(above)}" if above else NATIONAL_RECIPIENT
    return [first, ARCHIVE]


def signer(report: Report) -> Signer:
    """Who signs, on behalf of (TM.) the committee that issues the report."""
    committee = "Ban Chỉ đạo" if report.unit.kind == UnitKind.PROVINCE else "Ủy ban nhân dân"
    authority = (
        f"TM. {committee}" if report.unit.kind in (UnitKind.PROVINCE, UnitKind.COMMUNE) else ""
    )
    return Signer(authority=authority, title=report.signer_title or "Chủ tịch", name=report.signer)


def _number(value: Any) -> str:
    if value is None:
        return "—"
    # A no-break space keeps the percent sign with its number in a narrow cell; a
    # share writes itself with its base: "83,9 % (26/31)".
    if isinstance(value, int):
        return whole(value)
    text = f"{value}".replace(".", ",") + " %" if isinstance(value, float) else str(value)
    return text.replace(" %", "\u00a0%")


def _table(document: OfficialDocument, n: int, table: Table) -> None:
    header = ["Đơn vị", *[str(label) for _code, label in table.columns]]
    rows: list[list[Any]] = [[name, *map(_number, values)] for name, values in table.rows]
    if table.live is None:
        rows.append(["Tổng cộng", *map(_number, table.totals)])
    else:
        rows.append(["Tổng cộng theo báo cáo", *map(_number, table.totals)])
        rows.append(["Toàn đơn vị theo hệ thống", *map(_number, table.live)])
    totals = 1 if table.live is None else 2
    document.table(header, rows, title=f"{n}. {table.title}", totals=totals)


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
    parent, issuing, symbol = bodies(report)
    day = (
        report.signed_on
        or (report.submitted_at and timezone.localtime(report.submitted_at).date())
        or timezone.localdate()
    )
    period = periods.parse(report.period)
    document = OfficialDocument(
        parent_body=parent,
        issuing_body=issuing,
        number=report.number,
        symbol=symbol,
        place=report.place or place_of(report.unit),
        date=day,
        kind_title="BÁO CÁO",
        summary=f"{report.report_type.title} — {period.label}",
    )
    if report.report_type.basis:
        document.paragraph(f"Căn cứ: {report.report_type.basis}.")
    document.heading(f"{roman(1)}. SỐ LIỆU")
    for line in coverage_lines(report):
        document.paragraph(line)
    for n, table in enumerate(tables(report), 1):
        _table(document, n, table)
    for i, section in enumerate(report.report_type.sections, 1):
        document.heading(f"{roman(i + 1)}. {section['title'].upper()}")
        for line in (report.narrative.get(section["key"]) or "…").splitlines():
            document.paragraph(line)
    document.closing(recipients=recipients(report), signers=[signer(report)])
    return document.to_bytes()


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
