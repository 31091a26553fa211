"""The events of a unit's public calendar and of an official's private one, read from
each app through its selectors: one query per kind of event, whatever their number.

Every feed reads a bounded window (Coso's policy, in settings): the events from
COSO_CALENDAR_PAST_DAYS back to COSO_CALENDAR_FUTURE_DAYS ahead, at most
COSO_CALENDAR_MAX_EVENTS of them — the coming ones first, nearest first, then the past
ones, latest first — so a feed costs the same whatever a unit's history."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Case, F, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from coso.calendars.feeds import Event, at, uid
from coso.calendars.models import FeedKey
from coso.calendars.tokens import digest
from coso.consultations import selectors as consultations
from coso.decisions import selectors as decisions
from coso.dialogues import selectors as dialogues
from coso.followups import selectors as followups
from coso.oversight import selectors as oversight
from coso.petitions import selectors as petitions
from coso.reports import selectors as reports
from coso.units.selectors import Unit


@dataclass(frozen=True)
class Window:
    """The days a feed covers, and how many events it lists at most."""

    today: dt.date
    since: dt.date
    until: dt.date
    cap: int


def window(today: dt.date) -> Window:
    return Window(
        today,
        today - dt.timedelta(days=settings.COSO_CALENDAR_PAST_DAYS),
        today + dt.timedelta(days=settings.COSO_CALENDAR_FUTURE_DAYS),
        settings.COSO_CALENDAR_MAX_EVENTS,
    )


def _bounded(rows: QuerySet[Any], day: str, w: Window) -> QuerySet[Any]:
    """`rows` whose date field `day` lies in the window, the cap's worth at most in the
    order a full feed keeps them (coming ones nearest first, then past ones latest
    first): one query, however many rows the unit has."""
    coming = When(**{f"{day}__gte": w.today}, then=Value(0))
    return rows.filter(**{f"{day}__range": (w.since, w.until)}).order_by(
        Case(coming, default=Value(1)),
        Case(When(**{f"{day}__gte": w.today}, then=F(day)), default=None),
        F(day).desc(),
        "id",
    )[: w.cap]


def _kept(events: list[Event], w: Window) -> list[Event]:
    """The cap's worth of events, in the window's order of keeping, listed by day."""

    def nearness(event: Event) -> tuple[int, int]:
        ordinal = event.day.toordinal()
        return (0, ordinal) if event.day >= w.today else (1, -ordinal)

    kept = sorted(events, key=nearness)[: w.cap]
    return sorted(kept, key=lambda e: (e.day, e.uid))


def _rounds(unit: Unit, w: Window) -> list[Event]:
    found = []
    rounds = decisions.calendar_rounds(unit=unit, since=w.since)
    for m in _bounded(rounds, "opened_on", w):
        meeting = m.method == decisions.Method.MEETING
        what = _("Họp bàn và biểu quyết") if meeting else _("Lấy ý kiến hộ gia đình")
        found.append(
            Event(
                uid=uid("matter", m.pk),
                summary=f"{what}: {m.title}",
                start=at(m.opened_on, m.starts_at if meeting else None),  # type: ignore[arg-type]
                location=m.venue,
                url=reverse("decisions:public_result", args=[m.pk]),
                cancelled=m.status == decisions.Status.VOID,
            )
        )
    return found


def _others(unit: Unit, w: Window) -> list[Event]:
    sessions = [
        Event(
            uid=uid("reception", s.pk),
            summary=_("Tiếp công dân: %(leader)s") % {"leader": s.leader_title or s.leader},
            start=s.date,
            location=s.place,
        )
        for s in _bounded(petitions.calendar_sessions(unit=unit, since=w.since), "date", w)
    ]
    meetings = [
        Event(
            uid=uid("dialogue", m.pk),
            summary=m.get_kind_display(),
            start=m.date,
            location=m.place,
            url=reverse("dialogues:public_detail", args=[m.pk]),
        )
        for m in _bounded(dialogues.calendar_meetings(unit=unit, since=w.since), "date", w)
    ]
    closing = [
        Event(
            uid=uid("consultation", c.pk),
            summary=_("Hết hạn góp ý: %(title)s") % {"title": c.title},
            start=c.closes_on,
            url=reverse("consultations:public_detail", args=[c.pk]),
        )
        for c in _bounded(consultations.calendar_closing(unit=unit, since=w.since), "closes_on", w)
    ]
    plans = [
        Event(
            uid=uid("inspection", p.pk),
            summary=_("Ban Thanh tra nhân dân kiểm tra: %(subject)s") % {"subject": p.subject},
            start=p.starts_on,
        )
        for p in _bounded(oversight.calendar_plans(unit=unit, since=w.since), "starts_on", w)
    ]
    return sessions + meetings + closing + plans


def _reports(units: list[Unit], w: Window) -> list[Event]:
    """The due dates of the periodic reports `units` send themselves, each a whole day.
    Its UID names the report type, the unit and the period, so it stays the same before
    the report is drafted and after; a new due date (a returned report given one)
    raises its SEQUENCE like any move."""
    return [
        Event(
            uid=uid(f"report-{r.type_id}-{r.unit_id}", r.period),
            summary=_("Hạn gửi báo cáo: %(title)s, %(period)s — %(unit)s")
            % {"title": r.title, "period": r.period_label, "unit": r.unit_name},
            start=r.due_on,
            url=reverse("reports:unit_reports", args=[r.unit_code]),
        )
        for r in reports.reports_due(units=units, since=w.since, until=w.until)
    ]


def public_events(*, unit: Unit, today: dt.date) -> list[Event]:
    """What `unit` and the units below it announce publicly, in the window around
    `today`: rounds of deciding, citizen-reception days, dialogues and voter meetings,
    consultations' closing days, inspections; and the due dates of the reports the unit
    itself must send, for its officials."""
    w = window(today)
    return _kept(_rounds(unit, w) + _others(unit, w) + _reports([unit], w), w)


def feed_owner(*, secret: str) -> Any | None:
    """The active official behind a private feed's secret, or None (revoked, unknown)."""
    key = (
        FeedKey.objects.select_related("user")
        .filter(key_hash=digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return key.user if key else None


def feed_active(*, user: Any) -> FeedKey | None:
    return FeedKey.objects.filter(user=user, revoked_at__isnull=True).first()


def private_events(*, user: Any, today: dt.date) -> list[Event]:
    """An official's deadlines in the window around `today`: the petitions they handle
    (by tracking code), the open follow-ups of their units (by unit), and the reports
    due from the units where they hold a role that writes them. No sender, no raiser,
    no text."""
    w = window(today)
    due = [
        Event(
            uid=uid("petition-due", p.pk),
            summary=_("Hạn xử lý đơn %(code)s (%(kind)s)")
            % {"code": p.tracking_code, "kind": p.get_kind_display()},
            start=p.next_due,  # type: ignore[arg-type]
            url=reverse("petitions:detail", args=[p.pk]),
        )
        for p in _bounded(petitions.calendar_due(user=user), "next_due", w)
    ]
    promised = [
        Event(
            uid=uid("followup", f.pk),
            summary=_("Hạn thực hiện việc đã hứa, %(unit)s") % {"unit": f.unit.name},
            start=f.due_on,
            url=reverse("followups:detail", args=[f.pk]),
        )
        for f in _bounded(followups.calendar_due(user=user), "due_on", w)
    ]
    reported = _reports(reports.reporting_units(user=user), w)
    return _kept(due + promised + reported, w)
