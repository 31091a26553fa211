"""The append-only, hash-chained audit log.

Every service that creates, changes or deletes a domain record calls one of the `log_*`
functions inside its own transaction. Each entry stores who, when, which record, and the
fields before and after, plus the hash of the previous entry in its chain; `coso audit
verify` recomputes every chain and names the first entry that no longer matches.

There is one chain per province (the province of the entry's unit) and a national one
(entries with no unit, and every entry written before there were chains): appending
locks only its chain's head, so writes in different provinces never wait for each
other. A province's chain is opened by an entry in the national chain, so a chain
deleted whole is missed by a signed chain.

Each entry is also signed (HMAC-SHA256 of its hash) with a key kept outside the database
(`COSO_AUDIT_KEYS`), and each chain's head as each day begins is kept signed in
`AuditCheckpoint` and shown on the public portal (/audit/): someone who can write the
database but holds no key can rewrite entries and recompute every hash, yet not the
signatures.
"""

import datetime as dt
import enum
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, Final

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import pagecache, places
from coso.core.models import (
    NATIONAL_CHAIN,
    AuditAction,
    AuditCheckpoint,
    AuditEntry,
    AuditHead,
)

GENESIS_HASH = "0" * 64
REDACTED = "***"
# Never copied into the log: secrets and noise.
ALWAYS_EXCLUDED = {"password", "last_login", "created_at", "updated_at"}


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The record's own column values, JSON-ready, with sensitive fields masked.

    A model lists sensitive fields in `AUDIT_REDACT` (citizen ID numbers, a denouncer's
    identity): the log says that they changed, never what they are.
    """
    redact = set(getattr(obj, "AUDIT_REDACT", ()))
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in ALWAYS_EXCLUDED:
            continue
        value = getattr(obj, field.attname)
        if field.name in redact and value not in (None, ""):
            value = REDACTED
        values[field.attname] = value
    return _jsonable(values)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


@dataclass(frozen=True)
class _Pending:
    """An entry waiting for its place in a chain; its fields are `AuditEntry`'s own."""

    action: str
    model: str
    object_pk: str
    unit_id: int | None
    changes: dict[str, Any]


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 over a canonical JSON form of the entry, including the previous hash and,
    for a province's chain, the chain (so an entry cannot be moved to another chain)."""
    payload = [
        entry.prev_hash,
        entry.seq,
        entry.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        entry.actor_id,
        entry.actor_label,
        entry.action,
        entry.model,
        entry.object_pk,
        entry.unit_id,
        entry.changes,
    ]
    if entry.chain != NATIONAL_CHAIN:
        # The national chain's entries keep the form they had before there were chains,
        # so the history written then still verifies as it was signed.
        payload.append(entry.chain)
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _key_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:8]


def sign(message: str, key: str | None = None) -> str:
    """ "<key id>:<HMAC-SHA256 of message>" under `key`, by default the newest audit key."""
    key = key or settings.AUDIT_KEYS[0]
    digest = hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()
    return f"{_key_id(key)}:{digest}"


def signed(message: str, mac: str) -> bool:
    """Whether `mac` signs `message` under any configured key (older keys included, so
    a rotated key keeps older entries verifiable)."""
    key_id = mac.partition(":")[0]
    keys = [k for k in settings.AUDIT_KEYS if _key_id(k) == key_id]
    return any(hmac.compare_digest(sign(message, k), mac) for k in keys)


def _checkpoint_message(day: dt.date, seq: int, hash_: str) -> str:
    return f"{day.isoformat()}:{seq}:{hash_}"


def _checkpoint(head: AuditHead) -> None:
    """Keep, signed, the chain's head as today begins (before today's first entry)."""
    day = timezone.localdate()
    if not AuditCheckpoint.objects.filter(chain=head.chain, day=day).exists():
        AuditCheckpoint.objects.create(
            chain=head.chain,
            day=day,
            seq=head.seq,
            hash=head.hash,
            mac=sign(_checkpoint_message(day, head.seq, head.hash)),
        )


def acting_user(actor: Any) -> Any:
    """The signed-in user behind `actor`, or None for the system (commands, seeds)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _actor_fields(actor: Any) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor_id": None, "actor_label": "system"}
    return {"actor_id": actor.pk, "actor_label": actor.get_username()}


# A province's chain starts with an entry in the national chain, so that deleting a
# whole chain (entries, head and checkpoints) still breaks a signed chain.
CHAIN_MODEL = "core.audithead"


def _chains(pending: list[_Pending]) -> dict[int, list[_Pending]]:
    """The entries to append by chain: the province of their unit, or the national one."""
    provinces = places.provinces_of(unit_ids=[p.unit_id for p in pending if p.unit_id is not None])
    by_chain: dict[int, list[_Pending]] = {}
    for item in pending:
        chain = provinces.get(item.unit_id or NATIONAL_CHAIN, NATIONAL_CHAIN)
        by_chain.setdefault(chain, []).append(item)
    return by_chain


def _locked_heads(by_chain: dict[int, list[_Pending]]) -> dict[int, AuditHead]:
    """Lock the heads of the chains written to, in the order of their ids (two writers
    never wait for each other in a circle); open, and record in the national chain, a
    chain that has none yet."""
    heads = AuditHead.objects.select_for_update().order_by("chain")
    locked = {h.chain: h for h in heads.filter(chain__in=by_chain)}
    new = sorted(set(by_chain) - set(locked))
    if new:
        # Opening a chain takes the national head: two writers opening one chain take
        # turns, and the second finds the head the first created.
        locked[NATIONAL_CHAIN], _ = heads.get_or_create(chain=NATIONAL_CHAIN)
        locked |= {h.chain: h for h in heads.filter(chain__in=new)}
    for chain in new:
        if chain not in locked:
            locked[chain] = AuditHead.objects.create(chain=chain)
            opened = _Pending(AuditAction.CREATE, CHAIN_MODEL, str(chain), chain, {})
            by_chain.setdefault(NATIONAL_CHAIN, []).append(opened)
    return locked


def _append(actor: Any, pending: list[_Pending]) -> None:
    if not pending:
        return
    who = _actor_fields(actor)
    at = timezone.now()
    by_chain = _chains(pending)
    with transaction.atomic():
        # Cached pages of these provinces are stale: now, and again once the write
        # commits (a page rendered meanwhile read the records as they were before).
        pagecache.bump(provinces=list(by_chain))
        transaction.on_commit(partial(pagecache.bump, provinces=list(by_chain)))
        heads = _locked_heads(by_chain)
        entries = []
        for chain, items in by_chain.items():
            head = heads[chain]
            _checkpoint(head)
            for item in items:
                head.seq += 1
                entry = AuditEntry(
                    chain=chain, seq=head.seq, at=at, prev_hash=head.hash, **who, **vars(item)
                )
                entry.hash = head.hash = entry_hash(entry)
                entry.mac = sign(entry.hash)
                entries.append(entry)
        AuditEntry.objects.bulk_create(entries, batch_size=2000)
        for chain in by_chain:
            AuditHead.objects.filter(chain=chain).update(
                seq=heads[chain].seq, hash=heads[chain].hash
            )


def _label(obj: models.Model) -> str:
    return obj._meta.label_lower


def log_create(*, actor: Any, obj: models.Model, unit_id: int | None) -> None:
    changes = {k: [None, v] for k, v in snapshot(obj).items() if v not in (None, "")}
    _append(actor, [_Pending(AuditAction.CREATE, _label(obj), str(obj.pk), unit_id, changes)])


def log_update(
    *,
    actor: Any,
    obj: models.Model,
    before: dict[str, Any],
    unit_id: int | None,
    extra: dict[str, list[Any]] | None = None,
) -> None:
    """Log the fields that differ from `before` (a `snapshot` taken before the change).

    `extra` adds changes that are not columns of the record (many-to-many links).
    """
    changes = diff(before, snapshot(obj)) | _jsonable(extra or {})
    if changes:
        _append(actor, [_Pending(AuditAction.UPDATE, _label(obj), str(obj.pk), unit_id, changes)])


def log_delete(*, actor: Any, obj: models.Model, unit_id: int | None) -> None:
    """Log a deletion; call it before `delete()`, while the record still has its key."""
    changes = {k: [v, None] for k, v in snapshot(obj).items() if v not in (None, "")}
    _append(actor, [_Pending(AuditAction.DELETE, _label(obj), str(obj.pk), unit_id, changes)])


def log_created_many(
    *, actor: Any, objs: Iterable[models.Model], unit_id_of: Callable[[Any], int | None]
) -> None:
    """One create entry per record, chained in one locked append (for imports)."""
    pending = [
        _Pending(
            AuditAction.CREATE,
            _label(obj),
            str(obj.pk),
            unit_id_of(obj),
            {k: [None, v] for k, v in snapshot(obj).items() if v not in (None, "")},
        )
        for obj in objs
    ]
    _append(actor, pending)


class OwnUnit(enum.Enum):
    """The unit an entry names when the caller names none: its record's own (`unit_of`)."""

    OWN = "own"


OWN_UNIT: Final = OwnUnit.OWN


def unit_of(record: models.Model) -> int | None:
    """The unit a record belongs to, by the names every app gives that link: a unit is
    its own; any other record names it `unit`, or `commune` (oversight's records)."""
    if record._meta.label == "units.Unit":
        return record.pk  # type: ignore[no-any-return]
    for attname in ("unit_id", "commune_id"):
        if hasattr(record, attname):
            return getattr(record, attname)  # type: ignore[no-any-return]
    raise TypeError(f"{record._meta.label} names no unit: say which with unit_id")


def resolve_unit(record: models.Model | None, unit_id: int | None | OwnUnit) -> int | None:
    """`unit_id`, or the record's own unit when it is `OWN_UNIT`."""
    if unit_id is not OWN_UNIT:
        return unit_id
    if record is None:
        raise TypeError("an entry about no record must say its unit_id")
    return unit_of(record)


def log_event(
    *,
    actor: Any,
    model: str,
    changes: dict[str, Any],
    record: models.Model | None = None,
    object_pk: str | None = None,
    unit_id: int | None | OwnUnit = OWN_UNIT,
) -> None:
    """An update described by the caller (several rows changed as one act).

    The entry names `record` (its key and, unless `unit_id` says otherwise, its unit),
    or, for an act on no single record, `object_pk` in `unit_id`.
    """
    if record is not None:
        object_pk = str(record.pk)
    if object_pk is None:
        raise TypeError("log_event needs the record, or the object_pk, the entry is about")
    unit = resolve_unit(record, unit_id)
    _append(actor, [_Pending(AuditAction.UPDATE, model, object_pk, unit, _jsonable(changes))])


def log_bulk(*, actor: Any, model: str, unit_id: int | None, summary: dict[str, Any]) -> None:
    """A single entry for synthetic data generated in bulk (seeds), with its counts."""
    _append(actor, [_Pending(AuditAction.BULK, model, "*", unit_id, _jsonable(summary))])


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    chain: int | None = None
    chains: int = 0


def _broken_entry(entry: AuditEntry, prev: str, expected: int) -> str | None:
    if entry.seq != expected:
        return "missing"
    if entry.prev_hash != prev:
        return "previous hash differs"
    if entry_hash(entry) != entry.hash:
        return "content altered"
    if not signed(entry.hash, entry.mac):
        return "signature"
    return None


def _verify_chain(chain: int, *, opened: bool, seen: set[int]) -> VerifyResult:
    """Check one chain from its first entry; add to `seen` the chains it opens."""
    heads = {c.seq: c for c in AuditCheckpoint.objects.filter(chain=chain)}
    if 0 in heads and not _checkpoint_holds(heads[0], GENESIS_HASH):
        return VerifyResult(False, 0, 1, "checkpoint", chain)
    prev, expected = GENESIS_HASH, 1
    for entry in AuditEntry.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=2000):
        reason = _broken_entry(entry, prev, expected)
        if reason:
            broken = expected if reason == "missing" else entry.seq
            return VerifyResult(False, expected - 1, broken, reason, chain)
        checkpoint = heads.get(entry.seq)
        if checkpoint is not None and not _checkpoint_holds(checkpoint, entry.hash):
            return VerifyResult(False, expected - 1, entry.seq, "checkpoint", chain)
        if chain == NATIONAL_CHAIN and entry.model == CHAIN_MODEL:
            seen.add(int(entry.object_pk))
        prev, expected = entry.hash, expected + 1
    head = AuditHead.objects.filter(chain=chain).first()
    last = expected - 1
    headless = head is None and (last > 0 or opened)
    if headless or (head is not None and (head.seq != last or head.hash != prev)):
        return VerifyResult(False, last, last + 1, "missing", chain)
    if any(c.seq > last for c in heads.values()):
        return VerifyResult(False, last, last + 1, "missing", chain)
    return VerifyResult(True, last, chain=chain)


def _stored_chains() -> set[int]:
    """Every chain that has a head, an entry or a checkpoint in the database."""
    return {
        *AuditHead.objects.values_list("chain", flat=True),
        *AuditEntry.objects.values_list("chain", flat=True).distinct(),
        *AuditCheckpoint.objects.values_list("chain", flat=True).distinct(),
    }


def verify() -> VerifyResult:
    """Recompute every chain from its first entry, check each entry's signature and each
    day's signed head, and report the first chain and entry that breaks. The national
    chain goes first: it names the province chains opened, and each must be there,
    whole, and none other."""
    opened: set[int] = set()
    national = _verify_chain(NATIONAL_CHAIN, opened=False, seen=opened)
    if not national.ok:
        return national
    checked = national.checked
    for chain in sorted((opened | _stored_chains()) - {NATIONAL_CHAIN}):
        if chain not in opened:
            return VerifyResult(False, 0, 1, "not opened", chain)
        result = _verify_chain(chain, opened=True, seen=opened)
        if not result.ok:
            return result
        checked += result.checked
    return VerifyResult(True, checked, chains=1 + len(opened))


def chain_names(chains: Iterable[int]) -> dict[int, str]:
    """Each chain's name: its province's, or "toàn quốc" for the national one."""
    return {NATIONAL_CHAIN: _("toàn quốc")} | places.unit_names(unit_ids=chains)


@dataclass(frozen=True)
class PublishedHead:
    day: dt.date
    chain_name: str
    seq: int
    hash: str


def daily_heads(*, days: int = 90) -> list[PublishedHead]:
    """The signed heads of every chain on the most recent days, newest first, for the
    public page."""
    recent = AuditCheckpoint.objects.values("day").distinct().order_by("-day")[:days]
    heads = list(AuditCheckpoint.objects.filter(day__in=recent).order_by("-day", "chain"))
    names = chain_names({h.chain for h in heads})
    return [PublishedHead(h.day, names.get(h.chain, str(h.chain)), h.seq, h.hash) for h in heads]


def _checkpoint_holds(checkpoint: AuditCheckpoint, hash_: str) -> bool:
    """A day's head matches the entry it names and carries a valid signature."""
    message = _checkpoint_message(checkpoint.day, checkpoint.seq, checkpoint.hash)
    return checkpoint.hash == hash_ and signed(message, checkpoint.mac)
