"""What the field page keeps on the phone: the open meetings the user may record and
their household lists, and the villages the user works in — only what the permission
matrix lets that user read (names only with `personal.read` where the household lives)."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from coso.core.permissions import can, scoped_for
from coso.decisions import selectors as decisions
from coso.field.models import FieldEntry
from coso.units.selectors import COMMUNITY_KINDS, Unit, current_units


def open_meetings(*, user: Any) -> QuerySet[Any]:
    """Meetings in progress that `user` may record (`decisions.write` where they are),
    one round to a unit (a village-by-village commune round is recorded at the office)."""
    matters = decisions.Matter.objects.filter(
        status=decisions.Status.OPEN, method=decisions.Method.MEETING
    )
    return (
        scoped_for(matters, user, "decisions.write", path_field="unit__path")
        .select_related("unit")
        .prefetch_related("options")
        .order_by("-id")[: settings.COSO_FIELD_CACHE_MAX]
    )


def _meeting(user: Any, matter: Any) -> dict[str, Any]:
    names = can(user, "personal.read", path=matter.unit.path)
    return {
        "id": matter.pk,
        "title": matter.title,
        "unit": matter.unit.name,
        "electorate": matter.electorate,
        "options": [{"key": o.key, "label": o.label} for o in matter.options.all()],
        "households": [
            {"id": r["id"], "code": r["code"], "name": r["name"]}
            for r in decisions.attendance_sheet(matter=matter, names=names)
        ],
    }


def field_villages(*, user: Any) -> list[Unit]:
    """The villages and residential groups `user` works in, with their commune."""
    villages = current_units().filter(kind__in=COMMUNITY_KINDS)
    return list(
        scoped_for(villages, user, "field.sync", path_field="path")
        .select_related("parent")
        .order_by("parent__name", "name")[: settings.COSO_FIELD_CACHE_MAX]
    )


def field_data(*, user: Any) -> dict[str, Any]:
    """Everything the field page caches for `user`."""
    return {
        "user": user.pk,
        "meetings": [_meeting(user, m) for m in open_meetings(user=user) if not m.villages],
        "villages": [
            {
                "code": v.code,
                "name": v.name,
                "commune": v.parent.code if v.parent else "",
                "commune_name": v.parent.name if v.parent else "",
            }
            for v in field_villages(user=user)
        ],
    }


def entries_of(*, user: Any) -> QuerySet[FieldEntry]:
    """The entries `user`'s devices sent, newest first."""
    return FieldEntry.objects.filter(user=user).order_by("-received_at")
