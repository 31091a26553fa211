"""`OfficialDocument`: the document built top to bottom — head, title, headings,
paragraphs, tables (a landscape page for a wide one), the foot — in the layout the
package's docstring describes."""

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from coso.core.documents.formats import figure, is_figure, place_and_date
from coso.core.documents.issuers import Signer
from coso.core.documents.layout import (
    BODY_SIZE,
    FONT,
    HEAD_WIDTHS,
    LEFT,
    MOTTO,
    NATIONAL_TITLE,
    PAGE,
    PORTRAIT_COLUMNS,
    RIGHT,
    TABLE_SIZE,
    _border,
    _cant_split,
    _cell,
    _page,
    _page_number,
    _recipients,
    _repeat_header,
    _rule,
    _signature,
    _write,
)


class OfficialDocument:
    """A document in the Decree 30/2020 layout, built top to bottom:

    doc = OfficialDocument(parent_body="UBND TỈNH LAI CHÂU", issuing_body="BAN CHỈ ĐẠO…",
                           number="12", symbol="BC-BCĐ", place="Lai Châu", date=day,
                           kind_title="BÁO CÁO", summary="Kết quả …")
    doc.heading("I. KẾT QUẢ"); doc.paragraph("…"); doc.table(header, rows, title="1. …")
    doc.closing(recipients=["Ban Chỉ đạo …"], signers=[Signer(title="TRƯỞNG BAN", name=…)])
    data = doc.to_bytes()
    """

    def __init__(
        self,
        *,
        issuing_body: str,
        kind_title: str,
        place: str,
        date: dt.date | None,
        parent_body: str = "",
        number: str = "",
        symbol: str = "",
        summary: str = "",
    ) -> None:
        self.document: DocxDocument = Document()
        # Headings not yet followed by content: a wide table takes them to its page.
        self._pending: list[Paragraph] = []
        self._setup()
        self._head(parent_body, issuing_body, _number_line(number, symbol), place, date)
        self._title(kind_title, summary)

    # -- set-up -------------------------------------------------------------------
    def _setup(self) -> None:
        section = self.document.sections[0]
        _page(section, landscape=False)
        style = self.document.styles["Normal"]
        style.font.name = FONT  # type: ignore[attr-defined]
        style.font.size = Pt(BODY_SIZE)  # type: ignore[attr-defined]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:eastAsia", "w:cs", "w:hAnsi", "w:ascii"):
            fonts.set(qn(attribute), FONT)
        style.paragraph_format.space_after = Pt(0)  # type: ignore[attr-defined]
        # Page numbers from page 2, centred in the top margin.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # blank on page 1
        _page_number(section)

    def _head(
        self, parent: str, issuing: str, number_line: str, place: str, day: dt.date | None
    ) -> None:
        head = self._grid(2, HEAD_WIDTHS, borders=False)
        left, right = head.rows[0].cells
        if parent:
            _write(left.paragraphs[0], parent.upper(), size=13)
            _write(left.add_paragraph(), issuing.upper(), size=13, bold=True)
        else:
            _write(left.paragraphs[0], issuing.upper(), size=13, bold=True)
        _rule(left, HEAD_WIDTHS[0], Mm(25))
        _write(right.paragraphs[0], NATIONAL_TITLE, size=12, bold=True)
        _write(right.add_paragraph(), MOTTO, size=13, bold=True)
        _rule(right, HEAD_WIDTHS[1], Mm(58))
        bottom = head.add_row().cells
        _write(bottom[0].paragraphs[0], number_line, size=13)
        if day is not None:
            _write(bottom[1].paragraphs[0], place_and_date(place, day), size=13, italic=True)
            bottom[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for row in head.rows:
            _cant_split(row._tr)
            for c in row.cells:
                for p in c.paragraphs:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _title(self, kind_title: str, summary: str) -> None:
        title = self.document.add_paragraph()
        title.paragraph_format.space_before = Pt(18)
        _write(title, kind_title.upper(), bold=True)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.keep_with_next = True
        if summary:
            line = self.document.add_paragraph()
            _write(line, summary, bold=True)
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            line.paragraph_format.keep_with_next = True
        rule = self.document.add_paragraph()
        _border(rule, Mm(55), self._width())
        rule.paragraph_format.space_after = Pt(12)

    # -- body -----------------------------------------------------------------------
    def heading(self, text: str, *, level: int = 1) -> Paragraph:
        """A heading, bold (italic too at level 3), never left alone at a page foot."""
        paragraph = self.document.add_paragraph()
        _write(paragraph, text, bold=True, italic=level >= 3)
        fmt = paragraph.paragraph_format
        fmt.keep_with_next = fmt.keep_together = True
        fmt.first_line_indent = Mm(10)
        fmt.space_before, fmt.space_after = Pt(6), Pt(6)
        self._pending.append(paragraph)
        return paragraph

    def paragraph(
        self, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True
    ) -> Paragraph:
        """A body paragraph: justified, the first line indented 10 mm."""
        self._pending = []
        paragraph = self.document.add_paragraph()
        _write(paragraph, text, bold=bold, italic=italic)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Mm(10) if indent else None
        fmt.space_after = Pt(6)
        return paragraph

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        title: str = "",
        widths: Sequence[float] | None = None,
        totals: int = 0,
    ) -> Table:
        """A ruled table: the header row bold, repeated on every page; no row split
        across pages; figures right-aligned, text left; a landscape page of its own
        when it has more than PORTRAIT_COLUMNS columns. `widths` are relative shares
        (the first column, the names, gets the most by default); the last `totals`
        rows (totals) are bold."""
        wide = len(header) > PORTRAIT_COLUMNS
        if wide:
            self._section(landscape=True)
            # The headings just written belong on the table's page, not alone at the
            # foot of the portrait one.
            sentinel = self.document.element.body.get_or_add_sectPr()
            for paragraph in self._pending:
                sentinel.addprevious(paragraph._p)
        if title:
            self.heading(title, level=2)
        self._pending = []
        shares = list(widths) if widths else _default_shares(len(header))
        grid = self._grid(len(header), _spread(shares, self._width()), borders=True)
        size = TABLE_SIZE - 1 if wide else TABLE_SIZE
        head = grid.rows[0]
        _repeat_header(head._tr)
        for c, text in zip(head.cells, header, strict=True):
            _cell(c, str(text), size=size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            c.paragraphs[0].paragraph_format.keep_with_next = True
        for n, values in enumerate(rows, 1):
            bold = n > len(rows) - totals
            row = grid.add_row()
            _cant_split(row._tr)
            for c, value in zip(row.cells, values, strict=True):
                text = figure(value) if not isinstance(value, str) else value
                align = WD_ALIGN_PARAGRAPH.RIGHT if is_figure(value) else WD_ALIGN_PARAGRAPH.LEFT
                _cell(c, text, size=size, bold=bold, align=align)
        if wide:
            self._section(landscape=False)
        else:
            self.document.add_paragraph().paragraph_format.space_after = Pt(6)
        return grid

    def closing(self, *, signers: Sequence[Signer], recipients: Sequence[str] = ()) -> None:
        """The foot: "Nơi nhận:" and its recipients on the left, the signature block on
        the right (or two signers side by side, as minutes have), kept on one page."""
        if recipients and len(signers) != 1:
            raise ValueError("recipients sit beside a single signer")
        self._pending = []
        self.document.add_paragraph().paragraph_format.keep_with_next = True
        grid = self._grid(2, (Mm(75), Mm(90)) if recipients else (Mm(82), Mm(83)), borders=False)
        row = grid.rows[0]
        _cant_split(row._tr)
        cells = list(row.cells)
        if recipients:
            _recipients(cells[0], recipients)
            _signature(cells[1], signers[0])
        elif len(signers) == 1:
            _signature(cells[1], signers[0])
        else:
            for c, signer in zip(cells, signers, strict=True):
                _signature(c, signer)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # -- helpers ----------------------------------------------------------------------
    def _width(self) -> Length:
        section = self.document.sections[-1]
        width = (section.page_width or PAGE[0]) - (section.left_margin or LEFT)
        return Length(width - (section.right_margin or RIGHT))

    def _grid(self, columns: int, widths: Sequence[Length], *, borders: bool) -> Table:
        grid = self.document.add_table(rows=1, cols=columns)
        if borders:
            grid.style = self.document.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
            for c in column.cells:
                c.width = width
        return grid

    def _section(self, *, landscape: bool) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        _page(section, landscape=landscape)
        section.different_first_page_header_footer = False
        _page_number(section)


def _number_line(number: str, symbol: str) -> str:
    if number and (not symbol or "/" in number):
        return f"Số: {number}"
    return f"Số: {number or '……'}/{symbol}" if symbol else "Số: ……"


def _default_shares(columns: int) -> list[float]:
    if columns == 1:
        return [1.0]
    return [2.6 if columns > 3 else 2.0] + [1.0] * (columns - 1)


def _spread(shares: Sequence[float], width: Length) -> list[Length]:
    total = sum(shares)
    return [Length(int(width * share / total)) for share in shares]
