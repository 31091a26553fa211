"""The events of a unit's public calendar and of an official's private one, read from
each app through its selectors: one query per kind of event, whatever their number."""

import datetime as dt
from typing import Any

from django.conf import settings
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
from coso.units.selectors import Unit


def _rounds(unit: Unit, since: dt.date) -> list[Event]:
    found = []
    for m in decisions.calendar_rounds(unit=unit, since=since):
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


def _others(unit: Unit, since: dt.date) -> list[Event]:
    sessions = [
        Event(
            uid=uid("reception", s.pk),
            summary=_("Tiếp công dân: %(leader)s") % {"leader": s.leader_title or s.leader},
            start=s.date,
            location=s.place,
        )
        for s in petitions.calendar_sessions(unit=unit, since=since)
    ]
    meetings = [
        Event(
            uid=uid("dialogue", m.pk),
            summary=m.get_kind_display(),
            start=m.date,
            location=m.place,
            url=reverse("dialogues:public_detail", args=[m.pk]),
        )
        for m in dialogues.calendar_meetings(unit=unit, since=since)
    ]
    closing = [
        Event(
            uid=uid("consultation", c.pk),
            summary=_("Hết hạn góp ý: %(title)s") % {"title": c.title},
            start=c.closes_on,
            url=reverse("consultations:public_detail", args=[c.pk]),
        )
        for c in consultations.calendar_closing(unit=unit, since=since)
    ]
    plans = [
        Event(
            uid=uid("inspection", p.pk),
            summary=_("Ban Thanh tra nhân dân kiểm tra: %(subject)s") % {"subject": p.subject},
            start=p.starts_on,
        )
        for p in oversight.calendar_plans(unit=unit, since=since)
    ]
    return sessions + meetings + closing + plans


def public_events(*, unit: Unit, today: dt.date) -> list[Event]:
    """What `unit` and the units below it announce publicly, from
    COSO_CALENDAR_PAST_DAYS before `today` on: rounds of deciding, citizen-reception
    days, dialogues and voter meetings, consultations' closing days, inspections."""
    since = today - dt.timedelta(days=settings.COSO_CALENDAR_PAST_DAYS)
    return _rounds(unit, since) + _others(unit, since)


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


def private_events(*, user: Any) -> list[Event]:
    """An official's deadlines: the petitions they handle (by tracking code) and the
    open follow-ups of their units (by unit). No sender, no raiser, no text."""
    due = [
        Event(
            uid=uid("petition-due", p.pk),
            summary=_("Hạn xử lý đơn %(code)s (%(kind)s)")
            % {"code": p.tracking_code, "kind": p.get_kind_display()},
            start=p.next_due,  # type: ignore[arg-type]
            url=reverse("petitions:detail", args=[p.pk]),
        )
        for p in petitions.calendar_due(user=user)
    ]
    promised = [
        Event(
            uid=uid("followup", f.pk),
            summary=_("Hạn thực hiện việc đã hứa, %(unit)s") % {"unit": f.unit.name},
            start=f.due_on,
            url=reverse("followups:detail", args=[f.pk]),
        )
        for f in followups.calendar_due(user=user)
    ]
    return due + promised
