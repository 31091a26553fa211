"""What official pages about one unit share."""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coso.units import selectors
from coso.units.models import Unit


def unit_form_page(
    request: HttpRequest, template: str, unit: Unit, form: forms.Form, **extra: Any
) -> HttpResponse:
    """An official's form for a record of `unit`, with the breadcrumbs they may follow;
    400 while the form holds errors."""
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
