"""What residents raised, recorded by every channel and confirmed by officials.

- `raised`: a channel's service calls it in the transaction that creates the record (a
  petition, a question at a dialogue, a consultation opinion, a request to the People's
  Inspection Board, a survey comment): the rules suggest topics, the sender's or the
  recording official's pick is kept, and the concern counts under them until an
  official confirms (`raised_many` does the same for many records in a fixed number of
  queries: a survey closing, the backfill).
- `classify`: the official who handles the record confirms or changes its topics (the
  suggestion and the pick stay as they were, so the rules' precision can be measured)
  and may link the household that raised it.
- `forget`: a channel deleted the record.
- `backfill`: records made before concerns existed get theirs, channel by channel, in
  batches; each channel says how to read its records in its `hooks.py`
  (`concerns.raised.<app_label.model>` answers a `Source`), since concerns never
  imports a channel app.

Each write recomputes `repeat_of` for the households it touched (the same household
raising the same first-level topic in the same commune again, through any channel),
offers the new rows to the hotspots (`hotspots.attach`) and marks the concern figures
of the commune stale (`indicators.touched`).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coso.concerns import hotspots
from coso.concerns import topics as topic_catalogue
from coso.concerns.models import Channel as Channel
from coso.concerns.models import Concern, ConcernTopic
from coso.core import audit, hooks, indicators
from coso.core.errors import DomainError
from coso.core.manifests import raised_texts
from coso.core.permissions import can
from coso.people import selectors as people
from coso.units.selectors import provinces_of

# The sender's "other" says nothing about the topic: it is not kept as a pick.
OTHER = "other"
SOURCE = "concerns"
BATCH = 500


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()


@dataclass(frozen=True)
class Raised:
    """One record in which residents raised something, as its channel describes it:
    `label` and `url` name it on officials' lists (never its text or its sender),
    `unit` received it, `on` is the day it was raised, `text` is what the rules read."""

    record: Any
    channel: str
    label: Any  # a string, or a lazy one: stored in Vietnamese whatever the request's language
    url: str
    unit: Any
    on: dt.date
    text: str
    household: Any = None
    village: Any = None
    people: int = 1
    picked: Sequence[str] = ()


@dataclass(frozen=True)
class Source:
    """How the backfill reads one channel's records: `records()` those that may raise
    something (related rows joined, so `build` runs no query), `build(record)` its
    `Raised`, or None when it raised nothing (an empty comment)."""

    records: Callable[[], QuerySet[Any]]
    build: Callable[[Any], Raised | None]


class _Topics(NamedTuple):
    """Every topic of the catalogue (retired ones too: old records still resolve)."""

    ids: dict[str, tuple[int, int]]  # code -> (id, id of its first-level topic)
    retired: set[str]


def _topics() -> _Topics:
    found = topic_catalogue.catalogue().by_code
    return _Topics(
        {code: (e.id, found[e.top].id) for code, e in found.items()},
        {code for code, e in found.items() if e.retired()},
    )


def _pk(value: Any) -> Any:
    return getattr(value, "pk", value)


def _specific(codes: Iterable[str], topics: _Topics) -> list[str]:
    """The known codes, without repeats, the most specific only (a subtopic stands for
    its parent)."""
    known = [c for c in dict.fromkeys(codes) if c in topics.ids]
    return [c for c in known if not any(o.startswith(f"{c}.") for o in known)]


def counted_codes(concern: Concern) -> list[str]:
    """The topics a concern counts under now: the confirmed ones, or until an official
    confirms, the suggested and the picked ones."""
    if concern.confirmed is not None:
        return list(concern.confirmed)
    return [*concern.suggested, *concern.picked]


# --- raised ---------------------------------------------------------------------------


def raised(
    *,
    record: Any,
    channel: str,
    label: str,
    url: str,
    unit: Any,
    on: dt.date,
    text: str,
    household: Any = None,
    village: Any = None,
    people: int = 1,
    picked: Sequence[str] = (),
) -> Concern:
    """Record that residents raised something in `record` (call it in the transaction
    that creates the record: a record rolled back leaves no concern)."""
    item = Raised(record, channel, label, url, unit, on, text, household, village, people, picked)
    return raised_many([item])[0]


def raised_many(items: Sequence[Raised]) -> list[Concern]:
    """`raised` for many records at once, in a fixed number of queries (and one per
    commune whose figures go stale)."""
    if not items:
        return []
    suggest = topic_catalogue.suggest
    topics = _topics()
    provinces = provinces_of(unit_ids={i.unit.pk for i in items})
    with transaction.atomic():
        concerns = Concern.objects.bulk_create(
            [_concern(i, suggest, topics, provinces) for i in items]
        )
        rows = _write_rows(concerns, topics)
        # A record raising no topic changes no figure.
        _touch({row.concern_id: row.concern for row in rows}.values())
    return concerns


def _concern(
    item: Raised,
    suggest: Callable[[str], tuple[list[str], int]],
    topics: _Topics,
    provinces: dict[int, int],
) -> Concern:
    if item.channel not in Channel.values:
        raise ValueError(f"unknown channel {item.channel!r}")
    suggested, revision = suggest(item.text)
    unit = item.unit
    village = _pk(item.village) or (unit.pk if getattr(unit, "is_community", False) else None)
    with translation.override("vi"):
        label = str(item.label)
    return Concern(
        channel=item.channel,
        record_type=item.record._meta.label_lower,
        record_id=str(item.record.pk),
        label=label[:200],
        url=item.url[:200],
        unit=unit,
        commune_id=indicators.reporting_unit(unit),
        province_id=provinces[unit.pk],
        village_id=village or getattr(item.household, "village_id", None),
        household_id=_pk(item.household),
        people=max(1, int(item.people or 1)),
        raised_on=item.on,
        suggested=suggested,
        picked=[c for c in _specific(item.picked, topics) if c != OTHER],
        revision=revision,
    )


def _write_rows(concerns: Sequence[Concern], topics: _Topics) -> list[ConcernTopic]:
    """The concerns' topics as they count now, linked to the same households' earlier
    rows, offered to the hotspots (the callers mark the communes' figures stale)."""
    rows = ConcernTopic.objects.bulk_create(
        [
            ConcernTopic(
                concern=concern,
                topic_id=topics.ids[code][0],
                top_id=topics.ids[code][1],
                commune_id=concern.commune_id,
                province_id=concern.province_id,
                household_id=concern.household_id,
                raised_on=concern.raised_on,
            )
            for concern in concerns
            for code in _specific(counted_codes(concern), topics)
        ]
    )
    _relink({(r.household_id, r.top_id) for r in rows}, rows)
    hotspots.attach(rows)
    return rows


def _touch(concerns: Iterable[Concern]) -> None:
    days: dict[int, set[dt.date]] = defaultdict(set)
    for concern in concerns:
        days[concern.commune_id].add(concern.raised_on)
    for commune_id, on in days.items():
        indicators.touched(SOURCE, commune_id, on)


def _relink(keys: set[tuple[int | None, int]], fresh: Sequence[ConcernTopic] = ()) -> None:
    """Point each row of the (household, first-level topic) pairs `keys` at the latest
    row of an earlier concern of the same household, topic and commune (one read, one
    update): a household raising the same thing again is linked, not a new voice."""
    households = {h for h, _top in keys if h is not None}
    if not households:
        return
    found = ConcernTopic.objects.filter(
        household_id__in=households, top_id__in={t for h, t in keys if h is not None}
    ).values_list(
        "id", "household_id", "top_id", "commune_id", "raised_on", "concern_id", "repeat_of_id"
    )
    groups: dict[tuple[int, int, int], list[tuple[Any, ...]]] = defaultdict(list)
    for found_row in found:
        groups[(found_row[1], found_row[2], found_row[3])].append(found_row)
    wanted: dict[int, int | None] = {}
    for rows in groups.values():
        wanted.update(_repeats(sorted(rows, key=lambda r: (r[4], r[5], r[0]))))
    changed = [ConcernTopic(id=pk, repeat_of_id=to) for pk, to in wanted.items()]
    ConcernTopic.objects.bulk_update(changed, ["repeat_of"])
    for row in fresh:
        row.repeat_of_id = wanted.get(row.pk, row.repeat_of_id)


def _repeats(rows: Sequence[tuple[Any, ...]]) -> dict[int, int | None]:
    """For rows of one household, topic and commune in the order raised: the rows whose
    `repeat_of` must change, to the last row of the concern before theirs."""
    wanted: dict[int, int | None] = {}
    before: int | None = None  # the last row of the previous concern
    last: int | None = None
    concern = None
    for pk, _h, _t, _c, _on, concern_id, repeat_of in rows:
        if concern_id != concern:
            before, concern = last, concern_id
        if repeat_of != before:
            wanted[pk] = before
        last = pk
    return wanted


# --- classify --------------------------------------------------------------------------


def household_in_commune(*, concern: Concern, code: str) -> Any:
    """The household of the concern's commune with the household code `code`."""
    household = (
        people.households_under(unit=concern.commune).filter(code=code.strip()).first()
        if code.strip()
        else None
    )
    if household is None:
        raise DomainError(_("Không có hộ với mã này trong xã."), field="household")
    return household


def _check_household(concern: Concern, household: Any) -> None:
    if household is not None and not (
        people.households_under(unit=concern.commune).filter(pk=_pk(household)).exists()
    ):
        raise DomainError(_("Không có hộ với mã này trong xã."), field="household")


def _checked(codes: Sequence[str], concern: Concern, topics: _Topics) -> list[str]:
    """The official's topics: known, not retired (unless the concern already had it)."""
    had = {*concern.suggested, *concern.picked, *(concern.confirmed or [])}
    chosen = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not chosen:
        raise DomainError(_("Hãy chọn ít nhất một chủ đề."), field="topics")
    for code in chosen:
        if code not in topics.ids or (code in topics.retired and code not in had):
            raise DomainError(_("Chủ đề không hợp lệ: %(code)s.") % {"code": code}, field="topics")
    return _specific(chosen, topics)


def classify(
    *, actor: Any, concern: Concern, topics: Sequence[str], household: Any = UNCHANGED
) -> Concern:
    """The official who handles the record confirms or changes its topics and, if
    given, links the household that raised it (None unlinks). What the rules suggested
    and the sender picked stay beside it. Its rows are rewritten, offered to the
    hotspots, and the change is written to the audit log."""
    if not can(actor, "concerns.write", path=concern.unit.path):
        raise DomainError(_("Bạn không có quyền phân loại ý kiến này."), field="topics")
    catalogue = _topics()
    codes = _checked(topics, concern, catalogue)
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        changes: dict[str, Any] = {"confirmed": [locked.confirmed, codes]}
        if household is not UNCHANGED and _pk(household) != locked.household_id:
            _check_household(concern, household)
            changes["household"] = [locked.household_id, _pk(household)]
            locked.household_id = _pk(household)
        locked.confirmed = codes
        locked.confirmed_by = actor
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed", "confirmed_by", "confirmed_at", "household"])
        before = list(locked.topics.all())
        old = {(r.household_id, r.top_id) for r in before}
        locked.topics.all().delete()
        rows = _write_rows([locked], catalogue)
        _relink(old - {(r.household_id, r.top_id) for r in rows})
        # A hotspot the record counted for no longer counts the rows moved away.
        hotspots.recount({r.hotspot_id for r in before if r.hotspot_id})
        _touch([locked])
        audit.log_event(actor=actor, model="concerns.concern", record=locked, changes=changes)
    return locked


# --- forget ----------------------------------------------------------------------------


def forget(record: Any) -> None:
    """A channel deleted `record`: its concern and rows go; the same households' later
    rows are linked anew and the commune's figures go stale."""
    with transaction.atomic():
        concern = Concern.objects.filter(
            record_type=record._meta.label_lower, record_id=str(record.pk)
        ).first()
        if concern is None:
            return
        keys = {(r.household_id, r.top_id) for r in concern.topics.all()}
        concern.delete()
        _relink(keys)
        _touch([concern])


# --- backfill --------------------------------------------------------------------------


def _source(label: str) -> Source:
    return hooks.ask(f"concerns.raised.{label}")()  # type: ignore[no-any-return]


def _new(label: str, records: Sequence[Any]) -> list[Any]:
    """Those of `records` that have no concern yet (one query; compared as the strings
    `record_id` holds, whatever the primary key's type and the database)."""
    known = set(
        Concern.objects.filter(
            record_type=label, record_id__in=[str(r.pk) for r in records]
        ).values_list("record_id", flat=True)
    )
    return [r for r in records if str(r.pk) not in known]


def backfill(*, batch: int = BATCH) -> dict[str, int]:
    """Give every record of every channel (the models the manifests' `raises` name) that
    has no concern yet its concern, in batches of `batch` records read by key, a fixed
    number of queries each. Running it again adds nothing. Returns how many concerns
    each channel got."""
    made = {}
    for label in raised_texts():
        source = _source(label)
        made[label] = 0
        after = None
        while True:
            page = source.records().order_by("pk")
            page = page.filter(pk__gt=after) if after is not None else page
            records = list(page[:batch])
            if not records:
                break
            after = records[-1].pk
            items = [i for i in map(source.build, _new(label, records)) if i is not None]
            made[label] += len(raised_many(items))
    return made
