"""What the field page keeps on the phone: the open meetings the user may record and
their household lists (a village-by-village commune round as one meeting per village,
each with that village's households), the secret rounds whose paper they key in and
the other household-ballot rounds whose numbered forms they key in (no household, no
code), and the villages the user works in — only what the permission
matrix lets that user read (names only with `personal.read` where the household lives)."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from coso.core.permissions import can, scoped_for
from coso.decisions import selectors as decisions
from coso.dialogues import selectors as dialogues
from coso.field.models import FieldEntry
from coso.oversight import selectors as oversight
from coso.petitions import selectors as petitions
from coso.units.selectors import COMMUNITY_KINDS, Unit, current_units


def open_meetings(*, user: Any) -> QuerySet[Any]:
    """Meetings in progress that `user` may record (`decisions.write` where they are)."""
    matters = decisions.Matter.objects.filter(
        status=decisions.Status.OPEN, method=decisions.Method.MEETING
    )
    return _writable(matters, user)


def _writable(matters: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """The newest of `matters` that `user` may record, with their unit and options."""
    return (
        scoped_for(matters, user, "decisions.write", path_field="unit__path")
        .select_related("unit")
        .prefetch_related("options")
        .order_by("-id")[: settings.COSO_FIELD_CACHE_MAX]
    )


def _meeting(user: Any, matter: Any, village: dict[str, Any] | None = None) -> dict[str, Any]:
    """One meeting to record: a round, or one village's part of a village-by-village
    round (its `cluster`, the village's code, as the decisions service counts it)."""
    names = can(user, "personal.read", path=matter.unit.path)
    cluster = village["code"] if village else ""
    return {
        "id": matter.pk,
        "key": f"{matter.pk}:{cluster}" if cluster else str(matter.pk),
        "cluster": cluster,
        "title": matter.title,
        "unit": f"{village['name']} — {matter.unit.name}" if village else matter.unit.name,
        "electorate": matter.electorate,
        "options": [{"key": o.key, "label": o.label} for o in matter.options.all()],
        "households": [
            {"id": r["id"], "code": r["code"], "name": r["name"]}
            for r in decisions.attendance_sheet(matter=matter, cluster=cluster, names=names)
        ],
    }


def _meetings(user: Any) -> list[dict[str, Any]]:
    return [_meeting(user, m, v) for m in open_meetings(user=user) for v in (m.villages or [None])]


def paper_rounds(*, user: Any) -> QuerySet[Any]:
    """Secret (encrypted) ballot rounds open, whose paper `user` may key in
    (`decisions.write` where they are)."""
    matters = decisions.Matter.objects.filter(status=decisions.Status.OPEN, encrypted=True)
    return _writable(matters, user)


def _paper_round(matter: Any) -> dict[str, Any]:
    """What keying in a secret round's paper needs on the phone: its options, its ballot
    boxes (a village each in a round counted village by village) and, electing several
    people, the seats. Never a household or a code: the stubs' codes are typed from the
    stubs themselves."""
    several = matter.kind == decisions.MatterKind.ELECTION and matter.seats > 1
    return {
        "id": matter.pk,
        "title": matter.title,
        "unit": matter.unit.name,
        "options": [{"key": o.key, "label": o.label} for o in matter.options.all()],
        "boxes": [
            {"code": v["code"], "name": v["name"]} for v in matter.villages if not v.get("carried")
        ],
        "seats": matter.seats if several else 0,
    }


def form_rounds(*, user: Any) -> QuerySet[Any]:
    """Open household-ballot rounds that are not secret, whose numbered paper forms
    `user` may key in (`decisions.write` where they are)."""
    matters = decisions.Matter.objects.filter(
        status=decisions.Status.OPEN, secret=False, encrypted=False
    ).exclude(method=decisions.Method.MEETING)
    return _writable(matters, user)


def _form_round(matter: Any) -> dict[str, Any]:
    """What keying in a round's numbered forms needs on the phone, as the online key-in
    form shows it: the options and how many may be chosen. Never a household or a code:
    the form's number is typed from the form."""
    several = matter.kind == decisions.MatterKind.ELECTION
    return {
        "id": matter.pk,
        "title": matter.title,
        "unit": matter.unit.name,
        "options": [{"key": o.key, "label": o.label} for o in matter.options.all()],
        "most": matter.seats if several else 1,
    }


def _latest(qs: QuerySet[Any], user: Any, action: str, path_field: str, *order: str) -> Any:
    scoped = scoped_for(qs, user, action, path_field=path_field)
    return scoped.order_by(*order)[: settings.COSO_FIELD_CACHE_MAX]


def commune_work(*, user: Any) -> dict[str, list[dict[str, Any]]]:
    """What a commune's officials record away from the office, where the matrix lets
    `user` record it: reception sessions (visits), dialogues and voter meetings (their
    questions and commitments), inspections under way (their findings)."""
    sessions = _latest(
        petitions.ReceptionSession.objects.select_related("unit"),
        user,
        "petitions.write",
        "unit__path",
        "-date",
        "-id",
    )
    meetings = _latest(
        dialogues.Meeting.objects.filter(kind__in=dialogues.PUBLIC_KINDS).select_related("unit"),
        user,
        "mobilisation.write",
        "unit__path",
        "-date",
        "-id",
    )
    plans = _latest(
        oversight.Plan.objects.filter(finished_on=None).select_related("commune"),
        user,
        "oversight.write",
        "commune__path",
        "-starts_on",
        "-id",
    )
    return {
        "sessions": [
            {"id": s.pk, "label": f"{s.unit.name}, {s.date:%d/%m/%Y}, {s.leader}"} for s in sessions
        ],
        "dialogues": [{"id": m.pk, "label": m.label} for m in meetings],
        "plans": [
            {"id": p.pk, "label": f"{p.subject} — {p.commune.name}, {p.starts_on:%d/%m/%Y}"}
            for p in plans
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
        "meetings": _meetings(user),
        "papers": [_paper_round(m) for m in paper_rounds(user=user)],
        "forms": [_form_round(m) for m in form_rounds(user=user)],
        **commune_work(user=user),
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
