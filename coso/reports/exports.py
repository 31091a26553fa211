"""A dashboard's table as XLSX: one row per sub-unit, a totals row."""

import io
from typing import Any

from openpyxl import Workbook

from coso.core.xlsx import cell


def table_xlsx(*, title: str, table: dict[str, Any]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chi tieu")
    sheet.append([cell(sheet, title)])
    sheet.append(
        [cell(sheet, v) for v in ["Đơn vị", *[str(label) for _c, label in table["columns"]]]]
    )
    for unit, values in table["rows"]:
        sheet.append([cell(sheet, v) for v in [unit.name, *values]])
    sheet.append([cell(sheet, v) for v in ["Tổng cộng", *table["totals"]]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
