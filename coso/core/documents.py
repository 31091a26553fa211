"""One builder for every official document Coso prints (reports, minutes, syntheses,
board reports), laid out as Decree 30/2020/NĐ-CP, art. 8 and Appendix I, asks:

- A4, Times New Roman, body 14 pt; margins 20 mm top and bottom, 30 mm left, 15 mm right.
- At the head, a borderless two-column table: on the left the parent body (upper case,
  not bold) above the issuing body (upper case, bold) with a short line under it, then
  "Số: …/…"; on the right the national title (bold, 12–13 pt), the motto (bold,
  13–14 pt) with a line under it as long as the motto, then place and date in italics.
- The kind of document bold, upper case, centred; its summary bold under it, with a
  short line under the summary.
- Page numbers in Arabic figures centred in the top margin, not shown on the first page
  (Appendix I, part II, section 3) — a PAGE field in the header of every page but the first.
- At the foot: "Nơi nhận:" bold italic 12 pt with a recipient a line (11 pt) beside the
  signature block (the signer's authority and title upper case bold, the name bold),
  the whole foot kept on one page.

Tables repeat their bold header row on each page and never split a row across pages;
figures are right-aligned; a table with more columns than a portrait page holds gets a
landscape section of its own; headings are kept with what follows them."""

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from coso.core.text import whole

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"
BODY_SIZE = 14
TABLE_SIZE = 12
PAGE = (Mm(210), Mm(297))
TOP = BOTTOM = Mm(20)
LEFT, RIGHT = Mm(30), Mm(15)
# A portrait A4 page leaves 165 mm between the margins: past seven columns a table's
# figures no longer fit a cell at 12 pt, so the table gets a landscape page.
PORTRAIT_COLUMNS = 7
HEAD_WIDTHS = (Mm(68), Mm(97))  # issuing body | national title (165 mm in all)

# A cell that holds a figure: digits with their separators, a percent sign, or a dash
# for "no figure".
# A figure: a number, a share ("83,9 %"), a share with its base ("83,9 % (26/31)"), or
# a dash for none.
_FIGURE = re.compile(r"^[-+−]?\d[\d.,\u00a0 ]*(\s?%)?(\s?\(\d[\d.]*/\d[\d.]*\))?$|^[—–-]$")
# The elements that may follow w:pBdr in a paragraph's properties (ECMA-376 order).
_AFTER_PBDR = [
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]


def place_and_date(place: str, day: dt.date) -> str:
    """ "Lai Châu, ngày 06 tháng 12 năm 2026": days below 10 and the months January and
    February take a leading zero (Decree 30/2020, Appendix I, part II, section 5)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def figure(value: Any) -> str:
    """A figure as the documents write it: thousands grouped, a dash for none, a
    decimal comma, and a percent sign that never leaves its number (no-break space)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return whole(value)
    if isinstance(value, float | Decimal):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def percent(value: Any) -> str:
    return "—" if value is None else f"{figure(value)}\u00a0%"


def is_figure(value: Any) -> bool:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and bool(_FIGURE.match(value.strip()))


ARCHIVE = "Lưu: VT"


def unit_title(unit: Any) -> str:
    """A unit's name with its kind, as a heading writes it: "tỉnh Lai Châu" (a
    province's name in the national list has no kind), "Xã Tam Đường" (a commune's has)."""
    if unit.kind == "province":
        city = unit.division_type == "thanh_pho_trung_uong"
        return f"{'thành phố' if city else 'tỉnh'} {unit.name}"
    if unit.kind == "commune":  # "xã Tam Đường" inside a sentence
        return f"{unit.name[:1].lower()}{unit.name[1:]}"
    return str(unit.name)


def issuer_of(unit: Any) -> tuple[str, str, str]:
    """(parent body, issuing body, symbol suffix) of what a unit issues: a province's or
    a commune's People's Committee (UBND) stands alone; a village writes its commune's
    committee above itself; an agency or enterprise the unit above it."""
    if unit.kind in ("province", "commune"):
        return "", f"Ủy ban nhân dân\n{unit_title(unit)}", "UBND"
    parent = unit.parent
    if parent is None:
        return "", str(unit.name), ""
    above = f"UBND {unit_title(parent)}" if parent.kind in ("province", "commune") else parent.name
    return above, str(unit.name), ""


def place_of(unit: Any) -> str:
    """The place written before the date: the name of the commune (or province) the
    unit lies in, without its kind unless the name is a number ("Tam Đường", "Phường 5")."""
    while unit.parent is not None and unit.kind not in ("province", "commune"):
        unit = unit.parent
    name = str(unit.name)
    for kind in ("Xã ", "Phường ", "Đặc khu "):
        rest = name.removeprefix(kind)
        if rest != name and not rest.isdigit():
            return rest
    return name


@dataclass(frozen=True)
class Signer:
    """Who signs: the authority they sign for ("TM. ỦY BAN NHÂN DÂN"), their title
    ("CHỦ TỊCH") and their name; `note` is a line in italics under the title."""

    title: str
    name: str = ""
    authority: str = ""
    note: str = ""


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


def _page(section: Any, *, landscape: bool) -> None:
    width, height = PAGE
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(10)


def _page_number(section: Any) -> None:
    """A PAGE field centred in this section's header (its own, not inherited, so that a
    landscape page numbers itself as the portrait ones do)."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(BODY_SIZE)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1")):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _write(
    paragraph: Paragraph,
    text: str,
    *,
    size: int = BODY_SIZE,
    bold: bool = False,
    italic: bool = False,
) -> None:
    for n, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        if n:
            run._r.addprevious(OxmlElement("w:br"))
        run.font.size, run.bold, run.italic = Pt(size), bold, italic


def _cell(c: _Cell, text: str, *, size: int, bold: bool, align: Any) -> None:
    paragraph = c.paragraphs[0]
    _write(paragraph, text, size=size, bold=bold)
    paragraph.alignment = align


def _border(paragraph: Paragraph, length: Length, width: Length) -> None:
    """A short horizontal line, `length` long, centred in `width`: the top border of an
    empty paragraph whose indents leave that length."""
    side = Length(max(0, (width - length) // 2))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.space_before, fmt.space_after = Pt(2), Pt(0)
    fmt.line_spacing = Pt(4)
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for attribute, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
        top.set(qn(attribute), value)
    top.set(qn("w:color"), "auto")
    border.append(top)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_PBDR)


def _rule(c: _Cell, width: Length, length: Length) -> None:
    _border(c.add_paragraph(), length, width)


def _cant_split(tr: Any) -> None:
    tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(tr: Any) -> None:
    _cant_split(tr)
    tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _default_shares(columns: int) -> list[float]:
    if columns == 1:
        return [1.0]
    return [2.6 if columns > 3 else 2.0] + [1.0] * (columns - 1)


def _spread(shares: Sequence[float], width: Length) -> list[Length]:
    total = sum(shares)
    return [Length(int(width * share / total)) for share in shares]


def _recipients(c: _Cell, recipients: Sequence[str]) -> None:
    first = c.paragraphs[0]
    _write(first, "Nơi nhận:", size=12, bold=True, italic=True)
    for n, name in enumerate(recipients, 1):
        end = "." if n == len(recipients) else ";"
        _write(c.add_paragraph(), f"- {name.rstrip('.;')}{end}", size=11)


def _signature(c: _Cell, signer: Signer) -> None:
    lines: list[tuple[str, dict[str, Any]]] = []
    if signer.authority:
        lines.append((signer.authority.upper(), {"bold": True}))
    lines.append((signer.title.upper(), {"bold": True}))
    if signer.note:
        lines.append((signer.note, {"italic": True, "size": 12}))
    lines += [("", {}), ("", {}), ("", {})]
    lines.append((signer.name, {"bold": True}))
    for n, (text, style) in enumerate(lines):
        paragraph = c.paragraphs[0] if n == 0 else c.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        if text:
            _write(paragraph, text, **style)
