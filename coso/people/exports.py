"""Household lists as XLSX, in the same columns the import reads, so files round-trip."""

import io
from typing import Any

from django.utils import translation
from openpyxl import Workbook

from coso.core import audit
from coso.core.permissions import can
from coso.core.xlsx import cell
from coso.people.citizen_id import masked
from coso.people.columns import COLUMNS
from coso.people.models import Resident
from coso.units.selectors import Unit


def village_households_xlsx(*, village: Unit, full_ids: bool) -> bytes:
    """Every member of every household of `village`, one row each, streamed in key order.

    Labels are written in Vietnamese whatever the reader's language, as the import reads.
    Citizen ID numbers are whole only when `full_ids` (the reader keeps the register);
    otherwise they show their last 3 digits.
    """
    with translation.override("vi"):
        return _village_households_xlsx(village, full_ids)


def households_export(*, actor: Any, village: Unit) -> bytes:
    """The village's list for `actor`, whose download is written to the audit log (it
    carries residents' personal data)."""
    full_ids = can(actor, "citizen_id.read", path=village.path)
    audit.log_event(
        actor=actor,
        model="people.export",
        object_pk=village.code,
        unit_id=village.pk,
        changes={"exported": True, "full_ids": full_ids},
    )
    return village_households_xlsx(village=village, full_ids=full_ids)


def _village_households_xlsx(village: Unit, full_ids: bool) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(village.name[:31] or "Danh sách")
    sheet.append([header for _key, header in COLUMNS])
    residents = (
        Resident.objects.filter(household__village=village)
        .select_related("household")
        .order_by("household_id", "-is_representative", "id")
    )
    for r in residents.iterator(chunk_size=2000):
        values = [
            village.name,
            r.household.code,
            r.household.address,
            r.full_name,
            r.get_sex_display(),
            r.date_of_birth.strftime("%d/%m/%Y"),
            (r.citizen_id if full_ids else masked(r.citizen_id)) or "",
            r.get_relation_display(),
            "x" if r.is_representative else "",
        ]
        sheet.append([cell(sheet, v) for v in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
