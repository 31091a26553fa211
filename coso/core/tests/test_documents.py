"""The one builder of official documents, read back with python-docx: the Decree
30/2020 layout (bold national title, motto and issuing body with their lines, italic
place and date, bold title, page numbers from page 2, "Nơi nhận" bold italic, signer
bold), tables whose header row repeats and whose rows never split, figures to the
right, wide tables on landscape pages with their heading."""

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from coso.core.documents import (
    MOTTO,
    NATIONAL_TITLE,
    PORTRAIT_COLUMNS,
    OfficialDocument,
    Signer,
    place_and_date,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def runs_of(document: Any) -> dict[str, Any]:
    """Every run of the body and its tables, by text (the last one wins)."""
    found = {}
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            found[run.text] = run
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        found[run.text] = run
    return found


def tables_by_orientation(document: Any) -> list[tuple[Any, Any]]:
    """(table element, orientation of its section) for each table of the body: a
    table belongs to the section whose w:sectPr comes next."""
    pending, out = [], []
    sections = iter(document.sections)
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}tbl":
            pending.append(child)
        closes = child.tag == f"{W}sectPr" or child.find(f"{W}pPr/{W}sectPr") is not None
        if closes:
            orientation = next(sections).orientation
            out += [(t, orientation) for t in pending]
            pending = []
    return out


def build() -> bytes:
    doc = OfficialDocument(
        parent_body="UBND tỉnh Lai Châu",
        issuing_body="Ban Chỉ đạo thực hiện dân chủ ở cơ sở",
        number="12",
        symbol="BC-BCĐ",
        place="Lai Châu",
        date=dt.date(2026, 12, 6),
        kind_title="Báo cáo",
        summary="Sơ kết 6 tháng đầu năm 2026",
    )
    doc.heading("I. SỐ LIỆU")
    columns = PORTRAIT_COLUMNS + 4
    rows = [[f"Xã Mường {n}", *range(1000, 1000 + columns - 1)] for n in range(60)]
    doc.table(["Đơn vị", *[f"Chỉ tiêu {i}" for i in range(columns - 1)]], rows, title="1. Rộng")
    doc.table(["Đơn vị", "Số"], [["Xã A", 5], ["Tổng cộng", "—"]], title="2. Hẹp", totals=1)
    doc.paragraph("Các xã đã công khai đầy đủ.")
    doc.closing(
        recipients=["Ban Tuyên giáo và Dân vận Trung ương", "Lưu: VT"],
        signers=[Signer(authority="TM. Ban Chỉ đạo", title="Trưởng ban", name="Nguyễn Văn A")],
    )
    return doc.to_bytes()


def test_the_head_title_and_signature_are_set_as_the_decree_asks():
    document = Document(io.BytesIO(build()))
    runs = runs_of(document)
    for bold in (NATIONAL_TITLE, MOTTO, "BAN CHỈ ĐẠO THỰC HIỆN DÂN CHỦ Ở CƠ SỞ", "BÁO CÁO"):
        assert runs[bold].bold, bold
    assert runs["Sơ kết 6 tháng đầu năm 2026"].bold
    assert not runs["UBND TỈNH LAI CHÂU"].bold  # the parent body above, not bold
    assert runs["Số: 12/BC-BCĐ"].text
    day = runs["Lai Châu, ngày 06 tháng 12 năm 2026"]
    assert day.italic and not day.bold
    assert runs["Nơi nhận:"].bold and runs["Nơi nhận:"].italic
    assert runs["- Ban Tuyên giáo và Dân vận Trung ương;"].font.size.pt == 11
    assert runs["- Lưu: VT."].text
    for bold in ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "Nguyễn Văn A"):
        assert runs[bold].bold, bold
    # The short lines under the issuing body, the motto and the summary.
    head = document.tables[0]._tbl
    assert len(head.findall(f".//{W}pBdr/{W}top")) == 2
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_pages_are_numbered_in_the_header_from_the_second_page():
    document = Document(io.BytesIO(build()))
    for section in document.sections:
        instructions = [t.text for t in section.header._element.iter(f"{W}instrText")]
        assert instructions == [" PAGE "]
        assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    first = document.sections[0]
    assert first.different_first_page_header_footer
    assert not list(first.first_page_header._element.iter(f"{W}instrText"))


def test_tables_repeat_their_bold_header_and_never_split_a_row():
    document = Document(io.BytesIO(build()))
    for table in document.tables[1:3]:
        head, *body = table.rows
        assert head._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
        assert all(run.bold for c in head.cells for run in c.paragraphs[0].runs)
        name, number = body[0].cells[0], body[0].cells[1]
        assert name.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
        assert number.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    wide = document.tables[1]
    assert wide.rows[1].cells[1].text == "1.000"  # grouped thousands
    narrow = document.tables[2]
    assert narrow.rows[-1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert all(run.bold for run in narrow.rows[-1].cells[0].paragraphs[0].runs)  # totals


def test_a_wide_table_has_a_landscape_page_with_its_headings():
    document = Document(io.BytesIO(build()))
    placed = tables_by_orientation(document)
    wide, narrow = document.tables[1]._tbl, document.tables[2]._tbl
    assert (wide, WD_ORIENT.LANDSCAPE) in placed and (narrow, WD_ORIENT.PORTRAIT) in placed
    landscape = next(s for s in document.sections if s.orientation == WD_ORIENT.LANDSCAPE)
    assert landscape.page_width > landscape.page_height
    # The section heading and the table's title moved onto the landscape page, kept
    # with the table: no heading alone at the foot of the portrait page before it.
    body = list(document.element.body.iterchildren())
    at = body.index(wide)
    before = [text_of(e) for e in body[at - 3 : at]]
    assert before[-2:] == ["I. SỐ LIỆU", "1. Rộng"]
    assert body[at - 3].find(f"{W}pPr/{W}sectPr") is not None  # the portrait page ended
    for p in document.paragraphs:
        if p.text in ("I. SỐ LIỆU", "1. Rộng", "2. Hẹp"):
            assert p.paragraph_format.keep_with_next


def text_of(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def test_place_and_date_take_leading_zeros_as_the_decree_writes_them():
    assert place_and_date("Lai Châu", dt.date(2026, 2, 5)) == "Lai Châu, ngày 05 tháng 02 năm 2026"
    assert place_and_date("Lai Châu", dt.date(2026, 3, 15)) == "Lai Châu, ngày 15 tháng 3 năm 2026"
