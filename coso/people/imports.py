"""`coso import-households`: read a commune's household list, check every row, then
write all of it or nothing."""

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from coso.core.errors import DomainError
from coso.core.text import fold
from coso.people import services
from coso.people.columns import (
    HEADER_ALIASES,
    NO_WORDS,
    RELATION_WORDS,
    REQUIRED,
    SEX_WORDS,
    YES_WORDS,
)
from coso.people.models import Household, Resident
from coso.units.selectors import COMMUNITY_KINDS, Unit, UnitKind

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


class ImportRejected(DomainError):
    """The file has errors; nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(_("Tệp có %(n)s lỗi, chưa nhập gì.") % {"n": len(errors)})
        self.errors = sorted(errors, key=lambda e: e.row)


@dataclass
class _Household:
    village: Unit
    code: str
    address: str
    first_row: int
    # (row number, member), the member None where the row had errors.
    entries: list[tuple[int, services.MemberData | None]] = field(default_factory=list)

    @property
    def members(self) -> list[services.MemberData]:
        return [member for _row, member in self.entries if member is not None]


def read_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(sheet row number, cells) for every row of a CSV or XLSX file, header included."""
    if path.suffix.lower() == ".xlsx":
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
                yield number, list(cells)
        finally:
            workbook.close()
        return
    if path.suffix.lower() != ".csv":
        raise DomainError(_("Chỉ nhận tệp .xlsx hoặc .csv."), field="file")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        yield from enumerate(csv.reader(handle, dialect), 1)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(_text(value), fmt).date()
        except ValueError:
            continue
    return None


class HouseholdFileReader:
    """Validates a whole file against the commune (or village) it is imported into."""

    def __init__(self, unit: Unit) -> None:
        if unit.kind not in (UnitKind.COMMUNE, *COMMUNITY_KINDS):
            raise DomainError(
                _("Chỉ nhập danh sách hộ vào một xã, phường hoặc một thôn, tổ."), field="unit"
            )
        self.unit = unit
        self.today = timezone.localdate()
        self.errors: list[RowError] = []
        self.households: dict[tuple[int, str], _Household] = {}
        villages = (
            Unit.objects.filter(parent=unit, kind__in=COMMUNITY_KINDS)
            if unit.kind == UnitKind.COMMUNE
            else [unit]
        )
        self.villages: dict[str, Unit] = {}
        for village in villages:
            self.villages[fold(village.code)] = village
            self.villages[village.search_name] = village

    def error(self, row: int, message: str) -> None:
        self.errors.append(RowError(row, message))

    def read(self, rows: Iterator[tuple[int, list[Any]]]) -> list[_Household]:
        header = next(rows, None)
        if header is None:
            raise ImportRejected([RowError(1, _("Tệp trống."))])
        keys = [HEADER_ALIASES.get(fold(_text(cell))) for cell in header[1]]
        missing = REQUIRED - set(keys)
        if missing:
            raise ImportRejected(
                [RowError(1, _("Thiếu cột: %(cols)s.") % {"cols": ", ".join(sorted(missing))})]
            )
        for number, cells in rows:
            values = {k: cells[i] if i < len(cells) else None for i, k in enumerate(keys) if k}
            if any(_text(v) for v in values.values()):
                self._read_row(number, values)
        self._check_households()
        self._check_database()
        if self.errors:
            raise ImportRejected(self.errors)
        return list(self.households.values())

    def _village(self, number: int, value: Any) -> Unit | None:
        name = _text(value)
        if not name and self.unit.kind in COMMUNITY_KINDS:
            return self.unit
        village = self.villages.get(fold(name))
        if village is None:
            self.error(
                number,
                _("Không có thôn, tổ dân phố “%(name)s” trong %(unit)s.")
                % {"name": name, "unit": self.unit.name},
            )
        return village

    def _member(self, number: int, values: dict[str, Any]) -> services.MemberData | None:
        problems = []
        sex = SEX_WORDS.get(fold(_text(values.get("sex"))))
        if sex is None:
            problems.append(_("Giới tính phải là Nam hoặc Nữ."))
        born = _date(values.get("date_of_birth"))
        if born is None:
            problems.append(
                _("Ngày sinh “%(v)s” không đúng dạng ngày/tháng/năm.")
                % {"v": _text(values.get("date_of_birth"))}
            )
        relation = RELATION_WORDS.get(fold(_text(values.get("relation"))))
        if relation is None:
            problems.append(
                _("Quan hệ với chủ hộ “%(v)s” không hợp lệ.") % {"v": _text(values.get("relation"))}
            )
        flag = fold(_text(values.get("representative")))
        if flag not in YES_WORDS | NO_WORDS:
            problems.append(_("Cột Đại diện hộ chỉ nhận “x” hoặc để trống."))
        if problems:
            for problem in problems:
                self.error(number, problem)
            return None
        assert sex is not None and born is not None and relation is not None
        member = services.MemberData(
            full_name=_text(values.get("full_name")),
            sex=sex,
            date_of_birth=born,
            relation=relation,
            is_representative=flag in YES_WORDS,
            citizen_id=_text(values.get("citizen_id")) or None,
        )
        member_problems = services.member_errors(member, today=self.today)
        for _field, message in member_problems:
            self.error(number, message)
        return None if member_problems else member

    def _read_row(self, number: int, values: dict[str, Any]) -> None:
        village = self._village(number, values.get("village"))
        code = _text(values.get("household_code"))
        if not code:
            self.error(number, _("Mã hộ không được để trống."))
        member = self._member(number, values)
        if village is None or not code:
            return
        household = self.households.setdefault(
            (village.pk, code),
            _Household(village, code, _text(values.get("address")), number),
        )
        household.entries.append((number, member))

    def _check_households(self) -> None:
        seen: dict[str, int] = {}
        for household in self.households.values():
            complete = all(member is not None for _row, member in household.entries)
            error = services.representative_error(household.members, today=self.today)
            if complete and error:
                self.error(
                    household.first_row,
                    _("Hộ %(code)s: %(msg)s") % {"code": household.code, "msg": error},
                )
            for row, member in household.entries:
                if member is None or not member.citizen_id:
                    continue
                if member.citizen_id in seen:
                    self.error(
                        row,
                        _("Số định danh cá nhân trùng với dòng %(row)s.")
                        % {"row": seen[member.citizen_id]},
                    )
                else:
                    seen[member.citizen_id] = row

    def _check_database(self) -> None:
        by_village: dict[int, set[str]] = defaultdict(set)
        for village_id, code in self.households:
            by_village[village_id].add(code)
        for village_id, codes in by_village.items():
            taken = Household.objects.filter(village_id=village_id, code__in=codes)
            for code in taken.values_list("code", flat=True):
                household = self.households[(village_id, code)]
                self.error(
                    household.first_row,
                    _("Mã hộ “%(code)s” đã có trong %(village)s.")
                    % {"code": code, "village": household.village.name},
                )
        rows_by_id: dict[str, int] = {
            m.citizen_id: row
            for h in self.households.values()
            for row, m in h.entries
            if m is not None and m.citizen_id is not None
        }
        ids = list(rows_by_id)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for taken_id in Resident.objects.filter(citizen_id__in=chunk).values_list(
                "citizen_id", flat=True
            ):
                self.error(
                    rows_by_id[str(taken_id)], _("Số định danh cá nhân đã có trong hệ thống.")
                )


def households_import(*, actor: Any, unit: Unit, path: Path) -> int:
    """Import a household list into `unit`; all rows or none. Returns households created."""
    with transaction.atomic():
        households = HouseholdFileReader(unit).read(read_rows(path))
        services.households_create_many(
            actor=actor,
            items=[(h.village, h.code, h.address, h.members) for h in households],
        )
    return len(households)
