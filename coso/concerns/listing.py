"""A commune's records on one topic over a period (the end of the concerns view's
drill-down): newest first, a page at a time by key, in a fixed number of queries — the
page, the catalogue's labels, and for those who may read what residents said one query
per channel on the page, to the record's own table (the field its app declares in its
manifest's `raises`).

What a resident said is never shown from a denunciation: the law keeps a denouncer and
what identifies them secret (Law on Denunciations 25/2018/QH14 art. 9(1)(b), art. 56;
GDL art. 9); its topics and counts are shown, as every record's are. No sender's name
is ever read here."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.utils.text import Truncator

from coso.concerns.models import Concern, ConcernTopic
from coso.concerns.ranking import Entry
from coso.core.manifests import raised_texts
from coso.core.pagination import dated_page
from coso.units.selectors import Unit

# Records whose text stays with their own app's handler, whoever reads this list: a
# denunciation (see the module's docstring).
SECRET: dict[str, Q] = {"petitions.petition": Q(kind="denunciation")}
EXCERPT_WORDS = 40


@dataclass(frozen=True)
class Line:
    concern: Concern
    suggested: list[Entry]  # what the rules suggested and the sender picked
    confirmed: list[Entry] | None  # None: no official confirmed its topics yet
    excerpt: str | None  # None: not shown to this reader (or a denunciation)


def _on_topic(topic: Entry) -> Q:
    """A first-level topic counts its subtopics' rows too (`top`); a subtopic its own."""
    return Q(top__code=topic.code) if topic.parent is None else Q(topic__code=topic.code)


def concerns_on(*, unit: Unit, topic: Entry, start: dt.date, end: dt.date) -> "Q":
    """The concerns of `unit` (a reporting unit) on `topic` raised in [start, end]."""
    rows = ConcernTopic.objects.filter(_on_topic(topic), concern=OuterRef("pk"))
    return Q(commune=unit, raised_on__range=(start, end)) & Q(Exists(rows))


def texts(concerns: list[Concern]) -> dict[int, str]:
    """What residents said in each of `concerns`, by concern id: one query per kind of
    record, to the field its app declares; never a denunciation's."""
    fields = raised_texts()
    by_type: dict[str, dict[str, int]] = {}
    for c in concerns:
        by_type.setdefault(c.record_type, {})[c.record_id] = c.pk
    found: dict[int, str] = {}
    for record_type, ids in by_type.items():
        name = fields.get(record_type)
        if name is None:
            continue
        rows = apps.get_model(record_type)._default_manager.filter(pk__in=list(ids))
        rows = rows.exclude(SECRET[record_type]) if record_type in SECRET else rows
        for pk, text in rows.values_list("pk", name):
            found[ids[str(pk)]] = Truncator(text or "").words(EXCERPT_WORDS)
    return found


def page(
    *,
    unit: Unit,
    topic: Entry,
    topics: dict[str, Entry],
    start: dt.date,
    end: dt.date,
    after: str,
    size: int,
    with_texts: bool,
) -> tuple[list[Line], str | None]:
    """A page of the records (see the module's docstring), from the key `after`."""
    qs = Concern.objects.filter(concerns_on(unit=unit, topic=topic, start=start, end=end))
    items, next_after = dated_page(
        qs.select_related("village"), field="raised_on", after=after, size=size, descending=True
    )
    said = texts(items) if with_texts else {}

    def named(codes: list[str]) -> list[Entry]:
        return [topics[c] for c in codes if c in topics]

    lines = [
        Line(
            c,
            named([*c.suggested, *(p for p in c.picked if p not in c.suggested)]),
            None if c.confirmed is None else named(c.confirmed),
            said.get(c.pk),
        )
        for c in items
    ]
    return lines, next_after
