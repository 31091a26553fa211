"""A dashboard's table as XLSX: one row per sub-unit, a totals row."""

import io
from typing import Any

from openpyxl import Workbook

from coso.core.xlsx import cell


def plain(value: Any) -> Any:
    """A figure as a spreadsheet cell: numbers stay numbers; a share is written with its
    base ("83,9 % (26/31)"), as on the page."""
    return value if value is None or isinstance(value, int | float) else str(value)


def table_xlsx(*, title: str, table: dict[str, Any]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chi tieu")
    sheet.append([cell(sheet, title)])
    sheet.append(
        [cell(sheet, v) for v in ["Đơn vị", *[str(label) for _c, label in table["columns"]]]]
    )
    for _unit, name, _own, values in table["rows"]:
        sheet.append([cell(sheet, plain(v)) for v in [name, *values]])
    sheet.append([cell(sheet, plain(v)) for v in ["Tổng cộng", *table["totals"]]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
