"""State changes that check a state, safe when two people act at once.

A service that checks a record's state and then saves the whole row lets two changes
made at once both pass the check, the second overwriting the first. Every such change
goes through `transition`: one conditional UPDATE (`filter(pk=…, status__in=…)
.update(…)`) that the database applies to the row only if it is still in a state the
change may start from, so of two changes made at once exactly one wins; the other gets
a DomainError telling its author to reload. The audit entry is written in the same
transaction, once, by the change that won.

The core knows no domain app: the record (and, if need be, the queryset to change it
through) comes from the caller.
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.errors import DomainError

M = TypeVar("M", bound=models.Model)


def stale_message() -> str:
    """What the author of the change that lost hears."""
    return _("Nội dung này vừa được người khác thay đổi; hãy tải lại trang.")


def transition(
    obj: M,
    *,
    actor: Any,
    unit_id: int | None | audit.OwnUnit = audit.OWN_UNIT,
    from_states: Iterable[str] | None,
    to: str | None = None,
    fields: Mapping[str, Any] | None = None,
    where: Mapping[str, Any] | None = None,
    queryset: models.QuerySet[M] | None = None,
    status_field: str = "status",
    message: str | None = None,
    field: str | None = None,
    extra: Mapping[str, list[Any]] | None = None,
) -> M:
    """Move `obj` to the state `to` and set `fields`, only if its row is still in one of
    `from_states` and still matches `where` (further lookups, e.g. `taken_down_on__isnull
    =True`); then write the audit entry, in the same transaction.

    Only the columns named change, never the rest of the row (what someone else saved
    meanwhile stays). `updated_at` is set when the model has it. When the row no longer
    qualifies nothing is written and DomainError(`message`, field=`field`) is raised,
    outside any savepoint, so a caller may catch it and go on in its transaction. On
    success the instance carries the new values. `extra` adds to the audit entry what
    the record's columns do not say (or says it more briefly). The entry names `obj`'s
    own unit (`audit.unit_of`) unless `unit_id` says otherwise.
    """
    values = _values(obj, to, fields, status_field)
    conditions = _conditions(from_states, where, status_field)
    rows = queryset if queryset is not None else type(obj)._default_manager.all()
    # No savepoint: nothing is written when no row qualifies, and the error is raised
    # after the block, so an outer transaction stays usable.
    with transaction.atomic(savepoint=False):
        before = audit.snapshot(obj)
        changed = rows.filter(pk=obj.pk, **conditions).update(**values)
        if changed == 1:
            for name, value in values.items():
                setattr(obj, name, value)
            audit.log_update(
                actor=actor,
                obj=obj,
                before=before,
                unit_id=audit.resolve_unit(obj, unit_id),
                extra=dict(extra or {}),
            )
    if changed != 1:
        raise DomainError(message or stale_message(), field=field)
    return obj


def _values(
    obj: models.Model, to: str | None, fields: Mapping[str, Any] | None, status_field: str
) -> dict[str, Any]:
    """The columns the change sets: `fields`, the state, and `updated_at` if the model
    has it."""
    values = dict(fields or {})
    if to is not None:
        values[status_field] = to
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        values.setdefault("updated_at", timezone.now())
    return values


def _conditions(
    from_states: Iterable[str] | None, where: Mapping[str, Any] | None, status_field: str
) -> dict[str, Any]:
    """What the row must still match for the change to apply; never nothing."""
    conditions = dict(where or {})
    if from_states is not None:
        conditions[f"{status_field}__in"] = list(from_states)
    if not conditions:
        raise ValueError("transition() needs from_states or where: a change must be conditional")
    return conditions
