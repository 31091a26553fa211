"""Support programmes from list to posting to objections answered."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit, indicators
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.limits import check_lengths, check_lengths_of, checked_texts
from coso.core.permissions import can
from coso.core.text import whole
from coso.core.transitions import transition
from coso.disclosures.services import DisclosureData, disclosure_publish
from coso.people import selectors as people
from coso.support.models import Kind, Objection, Programme, Recipient
from coso.units.selectors import Unit, UnitKind

MAX_VALUE = 10**12  # đồng per household: beyond it, a typo
# The disclosure category for support and its beneficiaries (GDL art. 11(7)).
CATEGORY = "7"


@dataclass
class ProgrammeData:
    name: str
    kind: str
    source: str
    value_per_household: int
    handed_on: dt.date
    description: str = ""


def _touch(programme: Programme, *days: dt.date | None) -> None:
    indicators.touched("support", programme.unit_id, [programme.handed_on, *days])


def check_writer(actor: Any, unit: Unit) -> None:
    if not can(actor, "mobilisation.write", path=unit.path):
        raise DomainError(_("Bạn không có quyền ghi hỗ trợ của đơn vị này."), field="name")


def programme_create(*, actor: Any, unit: Unit, data: ProgrammeData) -> Programme:
    check_writer(actor, unit)
    if unit.kind != UnitKind.COMMUNE:
        raise DomainError(_("Đợt hỗ trợ được ghi ở xã, phường."), field="name")
    if not data.name.strip() or not data.source.strip():
        raise DomainError(_("Cần ghi tên đợt hỗ trợ và nguồn kinh phí."), field="name")
    if data.kind not in Kind.values:
        raise DomainError(_("Loại hỗ trợ không hợp lệ."), field="kind")
    if not 0 < data.value_per_household <= MAX_VALUE:
        raise DomainError(_("Mức hỗ trợ không hợp lệ."), field="value_per_household")
    if not dt.date(2000, 1, 1) <= data.handed_on <= latest_day(future=True):
        raise DomainError(_("Ngày trao không hợp lệ."), field="handed_on")
    check_lengths_of(Programme, data, "name", "source", "description")
    with transaction.atomic():
        programme = Programme.objects.create(
            unit=unit,
            name=data.name.strip(),
            kind=data.kind,
            source=data.source.strip(),
            value_per_household=data.value_per_household,
            handed_on=data.handed_on,
            description=data.description.strip(),
            created_by=audit.acting_user(actor),
        )
        audit.log_create(actor=actor, obj=programme, unit_id=unit.pk)
        _touch(programme)
    return programme


def recipients_add(
    *,
    actor: Any,
    programme: Programme,
    village: Unit,
    codes: Sequence[str],
    value: int | None = None,
) -> list[Recipient]:
    """Add the households of `village` with these codes (one per row). Every row is
    checked and the errors named by row; if any is wrong, nothing is added."""
    check_writer(actor, programme.unit)
    if programme.disclosure_id:
        raise DomainError(_("Danh sách đã niêm yết: không sửa được."), field="codes")
    if village.parent_id != programme.unit_id:
        raise DomainError(_("Thôn, tổ không thuộc xã này."), field="village")
    amount = programme.value_per_household if value is None else value
    if not 0 < amount <= MAX_VALUE:
        raise DomainError(_("Giá trị hỗ trợ không hợp lệ."), field="value")
    wanted = [(row, code.strip()) for row, code in enumerate(codes, start=1) if code.strip()]
    if not wanted:
        raise DomainError(_("Cần ghi ít nhất một mã hộ."), field="codes")
    found, heads = _households(village, wanted)
    _check_rows(programme, village, wanted, found)
    with transaction.atomic():
        rows = Recipient.objects.bulk_create(
            [
                Recipient(
                    programme=programme,
                    household=found[code],
                    name=heads.get(found[code].pk, code),
                    village_name=village.name,
                    value=amount,
                )
                for _, code in wanted
            ]
        )
        audit.log_bulk(
            actor=actor,
            model="support.Recipient",
            unit_id=programme.unit_id,
            summary={"programme": programme.pk, "added": len(rows)},
        )
        _touch(programme)
    return rows


def _households(
    village: Unit, wanted: list[tuple[int, str]]
) -> tuple[dict[str, people.Household], dict[int, str]]:
    """The village's households with the codes wanted, and the name of each one's head."""
    found = {
        h.code: h
        for h in people.village_households(village=village).filter(code__in=[c for _, c in wanted])
    }
    heads = dict(
        people.representatives_of(households=found.values()).values_list(
            "household_id", "full_name"
        )
    )
    return found, heads


def _check_rows(
    programme: Programme,
    village: Unit,
    wanted: list[tuple[int, str]],
    found: dict[str, people.Household],
) -> None:
    """Every row a household of the village not yet on the list nor twice in the rows;
    the errors named by row, all at once."""
    listed = set(programme.recipients.values_list("household_id", flat=True))
    errors, seen = [], set()
    for row, code in wanted:
        household = found.get(code)
        if household is None:
            errors.append(
                _("Dòng %(row)s: không có hộ mã “%(code)s” ở %(village)s.")
                % {"row": row, "code": code, "village": village.name}
            )
        elif household.pk in listed or household.pk in seen:
            errors.append(
                _("Dòng %(row)s: hộ “%(code)s” đã có trong danh sách.") % {"row": row, "code": code}
            )
        seen.add(household.pk if household else None)
    if errors:
        raise DomainError(" ".join(errors), field="codes")


def _list_text(programme: Programme) -> str:
    """The posted list: the head of each household, its village and the value — what
    the list must show, and nothing of anyone's identity papers or birth date."""
    lines = [
        _("Nguồn kinh phí: %(source)s. Ngày trao: %(day)s.")
        % {"source": programme.source, "day": vn_date(programme.handed_on)},
        programme.description,
        "",
    ]
    for n, r in enumerate(programme.recipients.all(), start=1):
        lines.append(f"{n}. {r.name} — {r.village_name} — {whole(r.value)} đồng")
    return "\n".join(line for line in lines if line is not None)


def programme_post(*, actor: Any, programme: Programme, on: dt.date | None = None) -> Programme:
    """Post the list publicly: a disclosure under the category for support and its
    beneficiaries, kept up for the period the rulebook sets; objections are taken
    until its end."""
    if programme.disclosure_id:
        raise DomainError(_("Danh sách đã niêm yết."), field="post")
    if not programme.recipients.exists():
        raise DomainError(_("Danh sách chưa có hộ nào."), field="post")
    with transaction.atomic():
        disclosure = disclosure_publish(
            actor=actor,
            unit=programme.unit,
            data=DisclosureData(
                category=CATEGORY,
                title=_("Danh sách hộ được hỗ trợ: %(name)s") % {"name": programme.name},
                body=_list_text(programme),
                channels=["notice_board", "website"],
                posted_on=on or timezone.localdate(),
            ),
        )
        # Posted once: of two officials posting at once, one list goes up.
        transition(
            programme,
            actor=actor,
            from_states=None,
            where={"disclosure__isnull": True},
            fields={
                "disclosure": disclosure,
                "posted_on": disclosure.posted_on,
                "posted_until": disclosure.keep_until or disclosure.posted_on,
            },
            message=_("Danh sách đã niêm yết."),
            field="post",
        )
    return programme


def objection_submit(
    *,
    programme: Programme,
    text: str,
    raiser_name: str = "",
    raiser_contact: str = "",
    recipient: Recipient | None = None,
    actor: Any = None,
) -> Objection:
    """A resident objects to the list (online, or recorded by an official) while it is
    posted."""
    today = timezone.localdate()
    if programme.posted_on is None or programme.posted_until is None:
        raise DomainError(_("Danh sách chưa niêm yết."), field="text")
    if not programme.posted_on <= today <= programme.posted_until:
        raise DomainError(
            _("Chỉ nhận ý kiến trong thời gian niêm yết (%(start)s – %(end)s).")
            % {"start": vn_date(programme.posted_on), "end": vn_date(programme.posted_until)},
            field="text",
        )
    if not text.strip():
        raise DomainError(_("Cần ghi nội dung ý kiến."), field="text")
    if recipient is not None and recipient.programme_id != programme.pk:
        raise DomainError(_("Hộ không có trong danh sách này."), field="recipient")
    texts = checked_texts(
        Objection, text=text, raiser_name=raiser_name, raiser_contact=raiser_contact
    )
    with transaction.atomic():
        objection = Objection.objects.create(
            programme=programme, recipient=recipient, received_on=today, **texts
        )
        audit.log_create(actor=actor, obj=objection, unit_id=programme.unit_id)
        _touch(programme, today)
    return objection


def objection_answer(*, actor: Any, objection: Objection, answer: str) -> Objection:
    programme = objection.programme
    check_writer(actor, programme.unit)
    if objection.answered_on is not None:
        raise DomainError(_("Ý kiến này đã được trả lời."), field="answer")
    if not answer.strip():
        raise DomainError(_("Cần ghi nội dung trả lời."), field="answer")
    check_lengths(Objection, answer=answer)
    today = timezone.localdate()
    with transaction.atomic():
        transition(
            objection,
            actor=actor,
            unit_id=programme.unit_id,
            from_states=None,
            where={"answered_on__isnull": True},
            fields={
                "answer": answer.strip(),
                "answered_on": today,
                "answered_in_time": (
                    programme.posted_until is not None and today <= programme.posted_until
                ),
                "answered_by": audit.acting_user(actor),
            },
            message=_("Ý kiến này đã được trả lời."),
            field="answer",
        )
        _touch(programme, objection.received_on, today)
    return objection
