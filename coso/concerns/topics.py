"""The topic catalogue as the rest of Coso reads it, and the administrator's changes to it.

Reads (exported by `coso.concerns.selectors`; other apps use only those): the
catalogue is small and read on nearly every page that names a topic, so a process keeps
it in memory, tagged with the catalogue's revision (the newest `TopicRevision` id). It
asks the database for the revision once per request (and, out of requests, once every
`RECHECK_SECONDS`): one query while nothing changed, two when it did. A change made in
this process forgets the copy at once.

Writes (`topic_create`, `topic_change`, `topic_retire`; called by the concerns app's
own pages): each bumps the topic's version, writes a `TopicRevision` with the topic as
the change left it, writes the audit log and tells the indicator registry that the
families named by topic changed. A code never changes and a topic is never deleted:
a retired one is neither suggested nor offered in forms, but records that carry it
still resolve and show its label.
"""

import datetime as dt
import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.signals import request_started
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_save
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coso.concerns import matching
from coso.concerns.models import Topic, TopicRevision
from coso.core import audit, indicators
from coso.core.errors import DomainError
from coso.core.pagination import Page, keyset_page

# Out of a request (a command, a worker), how long a process trusts the revision it
# read before asking again: a technical setting, not a rule.
RECHECK_SECONDS = 30.0
# The catch-all topic: a record whose sender picked nothing carries it.
OTHER = "other"
# A code: lower-case letters, digits and "_", starting with a letter; a subtopic's is
# its parent's code, one dot and its own.
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
# The columns' sizes (not rules): a code's and a label's length, the order's range.
CODE_MAX = 40
LABEL_MAX = 200
ORDER_MAX = 32767
KEYWORD_MAX = 100
SEPARATOR = " › "


@dataclass(frozen=True)
class Entry:
    """One topic as the catalogue holds it in memory."""

    id: int
    code: str
    parent: str | None
    label: str
    label_en: str
    keywords: tuple[str, ...]
    order: int
    retired_on: dt.date | None
    version: int

    @property
    def top(self) -> str:
        return self.parent or self.code

    def retired(self, on: dt.date | None = None) -> bool:
        return self.retired_on is not None and self.retired_on <= (on or timezone.localdate())

    def shown(self, english: bool) -> str:
        return (self.label_en or self.label) if english else self.label


@dataclass(frozen=True)
class Catalogue:
    """Every topic, retired ones too, in the catalogue's order: each first-level topic
    followed by its subtopics."""

    revision: int
    entries: tuple[Entry, ...] = ()
    by_code: dict[str, Entry] = field(default_factory=dict)

    def children(self, code: str) -> list[Entry]:
        return [e for e in self.entries if e.parent == code]


class _Memory:
    catalogue: Catalogue | None = None
    checked_at: float = -math.inf


_memory = _Memory()


def forget(**_kwargs: Any) -> None:
    """Read the catalogue again at the next question (a change was made here)."""
    _memory.catalogue = None
    _memory.checked_at = -math.inf


def _new_request(**_kwargs: Any) -> None:
    _memory.checked_at = -math.inf


request_started.connect(_new_request, dispatch_uid="concerns.topics.request")
post_save.connect(forget, sender=Topic, dispatch_uid="concerns.topics.topic_saved")
post_save.connect(forget, sender=TopicRevision, dispatch_uid="concerns.topics.revision_saved")


def _ordered(topics: Iterable[Topic]) -> tuple[Entry, ...]:
    entries = [
        Entry(
            id=t.pk,
            code=t.code,
            parent=t.code.partition(".")[0] if t.parent_id else None,
            label=t.label,
            label_en=t.label_en,
            keywords=tuple(t.keywords or ()),
            order=t.order,
            retired_on=t.retired_on,
            version=t.version,
        )
        for t in topics
    ]
    firsts = sorted((e for e in entries if e.parent is None), key=lambda e: (e.order, e.code))
    rest = sorted((e for e in entries if e.parent is not None), key=lambda e: (e.order, e.code))
    return tuple(
        x for first in firsts for x in [first, *(e for e in rest if e.parent == first.code)]
    )


def catalogue() -> Catalogue:
    """The catalogue, read again only when its revision changed (see the docstring)."""
    now = time.monotonic()
    cached = _memory.catalogue
    if cached is not None and now - _memory.checked_at < RECHECK_SECONDS:
        return cached
    revision = TopicRevision.objects.aggregate(n=Max("id"))["n"] or 0
    if cached is None or cached.revision != revision:
        entries = _ordered(Topic.objects.all())
        cached = Catalogue(revision, entries, {e.code: e for e in entries})
        _memory.catalogue = cached
    _memory.checked_at = now
    return cached


def revision() -> int:
    """The catalogue's revision: the newest TopicRevision's id."""
    return catalogue().revision


def _english() -> bool:
    return (translation.get_language() or "").startswith("en")


def label(code: str) -> str:
    """The topic's label in the request's language (a retired topic's too); an unknown
    code is shown as it is."""
    entry = catalogue().by_code.get(code)
    return entry.shown(_english()) if entry else code


def full_label(code: str) -> str:
    """ "Đất đai, xây dựng › Bồi thường, giải phóng mặt bằng" for a subtopic."""
    found = catalogue().by_code
    entry = found.get(code)
    if entry is None:
        return code
    english = _english()
    parent = found.get(entry.parent) if entry.parent else None
    return (
        f"{parent.shown(english)}{SEPARATOR}{entry.shown(english)}"
        if parent
        else entry.shown(english)
    )


def active(on: dt.date | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """(code, keywords) of the topics not retired, in the catalogue's order (to match)."""
    return [(e.code, e.keywords) for e in catalogue().entries if not e.retired(on)]


def choices(level: int | None = None) -> list[tuple[str, str]]:
    """(code, label) of the topics not retired, for a form: first-level topics
    (level 1), subtopics (level 2) or both, a subtopic's label after its parent's."""
    wanted = {None: (1, 2), 1: (1,), 2: (2,)}[level]
    return [
        (e.code, full_label(e.code))
        for e in catalogue().entries
        if not e.retired() and (2 if e.parent else 1) in wanted
    ]


def is_topic(code: str, *, retired: bool = False) -> bool:
    """Whether `code` is a topic of the catalogue, not retired unless `retired`."""
    entry = catalogue().by_code.get(code)
    return entry is not None and (retired or not entry.retired())


def top_of(code: str) -> str:
    """The first-level topic of `code` (itself for a first-level topic)."""
    entry = catalogue().by_code.get(code)
    return entry.top if entry else code.partition(".")[0]


def suggest(text: str) -> tuple[list[str], int]:
    """The topics the catalogue's phrases find in `text` (most specific only) and the
    revision of the catalogue that found them."""
    current = catalogue()
    topics = [(e.code, e.keywords) for e in current.entries if not e.retired()]
    return matching.suggest(text, topics), current.revision


# The administrator's pages ----------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A first-level topic and its subtopics, as the catalogue's page lists them."""

    topic: Entry
    children: list[Entry]


@dataclass(frozen=True)
class GroupPage:
    items: list[Group]
    next_after: str | None
    count: int


def _matches(entry: Entry, folded: str) -> bool:
    words = [entry.code, entry.label, entry.label_en, *entry.keywords]
    return folded in matching.fold(" | ".join(words))


def topic_groups(*, query: str = "", after: str = "", size: int) -> GroupPage:
    """First-level topics with their subtopics (retired ones too), in the catalogue's
    order, `size` groups after the first-level code `after`; with `query`, the groups
    where it is found in a code, label or phrase (regardless of case and diacritics).
    Read from the catalogue in memory: no query but the revision's."""
    current = catalogue()
    folded = matching.fold(query)
    groups = [Group(e, current.children(e.code)) for e in current.entries if e.parent is None]
    if folded:
        groups = [g for g in groups if any(_matches(e, folded) for e in [g.topic, *g.children])]
    codes = [g.topic.code for g in groups]
    start = codes.index(after) + 1 if after in codes else 0
    shown = groups[start : start + size]
    more = start + size < len(groups)
    return GroupPage(shown, shown[-1].topic.code if more and shown else None, len(groups))


def topic_get(*, code: str) -> Topic:
    """A topic, retired or not (404 for an unknown code)."""
    return get_object_or_404(Topic.objects.select_related("parent"), code=code)


def revisions(*, topic: Topic, after: int | None, size: int) -> Page[TopicRevision]:
    """A topic's revisions, newest first, page by page (one query)."""
    rows = TopicRevision.objects.filter(topic=topic).select_related("changed_by")
    return keyset_page(rows, key="version", after=after, size=size, descending=True)


# Writes ---------------------------------------------------------------------------


@dataclass
class TopicData:
    """What an administrator sets on a topic (its code and parent only when created)."""

    label: str
    label_en: str
    keywords: list[str] = field(default_factory=list)
    order: int | None = None
    note: str = ""


def _snapshot(topic: Topic) -> dict[str, Any]:
    return {
        "code": topic.code,
        "parent": topic.code.partition(".")[0] if topic.parent_id else None,
        "label": topic.label,
        "label_en": topic.label_en,
        "keywords": list(topic.keywords),
        "order": topic.order,
        "retired_on": topic.retired_on.isoformat() if topic.retired_on else None,
    }


def _keywords(words: Iterable[str]) -> list[str]:
    kept: list[str] = []
    for word in (" ".join(w.split()) for w in words):
        if not word or word in kept:
            continue
        if len(word) > KEYWORD_MAX or not matching.fold(word):
            raise DomainError(
                _("Từ khóa “%(word)s” không hợp lệ (tối đa %(n)s ký tự, phải có chữ hoặc số).")
                % {"word": word[:KEYWORD_MAX], "n": KEYWORD_MAX},
                field="keywords",
            )
        kept.append(word)
    return kept


def _check(data: TopicData) -> TopicData:
    for name in ("label", "label_en"):
        value = " ".join(getattr(data, name).split())
        if not value:
            raise DomainError(_("Cần ghi tên chủ đề."), field=name)
        if len(value) > LABEL_MAX:
            raise DomainError(_("Tên chủ đề tối đa %(n)s ký tự.") % {"n": LABEL_MAX}, field=name)
        setattr(data, name, value)
    if data.order is not None and not 0 <= data.order <= ORDER_MAX:
        raise DomainError(_("Thứ tự phải từ 0 đến %(n)s.") % {"n": ORDER_MAX}, field="order")
    data.keywords = _keywords(data.keywords)
    data.note = data.note.strip()[:300]
    return data


def _parent_of(code: str) -> Topic | None:
    """The parent a new topic's code names (None for a first-level one); refuses a bad
    code, one taken, or a parent missing or retired."""
    if not CODE.match(code) or len(code) > CODE_MAX:
        raise DomainError(
            _(
                "Mã chủ đề chỉ gồm chữ thường không dấu (a–z), chữ số và dấu gạch dưới, "
                "bắt đầu bằng chữ; mã chủ đề con là mã chủ đề cha, một dấu chấm và phần "
                "riêng (ví dụ land.compensation), tối đa %(n)s ký tự."
            )
            % {"n": CODE_MAX},
            field="code",
        )
    if Topic.objects.filter(code=code).exists():
        raise DomainError(_("Mã “%(code)s” đã có trong danh mục.") % {"code": code}, field="code")
    if "." not in code:
        return None
    parent = Topic.objects.filter(code=code.partition(".")[0], parent=None).first()
    if parent is None or (parent.retired_on and parent.retired_on <= timezone.localdate()):
        raise DomainError(
            _("Chủ đề cha “%(code)s” không có hoặc đã ngừng dùng.")
            % {"code": code.partition(".")[0]},
            field="code",
        )
    return parent


def _revise(actor: Any, topic: Topic, note: str) -> None:
    TopicRevision.objects.create(
        topic=topic,
        version=topic.version,
        snapshot=_snapshot(topic),
        changed_by=audit.acting_user(actor),
        note=note,
    )
    forget()
    transaction.on_commit(forget)
    transaction.on_commit(indicators.families_changed)


def topic_create(*, actor: Any, code: str, data: TopicData) -> Topic:
    """A new topic (a subtopic when its code names a parent: "land.compensation")."""
    code = code.strip()
    data = _check(data)
    with transaction.atomic():
        parent = _parent_of(code)
        order = data.order
        if order is None:
            order = min((Topic.objects.aggregate(n=Max("order"))["n"] or 0) + 1, ORDER_MAX)
        topic = Topic.objects.create(
            code=code,
            parent=parent,
            label=data.label,
            label_en=data.label_en,
            keywords=data.keywords,
            order=order,
        )
        audit.log_create(actor=actor, obj=topic, unit_id=None)
        _revise(actor, topic, data.note)
    return topic


def _locked(code: str, version: int | None) -> Topic:
    topic = Topic.objects.select_for_update().filter(code=code).first()
    if topic is None:
        raise DomainError(_("Không có chủ đề mã này."), field="code")
    if version is not None and topic.version != version:
        raise DomainError(
            _("Chủ đề vừa được người khác sửa (phiên bản %(n)s): hãy tải lại trang.")
            % {"n": topic.version},
            field="code",
        )
    return topic


def topic_change(*, actor: Any, code: str, data: TopicData, version: int | None = None) -> Topic:
    """Change a topic's labels, phrases or order (never its code nor its parent).
    `version`, when given, is the one the administrator saw: a later change refuses."""
    data = _check(data)
    with transaction.atomic():
        topic = _locked(code, version)
        before = audit.snapshot(topic)
        topic.label, topic.label_en, topic.keywords = data.label, data.label_en, data.keywords
        if data.order is not None:
            topic.order = data.order
        if audit.diff(before, audit.snapshot(topic)) == {}:
            return topic
        topic.version += 1
        topic.save()
        audit.log_update(actor=actor, obj=topic, before=before, unit_id=None)
        _revise(actor, topic, data.note)
    return topic


def topic_retire(*, actor: Any, code: str, note: str = "", on: dt.date | None = None) -> Topic:
    """Stop offering and suggesting a topic from `on` (today); a first-level topic's
    subtopics retire with it. Records that carry it keep it."""
    day = on or timezone.localdate()
    if code == OTHER:
        raise DomainError(
            _("Chủ đề “Khác” là chủ đề mặc định của mọi kênh, không ngừng dùng được."),
            field="code",
        )
    with transaction.atomic():
        topic = _locked(code, None)
        if topic.retired_on is not None:
            raise DomainError(_("Chủ đề này đã ngừng dùng."), field="code")
        subtopics = list(
            Topic.objects.select_for_update().filter(parent=topic, retired_on__isnull=True)
        )
        for each in [topic, *subtopics]:
            before = audit.snapshot(each)
            each.retired_on = day
            each.version += 1
            each.save()
            audit.log_update(actor=actor, obj=each, before=before, unit_id=None)
            _revise(actor, each, note.strip()[:300])
    return topic
