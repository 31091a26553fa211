"""Writes to households and residents. Each function owns its transaction and audit."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit, indicators
from coso.core.errors import DomainError
from coso.core.text import fold
from coso.people.citizen_id import citizen_id_errors
from coso.people.models import Household, Relation, Resident, Sex
from coso.units.selectors import COMMUNITY_KINDS, Unit


@dataclass(frozen=True)
class MemberData:
    full_name: str
    sex: str
    date_of_birth: dt.date
    relation: str
    is_representative: bool = False
    citizen_id: str | None = None


def age_on(date_of_birth: dt.date, today: dt.date) -> int:
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


def is_adult(date_of_birth: dt.date, today: dt.date) -> bool:
    return age_on(date_of_birth, today) >= rules.value("person.adult_age", on=today)


def member_errors(member: MemberData, *, today: dt.date) -> list[tuple[str, str]]:
    """(field, message) for what is wrong with one member on its own."""
    errors: list[tuple[str, str]] = []
    if not member.full_name.strip():
        errors.append(("full_name", _("Họ và tên không được để trống.")))
    if member.sex not in Sex.values:
        errors.append(("sex", _("Giới tính phải là Nam hoặc Nữ.")))
    if member.date_of_birth > today:
        errors.append(("date_of_birth", _("Ngày sinh không được sau ngày hôm nay.")))
    if member.relation not in Relation.values:
        errors.append(("relation", _("Quan hệ với chủ hộ không hợp lệ.")))
    if member.citizen_id:
        errors += [
            ("citizen_id", message)
            for message in citizen_id_errors(
                member.citizen_id, sex=member.sex, date_of_birth=member.date_of_birth
            )
        ]
    return errors


def representative_error(members: Sequence[MemberData], *, today: dt.date) -> str | None:
    """A household has exactly one representative, an adult member (GDL art. 18)."""
    representatives = [m for m in members if m.is_representative]
    if not members:
        return _("Hộ phải có ít nhất một nhân khẩu.")
    if len(representatives) != 1:
        return _("Mỗi hộ phải có đúng một người đại diện (đang có %(n)s).") % {
            "n": len(representatives)
        }
    if not is_adult(representatives[0].date_of_birth, today):
        return _("Người đại diện hộ phải là thành viên đủ %(age)s tuổi trở lên.") % {
            "age": rules.value("person.adult_age", on=today)
        }
    return None


def household_validate(
    *, village: Unit, code: str, members: Sequence[MemberData], today: dt.date
) -> None:
    if village.kind not in COMMUNITY_KINDS:
        raise DomainError(_("Hộ gia đình phải thuộc một thôn hoặc tổ dân phố."), field="village")
    if not code:
        raise DomainError(_("Mã hộ không được để trống."), field="code")
    for index, member in enumerate(members):
        for field, message in member_errors(member, today=today):
            raise DomainError(
                _("Nhân khẩu %(n)s: %(msg)s") % {"n": index + 1, "msg": message}, field=field
            )
    error = representative_error(members, today=today)
    if error:
        raise DomainError(error, field="is_representative")
    if Household.objects.filter(village=village, code=code).exists():
        raise DomainError(
            _("Mã hộ “%(code)s” đã có trong thôn này.") % {"code": code}, field="code"
        )
    ids = [m.citizen_id for m in members if m.citizen_id]
    if len(ids) != len(set(ids)) or Resident.objects.filter(citizen_id__in=ids).exists():
        raise DomainError(
            _("Số định danh cá nhân đã được dùng cho người khác."), field="citizen_id"
        )


def province_id_of(village: Unit) -> int:
    """The id of the province a unit lies in (the first code of its path)."""
    province_code = village.path.strip("/").split("/")[0]
    return Unit.objects.only("id").get(code=province_code).pk


def households_create_many(
    *, actor: Any, items: Sequence[tuple[Unit, str, str, Sequence[MemberData]]]
) -> list[Household]:
    """Create already validated households (village, code, address, members) in bulk,
    one audit entry per household and per resident."""
    provinces: dict[int, int] = {}
    households: list[Household] = []
    for village, code, address, _members in items:
        if village.pk not in provinces:
            provinces[village.pk] = province_id_of(village)
        households.append(
            Household(
                village=village, province_id=provinces[village.pk], code=code, address=address
            )
        )
    with transaction.atomic():
        Household.objects.bulk_create(households, batch_size=1000)
        residents = [
            Resident(
                household=household,
                province_id=household.province_id,
                full_name=" ".join(m.full_name.split()),
                search_name=fold(m.full_name),
                sex=m.sex,
                date_of_birth=m.date_of_birth,
                citizen_id=m.citizen_id or None,
                relation=m.relation,
                is_representative=m.is_representative,
            )
            for household, (_v, _c, _a, members) in zip(households, items, strict=True)
            for m in members
        ]
        Resident.objects.bulk_create(residents, batch_size=2000)
        audit.log_created_many(actor=actor, objs=households, unit_id_of=lambda h: h.village_id)
        audit.log_created_many(
            actor=actor, objs=residents, unit_id_of=lambda r: r.household.village_id
        )
        for village_id in {h.village_id for h in households}:
            indicators.touched("people", village_id, [timezone.localdate()])
    return households


def household_create(
    *, actor: Any, village: Unit, code: str, address: str, members: Sequence[MemberData]
) -> Household:
    """Register one household with its members; exactly one adult representative."""
    code = code.strip()
    with transaction.atomic():
        household_validate(village=village, code=code, members=members, today=timezone.localdate())
        return households_create_many(actor=actor, items=[(village, code, address, members)])[0]
