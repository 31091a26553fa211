"""`PrintedDocument`: an official document for the browser to print. It takes the same
calls as `OfficialDocument` (head, headings, paragraphs, tables, the foot), so one
function writes a document once — the minutes, say — and gets either the DOCX or the
page; the template core/printed_document.html lays the blocks out in the Decree's
order and the print rules (the `@media print` block at the end of coso/static/coso/coso.css) sets the page."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from coso.core.documents.builder import _number_line
from coso.core.documents.formats import figure, is_figure, place_and_date
from coso.core.documents.issuers import Signer
from coso.core.documents.layout import MOTTO, NATIONAL_TITLE


@dataclass(frozen=True)
class Cell:
    text: str
    figure: bool


@dataclass
class Block:
    """One part of the body: a heading, a paragraph or a table."""

    kind: str  # "heading" | "paragraph" | "table"
    text: str = ""
    bold: bool = False
    level: int = 1
    header: Sequence[str] = ()
    rows: list[list[Cell]] = field(default_factory=list)
    totals: int = 0


class PrintedDocument:
    """`OfficialDocument`'s calls, kept as blocks for a template."""

    national_title = NATIONAL_TITLE
    motto = MOTTO

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
        self.parent_body, self.issuing_body = parent_body.upper(), issuing_body.upper()
        self.number_line = _number_line(number, symbol)
        self.place_and_date = place_and_date(place, date) if date is not None else ""
        self.kind_title, self.summary = kind_title.upper(), summary
        self.blocks: list[Block] = []
        self.signers: Sequence[Signer] = ()
        self.recipients: Sequence[str] = ()

    def heading(self, text: str, *, level: int = 1) -> None:
        self.blocks.append(Block("heading", text, level=level))

    def paragraph(
        self, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True
    ) -> None:
        self.blocks.append(Block("paragraph", text, bold=bold))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        title: str = "",
        widths: Sequence[float] | None = None,
        totals: int = 0,
    ) -> None:
        if title:
            self.heading(title, level=2)
        cells = [
            [Cell(v if isinstance(v, str) else figure(v), is_figure(v)) for v in row]
            for row in rows
        ]
        self.blocks.append(Block("table", header=header, rows=cells, totals=totals))

    def closing(self, *, signers: Sequence[Signer], recipients: Sequence[str] = ()) -> None:
        self.signers, self.recipients = signers, recipients
