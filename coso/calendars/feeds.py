"""Events as iCalendar (RFC 5545), written with the `icalendar` library.

An event is a plain value: its UID (`<kind>-<pk>@coso`, stable for the record's life),
what it is, when (a day, or a day and an hour in Vietnam's time), where, and whether it
was cancelled. Its SEQUENCE and DTSTAMP come from the table of what each UID last said
(`coso.calendars.services.entries_sync`).
"""

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as VEvent

from coso.calendars.models import Entry

# Vietnam's one time zone (UTC+7, no daylight saving): every hour in a feed is local.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PRODID = "-//Coso//Lich co so//VI"


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: dt.date | dt.datetime
    location: str = ""
    url: str = ""
    cancelled: bool = False

    @property
    def day(self) -> dt.date:
        """The local day it falls on."""
        if isinstance(self.start, dt.datetime):
            return self.start.astimezone(VIETNAM).date()
        return self.start

    @property
    def digest(self) -> str:
        """What a subscriber must be told again when it changes: time, place, status."""
        said = f"{self.start.isoformat()}|{self.location}|{self.cancelled}"
        return hashlib.sha256(said.encode()).hexdigest()


def uid(kind: str, pk: int | str) -> str:
    return f"{kind}-{pk}@coso"


def at(day: dt.date, hour: dt.time | None) -> dt.date | dt.datetime:
    """A whole day, or the day at a local hour (Asia/Ho_Chi_Minh)."""
    return dt.datetime.combine(day, hour, tzinfo=VIETNAM) if hour else day


def _vevent(event: Event, entry: Entry, base_url: str) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", entry.changed_at)
    vevent.add("sequence", entry.sequence)
    vevent.add("summary", event.summary)
    vevent.add("dtstart", event.start)
    if not isinstance(event.start, dt.datetime):
        vevent.add("dtend", event.start + dt.timedelta(days=1))
    if event.location:
        vevent.add("location", event.location)
    if event.url:
        vevent.add("url", base_url + event.url)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return vevent


def calendar(
    *, name: str, events: Iterable[Event], entries: dict[str, Entry], base_url: str
) -> bytes:
    """The feed: one VEVENT per event, the VTIMEZONE its local hours name."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", VIETNAM.key)
    for event in events:
        cal.add_component(_vevent(event, entries[event.uid], base_url))
    cal.add_missing_timezones()
    return cal.to_ical()
