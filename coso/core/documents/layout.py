"""The Decree 30/2020 measures (page, margins, font, sizes, the national title and the
motto) and the python-docx pieces that set them: page set-up, the page-number field,
runs, short lines, rows that never split, the foot's recipients and signature."""

from collections.abc import Sequence
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from coso.core.documents.issuers import Signer

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
