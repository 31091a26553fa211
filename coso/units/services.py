"""Writes to the map of units. Each function owns its transaction and audit entry."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from vietnam_provinces import Province, VietNamDivisionType, Ward

from coso.core import audit
from coso.core.errors import DomainError
from coso.core.text import fold
from coso.units.models import DivisionType, Unit, UnitKind

# The national list in `vietnam-provinces` is the map after the reorganisation into
# 34 provinces and 3,321 communes, in force from 1 July 2025 (Resolution 202/2025/QH15).
NATIONAL_MAP_VALID_FROM = dt.date(2025, 7, 1)

_DIVISION_TYPES = {
    VietNamDivisionType.TINH: DivisionType.TINH,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: DivisionType.THANH_PHO_TRUNG_UONG,
    VietNamDivisionType.XA: DivisionType.XA,
    VietNamDivisionType.PHUONG: DivisionType.PHUONG,
    VietNamDivisionType.DAC_KHU: DivisionType.DAC_KHU,
}

# Which kind of unit may sit under which.
_ALLOWED_PARENTS: dict[str, tuple[str, ...]] = {
    UnitKind.COMMUNE: (UnitKind.PROVINCE,),
    UnitKind.VILLAGE: (UnitKind.COMMUNE,),
    UnitKind.RESIDENTIAL_GROUP: (UnitKind.COMMUNE,),
    UnitKind.AGENCY: (UnitKind.PROVINCE, UnitKind.COMMUNE),
    UnitKind.ENTERPRISE: (UnitKind.PROVINCE, UnitKind.COMMUNE),
}


def unit_path(parent: Unit | None, code: str) -> str:
    return f"{parent.path if parent else '/'}{code}/"


def province_code(province: Province) -> str:
    return f"{int(province.code):02d}"


def ward_code(ward: Ward) -> str:
    return f"{int(ward.code):05d}"


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int


def _national_rows() -> list[dict[str, Any]]:
    """Provinces then communes, as plain dicts, from the national list."""
    rows = []
    for province in sorted(Province.iter_all(), key=province_code):
        rows.append(
            {
                "code": province_code(province),
                "name": province.name,
                "kind": UnitKind.PROVINCE,
                "parent": None,
                "division_type": _DIVISION_TYPES[province.division_type],
            }
        )
    for ward in sorted(Ward.iter_all(), key=ward_code):
        rows.append(
            {
                "code": ward_code(ward),
                "name": ward.name,
                "kind": UnitKind.COMMUNE,
                "parent": f"{int(ward.province_code):02d}",
                "division_type": _DIVISION_TYPES[ward.division_type],
            }
        )
    return rows


def units_import_national(*, actor: Any = None) -> ImportCounts:
    """Load or refresh the 34 provinces and 3,321 communes from `vietnam-provinces`.

    Idempotent: a second run finds every unit as it is and writes nothing.
    """
    rows = _national_rows()
    with transaction.atomic():
        existing = {u.code: u for u in Unit.objects.filter(code__in=[r["code"] for r in rows])}
        created: list[Unit] = []
        changed: list[tuple[Unit, dict[str, Any]]] = []
        for row in rows:
            parent = existing.get(row["parent"]) if row["parent"] else None
            unit = existing.get(row["code"])
            if unit is None:
                unit = Unit(
                    code=row["code"],
                    name=row["name"],
                    search_name=fold(row["name"]),
                    kind=row["kind"],
                    division_type=row["division_type"],
                    parent=parent,
                    path=unit_path(parent, row["code"]),
                    depth=parent.depth + 1 if parent else 0,
                    valid_from=NATIONAL_MAP_VALID_FROM,
                )
                # Provinces are saved first so that communes can point at them.
                if parent is None:
                    unit.save()
                    existing[unit.code] = unit
                created.append(unit)
            elif unit.name != row["name"] or unit.division_type != row["division_type"]:
                before = audit.snapshot(unit)
                unit.name, unit.search_name = row["name"], fold(row["name"])
                unit.division_type = row["division_type"]
                changed.append((unit, before))
        Unit.objects.bulk_create([u for u in created if u.pk is None], batch_size=1000)
        if created:
            saved = Unit.objects.filter(code__in=[u.code for u in created])
            audit.log_created_many(actor=actor, objs=saved, unit_id_of=lambda u: u.pk)
        for unit, before in changed:
            unit.save(update_fields=["name", "search_name", "division_type", "updated_at"])
            audit.log_update(actor=actor, obj=unit, before=before, unit_id=unit.pk)
    return ImportCounts(len(created), len(changed), len(rows) - len(created) - len(changed))


def unit_validate(*, parent: Unit | None, code: str, name: str, kind: str) -> None:
    """Check a new unit's code, name and place in the tree; raise DomainError if wrong."""
    if not code or "/" in code or len(code) > 32:
        raise DomainError(
            _("Mã đơn vị không được để trống, không chứa “/” và tối đa 32 ký tự."), field="code"
        )
    if not name:
        raise DomainError(_("Tên đơn vị không được để trống."), field="name")
    if parent is None or parent.kind not in _ALLOWED_PARENTS.get(kind, ()):
        raise DomainError(
            _("Loại đơn vị này không thể đặt dưới đơn vị cấp trên đã chọn."), field="parent"
        )
    if Unit.objects.filter(code=code).exists():
        raise DomainError(_("Mã đơn vị “%(code)s” đã được dùng.") % {"code": code}, field="code")


def unit_fill_derived(unit: Unit) -> None:
    """Set the fields computed from others: search key, tree path and depth."""
    unit.search_name = fold(unit.name)
    unit.path = unit_path(unit.parent, unit.code)
    unit.depth = unit.parent.depth + 1 if unit.parent else 0


def unit_create(
    *,
    actor: Any,
    parent: Unit,
    code: str,
    name: str,
    kind: str,
    division_type: str = "",
    valid_from: dt.date | None = None,
) -> Unit:
    """Create a village, residential group, agency or enterprise under `parent`."""
    code, name = code.strip(), " ".join(name.split())
    with transaction.atomic():
        unit_validate(parent=parent, code=code, name=name, kind=kind)
        unit = Unit(
            code=code,
            name=name,
            kind=kind,
            division_type=division_type,
            parent=parent,
            valid_from=valid_from,
        )
        unit_fill_derived(unit)
        unit.save()
        audit.log_create(actor=actor, obj=unit, unit_id=unit.pk)
    return unit


def unit_close(
    *, actor: Any, unit: Unit, valid_to: dt.date, merged_into: list[Unit] | None = None
) -> Unit:
    """End a unit's validity (a merger or dissolution), keeping it and its history."""
    if unit.valid_from and valid_to <= unit.valid_from:
        raise DomainError(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."), field="valid_to")
    with transaction.atomic():
        before = audit.snapshot(unit)
        unit.valid_to = valid_to
        unit.save(update_fields=["valid_to", "updated_at"])
        if merged_into:
            unit.merged_into.add(*merged_into)
        audit.log_update(
            actor=actor,
            obj=unit,
            before=before,
            unit_id=unit.pk,
            extra={"merged_into": [[], [u.code for u in merged_into or []]]},
        )
    return unit
