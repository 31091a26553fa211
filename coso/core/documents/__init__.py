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
landscape section of its own; headings are kept with what follows them.

The parts: `formats` writes figures and dates as the documents do; `issuers` names who
issues, where, and who signs; `layout` holds the Decree's measures and the python-docx
pieces that set them; `builder` is `OfficialDocument`, which puts them together;
`printed` is `PrintedDocument`, the same calls kept for a page the browser prints.
Callers use `coso.core.documents.<name>`."""

from coso.core.documents.builder import OfficialDocument
from coso.core.documents.formats import figure, is_figure, percent, place_and_date
from coso.core.documents.issuers import ARCHIVE, Signer, issuer_of, place_of, unit_title
from coso.core.documents.layout import MOTTO, NATIONAL_TITLE, PORTRAIT_COLUMNS
from coso.core.documents.printed import PrintedDocument

# Either builder: a function that writes a document takes it and calls the same methods.
AnyDocument = OfficialDocument | PrintedDocument

__all__ = [
    "ARCHIVE",
    "AnyDocument",
    "MOTTO",
    "NATIONAL_TITLE",
    "PORTRAIT_COLUMNS",
    "OfficialDocument",
    "PrintedDocument",
    "Signer",
    "figure",
    "is_figure",
    "issuer_of",
    "percent",
    "place_and_date",
    "place_of",
    "unit_title",
]
