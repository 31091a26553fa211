"""What official pages about one unit share (other apps' views use it as
`coso.units.unit_form_page`)."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

if TYPE_CHECKING:
    from coso.units.models import Unit


def unit_form_page(
    request: HttpRequest, template: str, unit: "Unit", form: forms.Form, **extra: Any
) -> HttpResponse:
    """An official's form for a record of `unit`, with the breadcrumbs they may follow;
    400 while the form holds errors."""
    # Imported here: `coso.units` names this page, and an app's package must import
    # before Django's app registry is ready (the selectors need the models).
    from coso.units import selectors

    return render(
        request,
        template,
        {
            "unit": unit,
            "form": form,
            "official": True,
            "ancestors": selectors.ancestors(unit=unit, user=request.user),
            **extra,
        },
        status=400 if form.errors else 200,
    )
