"""Spreadsheet cells that stay data: text a spreadsheet would run as a formula is
written as text (CSV/formula injection)."""

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# A value starting with one of these would be read as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        written.data_type = "s"
        written.quotePrefix = True
    return written
