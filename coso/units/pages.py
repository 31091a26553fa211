"""What pages about one unit share: the unit and the breadcrumbs above it (other apps'
views use them as `coso.units.unit_page`, `unit_list_page`, `work_list_page`,
`unit_form_page`).

An official's page (`unit_page`) shows only the breadcrumbs the official may follow, so
none leads to a 404, and sets `official` (the officials' links and layout); a public
page (`public=True`) shows them all. The unit itself closes the trail (base.html)."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coso.core.dates import iso_day, period_code

if TYPE_CHECKING:
    from coso.units.models import Unit


def unit_page(
    request: HttpRequest,
    template: str,
    unit: "Unit | None",
    *,
    public: bool = False,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    """Render `template` about `unit` (None: the nation, no breadcrumbs) with
    `context`."""
    # Imported here: `coso.units` names this page, and an app's package must import
    # before Django's app registry is ready (the selectors need the models).
    from coso.units import selectors

    user = None if public else request.user
    ancestors = selectors.ancestors(unit=unit, user=user) if unit is not None else []
    official = {} if public else {"official": True}
    return render(
        request,
        template,
        {"unit": unit, "ancestors": ancestors, **official, **context},
        status=status,
    )


def unit_list_page(
    request: HttpRequest,
    template: str,
    unit: "Unit",
    records: Callable[..., tuple[Any, str]],
    *,
    public: bool = False,
    **context: Any,
) -> HttpResponse:
    """A page of `unit`'s records from the key in `?after=`: `records(unit=, user=,
    after=, size=)` answers the page's `items` and the key after its last (`next_after`);
    an official's `user` limits them to what the official may read."""
    items, next_after = records(
        unit=unit,
        user=None if public else request.user,
        after=request.GET.get("after", ""),
        size=settings.PAGE_SIZE,
    )
    return unit_page(
        request, template, unit, public=public, items=items, next_after=next_after, **context
    )


def work_list_page(
    request: HttpRequest,
    template: str,
    unit: "Unit",
    worklist: Callable[..., Any],
    *,
    filters: dict[str, str],
    **context: Any,
) -> HttpResponse:
    """A unit's work list (petitions, follow-ups) with `filters`, a `page` at a time
    from `?after=`. A dashboard's figure links here with its `period`, shown, and for a
    past period the day the list stood as the figure counted it (`?as_of=`)."""
    page = worklist(
        user=request.user,
        unit=unit,
        after=request.GET.get("after", ""),
        size=settings.PAGE_SIZE,
        as_of=iso_day(request.GET.get("as_of")),
        **filters,
    )
    period = period_code(request.GET.get("period"))
    return unit_page(request, template, unit, page=page, period=period, **context)


def unit_form_page(
    request: HttpRequest, template: str, unit: "Unit", form: forms.Form, **extra: Any
) -> HttpResponse:
    """An official's form for a record of `unit`; 400 while the form holds errors."""
    return unit_page(
        request, template, unit, form=form, status=400 if form.errors else 200, **extra
    )
