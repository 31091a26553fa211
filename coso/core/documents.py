"""Word documents laid out as Vietnamese administrative documents are (Decree
30/2020/NĐ-CP, art. 8 and its appendix): A4, Times New Roman, margins 20 mm top and
bottom, 30 mm left, 15 mm right; the national title and motto at the head."""

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def state_document(*, body_size: int = 14) -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(body_size)
    return document


def centered(document: DocxDocument, text: str, *, bold: bool = False, size: int = 13) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def national_title(document: DocxDocument) -> None:
    centered(document, NATIONAL_TITLE, bold=True)
    centered(document, MOTTO, bold=True, size=14)
