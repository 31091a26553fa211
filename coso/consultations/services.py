"""A consultation from draft to published synthesis; every period from the rulebook."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coso import rules
from coso.concerns import services as concerns
from coso.consultations.models import ONLINE, Clause, Consultation, Opinion, Outcome, Status
from coso.core import audit, indicators
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.limits import check_lengths, check_lengths_of, checked_texts
from coso.core.permissions import can
from coso.core.transitions import transition
from coso.notices.services import notify_residents
from coso.people import selectors as people
from coso.rules.services import RuleMissing
from coso.units.selectors import Unit, UnitKind

MIN_DAYS = "consultation.min_days"


@dataclass
class Draft:
    category: str
    title: str
    clauses: Sequence[str]
    closes_on: dt.date
    forms: list[str] = field(default_factory=list)
    summary: str = ""
    opened_on: dt.date | None = None


def _keys(code: str, on: dt.date) -> dict[str, str]:
    try:
        return {item["key"]: item["label"] for item in rules.value(code, on=on)}
    except RuleMissing as error:
        raise DomainError(error.message, field="opened_on") from error


def earliest_close(opened_on: dt.date) -> dt.date:
    """The first day the consultation may close: the rulebook's minimum from publication."""
    return rules.due_date(MIN_DAYS, opened_on)


def check_writer(actor: Any, unit: Unit) -> None:
    if not can(actor, "consultations.write", path=unit.path):
        raise DomainError(_("Bạn không có quyền lấy ý kiến cho đơn vị này."), field="title")


def _touch(consultation: Consultation, *days: dt.date | None) -> None:
    indicators.touched("consultations", consultation.unit_id, [consultation.opened_on, *days])


def consultation_publish(*, actor: Any, unit: Unit, draft: Draft) -> Consultation:
    """Publish a commune's draft for residents' opinions: a matter and forms from the
    law's lists, open at least the rulebook's minimum; the minimum in force is kept.
    The commune's households are told (`households_tell_opened`)."""
    check_writer(actor, unit)
    if unit.kind != UnitKind.COMMUNE:
        raise DomainError(_("Lấy ý kiến Nhân dân do xã, phường tổ chức."), field="title")
    opened = draft.opened_on or timezone.localdate()
    if opened > latest_day(future=False):
        raise DomainError(_("Ngày công bố không được sau hôm nay."), field="opened_on")
    _check_catalogue(draft, opened)
    _check_closing(draft, opened)
    clauses = [c.strip() for c in draft.clauses if c.strip()]
    if not draft.title.strip() or not clauses:
        raise DomainError(_("Cần tên dự thảo và ít nhất một điều, khoản."), field="clauses")
    check_lengths_of(Consultation, draft, "title", "summary")
    for text in clauses:
        check_lengths(Clause, text=text)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            unit=unit,
            category=draft.category,
            title=draft.title.strip(),
            summary=draft.summary.strip(),
            forms=sorted(set(draft.forms)),
            opened_on=opened,
            closes_on=draft.closes_on,
            rules={MIN_DAYS: rules.value(MIN_DAYS, on=opened), "on": opened.isoformat()},
            created_by=audit.acting_user(actor),
        )
        Clause.objects.bulk_create(
            [Clause(consultation=consultation, number=n, text=t) for n, t in enumerate(clauses, 1)]
        )
        audit.log_create(actor=actor, obj=consultation, unit_id=unit.pk)
        _touch(consultation)
        households_tell_opened(consultation)
    return consultation


def opened_text(consultation: Consultation) -> str:
    """The notice's text, short enough for a text message: the closing day and where to
    give opinions first, the title last (what the SMS channel cuts if it must)."""
    return _(
        "[Coso] %(unit)s lấy ý kiến Nhân dân đến hết %(day)s. Xem dự thảo, góp ý tại "
        "%(url)s\nDự thảo: %(title)s"
    ) % {
        "unit": consultation.unit.name,
        "day": vn_date(consultation.closes_on),
        "url": settings.COSO_SITE_URL
        + reverse("consultations:public_detail", args=[consultation.pk]),
        "title": consultation.title,
    }


def households_tell_opened(consultation: Consultation) -> None:
    """In the publication's transaction: queue the notice to each household of the
    commune that has a phone, on the channel it chose (none if it stopped notices), once
    per household and consultation, in a fixed number of queries whatever the number of
    households; the outbox sends them later. One recorded after it closed tells no one."""
    if consultation.closes_on < timezone.localdate():  # recorded after it closed
        return
    households = people.commune_households(commune=consultation.unit)
    notify_residents(
        [
            (f"household:{pk}", f"consultations.opened:{consultation.pk}:{pk}", phone, "")
            for pk, phone in people.phones_of(households=households)
        ],
        subject=_("[Coso] Lấy ý kiến: %(title)s") % {"title": consultation.title},
        body=opened_text(consultation),
    )


def _check_catalogue(draft: Draft, opened: dt.date) -> None:
    """The matter and the forms of consultation come from the law's lists in force."""
    if draft.category not in _keys("consultation.catalogue", opened):
        raise DomainError(
            _("Nội dung lấy ý kiến không có trong danh mục của luật."), field="category"
        )
    unknown = set(draft.forms) - set(_keys("consultation.forms", opened))
    if unknown or not draft.forms:
        raise DomainError(
            _("Hãy chọn hình thức lấy ý kiến trong danh mục của luật."), field="forms"
        )


def _check_closing(draft: Draft, opened: dt.date) -> None:
    """Open at least the rulebook's minimum from publication, and at most a year."""
    earliest = earliest_close(opened)
    if draft.closes_on < earliest:
        raise DomainError(
            _("Hạn lấy ý kiến sớm nhất là %(day)s (ít nhất %(n)s ngày từ ngày công bố, %(cite)s).")
            % {
                "day": vn_date(earliest),
                "n": rules.value(MIN_DAYS, on=opened),
                "cite": rules.citation(MIN_DAYS, on=opened),
            },
            field="closes_on",
        )
    if draft.closes_on > opened + dt.timedelta(days=366):
        raise DomainError(_("Hạn lấy ý kiến quá một năm."), field="closes_on")


def _open_for_opinions(consultation: Consultation, day: dt.date) -> None:
    if (
        consultation.status != Status.OPEN
        or not consultation.opened_on <= day <= consultation.closes_on
    ):
        raise DomainError(
            _("Chỉ nhận ý kiến từ %(a)s đến %(b)s.")
            % {"a": vn_date(consultation.opened_on), "b": vn_date(consultation.closes_on)},
            field="text",
        )


def _clause(consultation: Consultation, clause: Clause | None) -> None:
    if clause is not None and clause.consultation_id != consultation.pk:
        raise DomainError(_("Điều, khoản không thuộc dự thảo này."), field="clause")


def opinion_send(
    *, household: Any, consultation: Consultation, clause: Clause | None, text: str
) -> Opinion:
    """A signed-in household comments online (its own commune's drafts only)."""
    today = timezone.localdate()
    _open_for_opinions(consultation, today)
    _clause(consultation, clause)
    if household.village.parent_id != consultation.unit_id:
        raise DomainError(_("Dự thảo này lấy ý kiến Nhân dân xã khác."), field="text")
    if not text.strip():
        raise DomainError(_("Cần ghi nội dung ý kiến."), field="text")
    texts = checked_texts(Opinion, text=text)
    return _opinion_add(
        consultation,
        actor=None,
        day=today,
        clause=clause,
        source=ONLINE,
        household=household,
        **texts,
    )


def opinion_record(
    *,
    actor: Any,
    consultation: Consultation,
    clause: Clause | None,
    text: str,
    source: str,
    contributor: str = "",
    received_on: dt.date | None = None,
) -> Opinion:
    """An official keys in an opinion gathered by one of the consultation's forms."""
    check_writer(actor, consultation.unit)
    day = received_on or timezone.localdate()
    _open_for_opinions(consultation, day)
    _clause(consultation, clause)
    if source not in consultation.forms:
        raise DomainError(
            _("Nguồn ý kiến phải là một hình thức của đợt lấy ý kiến."), field="source"
        )
    if not text.strip():
        raise DomainError(_("Cần ghi nội dung ý kiến."), field="text")
    texts = checked_texts(Opinion, text=text, contributor=contributor)
    return _opinion_add(consultation, actor=actor, day=day, clause=clause, source=source, **texts)


def _opinion_add(consultation: Consultation, *, actor: Any, day: dt.date, **fields: Any) -> Opinion:
    """Save an opinion received on `day`, with its audit entry; the consultation's
    figures of that day change."""
    with transaction.atomic():
        opinion = Opinion.objects.create(consultation=consultation, received_on=day, **fields)
        audit.log_create(actor=actor, obj=opinion, unit_id=consultation.unit_id)
        _touch(consultation, day)
        concerns.raised_many([raised_of(opinion)])
    return opinion


def raised_of(opinion: Opinion) -> concerns.Raised:
    """What an opinion on a draft raised, for the concerns by topic."""
    consultation = opinion.consultation
    return concerns.Raised(
        record=opinion,
        channel=concerns.Channel.OPINION,
        label=format_lazy("{}: {} #{}", gettext_lazy("Góp ý"), consultation.title, opinion.pk),
        url=reverse("consultations:detail", args=[consultation.pk]) + f"#opinion-{opinion.pk}",
        unit=consultation.unit,
        on=opinion.received_on,
        text=opinion.text,
        household=opinion.household,
    )


def consultation_close(
    *, actor: Any, consultation: Consultation, on: dt.date | None = None
) -> None:
    """Close after the closing date set at publication, which the rulebook's minimum
    bounds: never earlier."""
    check_writer(actor, consultation.unit)
    day = on or timezone.localdate()
    if consultation.status != Status.OPEN:
        raise DomainError(_("Đợt lấy ý kiến đã đóng."), field="status")
    if day <= consultation.closes_on:
        raise DomainError(
            _("Chưa thể kết thúc: hạn lấy ý kiến đến hết ngày %(day)s.")
            % {"day": vn_date(consultation.closes_on)},
            field="status",
        )
    transition(
        consultation,
        actor=actor,
        from_states=(Status.OPEN,),
        to=Status.CLOSED,
        fields={"closed_on": day},
        message=_("Đợt lấy ý kiến vừa được người khác kết thúc; hãy tải lại trang."),
        field="status",
    )


def opinion_answer(*, actor: Any, opinion: Opinion, outcome: str, explanation: str) -> Opinion:
    consultation = opinion.consultation
    check_writer(actor, consultation.unit)
    if consultation.status != Status.CLOSED:
        raise DomainError(
            _("Tiếp thu, giải trình sau khi hết hạn lấy ý kiến, trước khi công khai."),
            field="outcome",
        )
    if outcome not in Outcome.values:
        raise DomainError(_("Kết quả không hợp lệ."), field="outcome")
    if outcome != Outcome.ACCEPTED and not explanation.strip():
        raise DomainError(
            _("Ý kiến không tiếp thu hoặc tiếp thu một phần cần giải trình."), field="explanation"
        )
    check_lengths(Opinion, explanation=explanation)
    with transaction.atomic():
        before = audit.snapshot(opinion)
        opinion.outcome, opinion.explanation = outcome, explanation.strip()
        opinion.save(update_fields=["outcome", "explanation"])
        audit.log_update(actor=actor, obj=opinion, before=before, unit_id=consultation.unit_id)
    return opinion


def consultation_result(
    *, actor: Any, consultation: Consultation, synthesis: str, finals: dict[int, str]
) -> Consultation:
    """Publish the synthesis once every opinion has its outcome, with the final text of
    each clause (unchanged clauses keep the draft)."""
    check_writer(actor, consultation.unit)
    if consultation.status != Status.CLOSED:
        raise DomainError(_("Chỉ công khai kết quả sau khi hết hạn lấy ý kiến."), field="synthesis")
    waiting = consultation.opinions.filter(outcome="").count()
    if waiting:
        raise DomainError(
            _("Còn %(n)s ý kiến chưa có kết quả tiếp thu, giải trình.") % {"n": waiting},
            field="synthesis",
        )
    if not synthesis.strip():
        raise DomainError(_("Cần báo cáo tổng hợp, giải trình."), field="synthesis")
    check_lengths(Consultation, synthesis=synthesis)
    today = timezone.localdate()
    with transaction.atomic():
        for clause in consultation.clauses.all():
            clause.final_text = (finals.get(clause.pk) or "").strip() or clause.text
            check_lengths(Clause, final_text=clause.final_text)
            clause.save(update_fields=["final_text"])
        transition(
            consultation,
            actor=actor,
            from_states=(Status.CLOSED,),
            to=Status.PUBLISHED,
            fields={"synthesis": synthesis.strip(), "published_on": today},
            message=_("Kết quả vừa được người khác công khai; hãy tải lại trang."),
            field="synthesis",
        )
        _touch(consultation, today)
    return consultation
