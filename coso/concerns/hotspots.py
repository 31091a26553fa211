"""Hotspots: many households (or records) raising one first-level topic in one commune
within a few days, or a crowd petition (rules `hotspot.*` in the rulebook).

A hotspot opens once — never once per record: `attach` joins each new row to its
commune's open hotspot on the row's first-level topic, and opens one only when there is
none and the rules say so. At most one open hotspot per commune and topic is also a
partial unique constraint, so two records written at once open one hotspot between
them. Opening tells the commune's and the province's steering committee through the
outbox and makes a follow-up owned by the commune; closing with its outcome closes
that follow-up's loop."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.accounts.selectors import MONITORING_ROLES, RoleAssignment
from coso.concerns import counting
from coso.concerns.models import ConcernTopic, Hotspot, HotspotStatus, Topic
from coso.core import audit, indicators
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.core.permissions import can, roles_for
from coso.followups.selectors import Status
from coso.followups.services import Promise, followup_create, followup_move
from coso.notices.services import notify
from coso.rules.services import rule_in_force

TOPIC_RULE = "hotspot.topic"
CROWD_RULE = "hotspot.crowd"
DUE_RULE = "hotspot.followup_days"
SOURCE = "hotspots"  # the indicator source (coso/concerns/hotspot_figures.py)
OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)  # a follow-up's, still to be closed


@dataclass(frozen=True)
class Rules:
    """The hotspot rules in force on a day, as the rulebook holds them."""

    topic: Any  # the `hotspot.topic` Rule row
    crowd: Any  # the `hotspot.crowd` Rule row

    @property
    def days(self) -> int:
        return int(self.topic.value["days"])

    @property
    def excluded(self) -> set[str]:
        return set(self.topic.value.get("exclude", []))


def attach(rows: Sequence[ConcernTopic]) -> None:
    """Called in the transaction that wrote `rows` (a concern's topics as they count
    now): each row joins its commune's open hotspot on its first-level topic, or opens
    one if the rules say so (once: never once per record). A fixed few queries per
    commune and first-level topic the rows name (one, most often)."""
    groups: dict[tuple[int, int], list[ConcernTopic]] = {}
    for row in rows:
        groups.setdefault((row.commune_id, row.top_id), []).append(row)  # type: ignore[attr-defined]
    if not groups:
        return
    day = max(row.raised_on for row in rows)
    in_force = Rules(rule_in_force(TOPIC_RULE, on=day), rule_in_force(CROWD_RULE, on=day))
    tops = {t.pk: t for t in Topic.objects.filter(pk__in={top for _c, top in groups})}
    for (commune_id, top_id), members in groups.items():
        if tops[top_id].code in in_force.excluded:
            continue
        with transaction.atomic():
            _attach_group(commune_id, tops[top_id], members, in_force)


def _open_one(commune_id: int, topic: Topic) -> Hotspot | None:
    return Hotspot.objects.filter(
        commune_id=commune_id, topic=topic, status=HotspotStatus.OPEN
    ).first()


def _attach_group(
    commune_id: int, topic: Topic, members: list[ConcernTopic], in_force: Rules
) -> None:
    pks = [row.pk for row in members]
    hotspot = _open_one(commune_id, topic)
    if hotspot is None:
        day = max(max(row.raised_on for row in members), timezone.localdate())
        window = _window(day, in_force.days) | Q(pk__in=pks)
        found = _counted(commune_id, topic, window)
        opened_by = _opened_by(found, in_force)
        if opened_by is None:
            return
        hotspot, created = _open(members[0], topic, day, opened_by, found)
        if created:  # opening attaches the window's rows
            ConcernTopic.objects.filter(window, commune_id=commune_id, top=topic).update(
                hotspot=hotspot
            )
    # Later rows (or ours, when another transaction opened it first) join it.
    ConcernTopic.objects.filter(pk__in=pks, hotspot__isnull=True).update(hotspot=hotspot)
    recount([hotspot.pk])


def _window(day: dt.date, days: int) -> Q:
    """The rows of the rule's window — the last `days` days up to `day` (today, or a
    later day a record carries) — not yet part of a hotspot (those a closed hotspot
    dealt with do not open another). A record raised long ago and recorded late joins an
    open hotspot but does not open one alone."""
    start = day - dt.timedelta(days=days - 1)
    return Q(raised_on__range=(start, day), hotspot__isnull=True)


def _counted(commune_id: int, topic: Topic, window: Q) -> dict[str, int]:
    """Households, records and the largest crowd in the window: one indexed query
    (commune, first-level topic, day)."""
    found = ConcernTopic.objects.filter(window, commune_id=commune_id, top=topic).aggregate(
        households=counting.households(),
        records=counting.records(),
        people=Max("concern__people"),
    )
    return {k: v or 0 for k, v in found.items()}


def _opened_by(found: dict[str, int], in_force: Rules) -> Any:
    """The rule that opens a hotspot on these counts, or None."""
    if found["people"] >= int(in_force.crowd.value["people"]):
        return in_force.crowd
    value = in_force.topic.value
    if found["households"] >= int(value["households"]) or found["records"] >= int(value["records"]):
        return in_force.topic
    return None


def _open(
    row: ConcernTopic, topic: Topic, day: dt.date, rule: Any, found: dict[str, int]
) -> tuple[Hotspot, bool]:
    """Create the hotspot, or find the one a concurrent transaction just opened (the
    partial unique constraint `hotspot_open_once` lets one through), and whether it is
    new; a new one tells the steering committees, gets its follow-up and an audit
    entry."""
    try:
        with transaction.atomic():
            hotspot = Hotspot.objects.create(
                commune_id=row.commune_id,  # type: ignore[attr-defined]
                province_id=row.province_id,  # type: ignore[attr-defined]
                topic=topic,
                opened_on=day,
                rule={
                    "code": rule.code,
                    "effective_from": rule.effective_from.isoformat(),
                    "value": rule.value,
                    "citation": rule.citation,
                    "found": found,
                },
            )
    except IntegrityError:
        existing = _open_one(row.commune_id, topic)  # type: ignore[attr-defined]
        assert existing is not None  # the constraint's winner, committed
        return existing, False
    _opened(hotspot)
    return hotspot, True


def _opened(hotspot: Hotspot) -> None:
    audit.log_create(actor=None, obj=hotspot, unit_id=hotspot.commune_id)
    label = _("Điểm nóng “%(topic)s” tại %(commune)s") % {
        "topic": hotspot.topic.label,
        "commune": hotspot.commune.name,
    }
    due_on = rules.due_date(DUE_RULE, hotspot.opened_on)
    followup = followup_create(
        actor=None,
        origin=hotspot,
        label=label,
        promise=Promise(
            text=_("Nắm tình hình, giải quyết %(label)s.") % {"label": label},
            unit=hotspot.commune,
            owner_name=_("Ban Chỉ đạo thực hiện dân chủ ở cơ sở %(commune)s")
            % {"commune": hotspot.commune.name},
            due_on=due_on,
            opened_on=hotspot.opened_on,
            topic=hotspot.topic.code,
        ),
    )
    Hotspot.objects.filter(pk=hotspot.pk).update(followup=followup)
    hotspot.followup = followup
    _tell_committees(hotspot, label)
    indicators.touched(SOURCE, hotspot.commune_id, [hotspot.opened_on])


def committee_of(hotspot: Hotspot) -> list[Any]:
    """The steering committee told of a hotspot: the active accounts that handle
    concerns or monitor, bound to its commune or its province (one query)."""
    roles = set(roles_for("concerns.write")) | set(MONITORING_ROLES)
    holders = RoleAssignment.objects.filter(
        unit_id__in=[hotspot.commune_id, hotspot.province_id], role__in=roles, user__is_active=True
    ).select_related("user")
    return list({h.user_id: h.user for h in holders.order_by("user_id")}.values())


def _tell_committees(hotspot: Hotspot, label: str) -> None:
    """One notice per account, written once (the outbox's key)."""
    link = reverse("concerns:hotspot", args=[hotspot.pk])
    for user in committee_of(hotspot):
        notify(
            key=f"hotspot:{hotspot.pk}:{user.pk}",
            to=user.email,
            user=user,
            subject=_("[Coso] Phát hiện %(label)s") % {"label": label},
            body=_(
                "%(label)s: %(households)s hộ, người nêu; %(records)s hồ sơ (từ ngày "
                "%(day)s). Xem và theo dõi tại %(link)s"
            )
            % {
                "label": label,
                "households": hotspot.rule["found"]["households"],
                "records": hotspot.rule["found"]["records"],
                "day": hotspot.opened_on.strftime("%d/%m/%Y"),
                "link": link,
            },
        )


def recount(hotspot_ids: Iterable[int]) -> None:
    """The hotspots' counts from the rows attached to them, in one UPDATE (rows a
    reclassification moved away no longer count)."""
    rows = ConcernTopic.objects.filter(hotspot=OuterRef("pk")).order_by().values("hotspot")
    Hotspot.objects.filter(pk__in=list(hotspot_ids)).update(
        households=Subquery(rows.annotate(n=counting.households()).values("n")[:1]),
        records=Subquery(rows.annotate(n=counting.records()).values("n")[:1]),
    )


def hotspot_assign(*, actor: Any, hotspot: Hotspot, owner: Any) -> Hotspot:
    """Name the official who answers for the hotspot (one of `owners_for`)."""
    _check_open(hotspot)
    before = audit.snapshot(hotspot)
    with transaction.atomic():
        hotspot.owner = owner
        hotspot.save(update_fields=["owner", "updated_at"])
        audit.log_update(actor=actor, obj=hotspot, before=before, unit_id=hotspot.commune_id)
    return hotspot


def hotspot_close(
    *, actor: Any, hotspot: Hotspot, outcome: str, on: dt.date | None = None
) -> Hotspot:
    """Close the hotspot with its outcome, and its follow-up as done with the outcome as
    evidence (the loop closes). Of two closings at once, one wins."""
    outcome = outcome.strip()
    if not outcome:
        raise DomainError(_("Cần ghi kết quả xử lý điểm nóng."), field="outcome")
    check_lengths(Hotspot, outcome=outcome)
    _check_open(hotspot)
    followup = hotspot.followup
    if followup is not None and not can(actor, "followups.write", path=hotspot.commune.path):
        raise DomainError(
            _("Chỉ cán bộ xã theo dõi việc của xã mới đóng được điểm nóng này."), field="outcome"
        )
    day = on or timezone.localdate()
    before = audit.snapshot(hotspot)
    with transaction.atomic():
        changed = Hotspot.objects.filter(pk=hotspot.pk, status=HotspotStatus.OPEN).update(
            status=HotspotStatus.CLOSED, closed_on=day, outcome=outcome, updated_at=timezone.now()
        )
        if changed != 1:
            raise DomainError(_("Điểm nóng này đã được đóng."), field="outcome")
        hotspot.refresh_from_db()
        audit.log_update(actor=actor, obj=hotspot, before=before, unit_id=hotspot.commune_id)
        if followup is not None and followup.status in OPEN_STATUSES:
            followup_move(actor=actor, followup=followup, status=Status.DONE, note=outcome, on=day)
        indicators.touched(SOURCE, hotspot.commune_id, [hotspot.opened_on, day])
    return hotspot


def _check_open(hotspot: Hotspot) -> None:
    if hotspot.status != HotspotStatus.OPEN:
        raise DomainError(_("Điểm nóng này đã được đóng."), field="outcome")


def owners_for(hotspot: Hotspot) -> list[Any]:
    """The officials who may answer for a hotspot: accounts that handle concerns at its
    commune (one query)."""
    holders = RoleAssignment.objects.filter(
        unit_id=hotspot.commune_id, role__in=roles_for("concerns.write"), user__is_active=True
    ).select_related("user")
    return list({h.user_id: h.user for h in holders.order_by("user__username")}.values())


def rule_text(rule: dict[str, Any]) -> str:
    """The rule that opened a hotspot, as copied on it, in words."""
    value = rule.get("value", {})
    if rule.get("code") == CROWD_RULE:
        return _("Đơn, kiến nghị có từ %(people)s người trở lên cùng nêu") % value
    if rule.get("code") == TOPIC_RULE:
        return (
            _(
                "Từ %(households)s hộ, người hoặc %(records)s hồ sơ trở lên nêu cùng chủ đề trong %(days)s ngày"
            )
            % value
        )
    return str(rule.get("code", ""))
