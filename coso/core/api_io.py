"""What the API's operations share in turning what they are sent into a call of the
app's selector or service, and the result into their answer.

A list operation reads like this::

    def followup_list(request, filters: Query[FollowUpFilter]) -> dict[str, object]:
        unit = units.unit_get_for_user(user=request.user, code=filters.unit)
        return page_of(selectors.worklist, filters, user=request.user, unit=unit)

and a write hands the service its data class filled from the payload::

    data = data_from(payload, services.MeetingData)

Fields travel by name: a filter or payload field is the selector's keyword argument, or
the data class's field, of the same name.
"""

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from ninja import Schema
from pydantic import Field

T = TypeVar("T")

# How many rows a page may hold (the default is settings.PAGE_SIZE, given where it is used).
PageSize = Annotated[int, Field(ge=1, le=500)]

# Filter fields whose selector argument has another name: the API keeps the short one.
RENAMED = {"q": "query", "limit": "size"}


def page_answer(found: Any) -> dict[str, object]:
    """A selector's page — a Page (items, next_after) or an (items, next_after) pair —
    as the API answers it."""
    items, next_after = found if isinstance(found, tuple) else (found.items, found.next_after)
    return {"items": items, "next_after": next_after}


def page_of(select: Callable[..., Any], filters: Schema, **given: Any) -> dict[str, object]:
    """One page of a list: `select` called with `given` (the caller, the unit the filters
    name, already fetched and authorised) and every other filter by its name (`q` as
    `query`, `limit` as `size`; the unit's code, `unit`, is left out)."""
    chosen = filters.model_dump(exclude={"unit", *given})
    named = {RENAMED.get(name, name): value for name, value in chosen.items()}
    return page_answer(select(**given, **named))


def data_from(payload: Schema, data_class: Callable[..., T], **given: Any) -> T:
    """A service's data class (a dataclass) filled from the payload's fields of the same
    names, and `given` for the rest (what the operation looked up); a field the payload
    does not have keeps its default."""
    sent = type(payload).model_fields
    fields = dataclasses.fields(data_class)  # type: ignore[arg-type]
    values = {f.name: getattr(payload, f.name) for f in fields if f.name in sent}
    return data_class(**{**values, **given})
