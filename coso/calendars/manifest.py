"""Calendar subscriptions: a unit's public events and an official's own deadlines, as
iCalendar feeds (RFC 5545) a phone's calendar subscribes to."""

from coso.core.manifests import Manifest

MANIFEST = Manifest(
    summary="iCalendar feeds: a unit's public events, an official's own deadlines",
    urls="coso.calendars.urls",
)
