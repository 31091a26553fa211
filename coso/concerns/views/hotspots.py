"""Hotspot pages: a unit's hotspots (a province sees its communes'), one hotspot with
its counts, rule, timeline and records; naming who answers for it and closing it with
its outcome (`concerns.write`)."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coso.concerns import hotspot_selectors as selectors
from coso.concerns import hotspots, topics
from coso.concerns.models import Hotspot, HotspotStatus
from coso.core.forms import LongTextField
from coso.core.permissions import requires
from coso.core.views import attempt_form, requires_post
from coso.units import selectors as units
from coso.units import unit_page

READ = "records.read"
WRITE = "concerns.write"


class CloseForm(forms.Form):
    outcome = LongTextField(label=gettext_lazy("Kết quả xử lý"), rows=3)


class AssignForm(forms.Form):
    owner = forms.TypedChoiceField(label=gettext_lazy("Người chịu trách nhiệm"), coerce=int)

    def __init__(self, *args: Any, owners: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners = {u.pk: u for u in owners}
        self.fields["owner"].choices = [(u.pk, _name(u)) for u in owners]  # type: ignore[attr-defined]


def _name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


@requires(READ)
def hotspot_list(request: HttpRequest, code: str) -> HttpResponse:
    """The hotspots of a unit's communes: open ones first by default."""
    unit = units.unit_get_for_user(user=request.user, code=code)
    status = request.GET.get("status", "open")
    page = selectors.hotspots_of(
        user=request.user,
        unit=unit,
        status=status,
        after=request.GET.get("after", ""),
        size=settings.PAGE_SIZE,
    )
    for hotspot in page.items:
        hotspot.topic_name = topics.label(hotspot.topic.code)  # type: ignore[attr-defined]
    return unit_page(request, "concerns/hotspots_list.html", unit, page=page, shown=status)


def _detail(
    request: HttpRequest, hotspot: Hotspot, status: int = 200, **forms_: Any
) -> HttpResponse:
    rows, next_after = selectors.hotspot_records(
        hotspot=hotspot, after=request.GET.get("after", ""), size=settings.PAGE_SIZE
    )
    handle = hotspot.status == HotspotStatus.OPEN and selectors.may_handle(request.user, hotspot)
    if handle:
        forms_.setdefault("close_form", CloseForm())
        forms_.setdefault("assign_form", AssignForm(owners=hotspots.owners_for(hotspot)))
    return unit_page(
        request,
        "concerns/hotspots_detail.html",
        hotspot.commune,
        status=status,
        hotspot=hotspot,
        topic=topics.label(hotspot.topic.code),
        rule=hotspots.rule_text(hotspot.rule),
        rows=rows,
        next_after=next_after,
        drill_down=selectors.drill_down(hotspot),
        days_open=selectors.open_days(hotspot, timezone.localdate()),
        **forms_,
    )


@requires(READ)
def hotspot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.hotspot_get(user=request.user, pk=pk))


@requires_post(WRITE)
def hotspot_close(request: HttpRequest, pk: int) -> HttpResponse:
    hotspot = selectors.hotspot_get(user=request.user, pk=pk, action=WRITE)
    form = CloseForm(request.POST)
    if attempt_form(
        form,
        lambda d: hotspots.hotspot_close(actor=request.user, hotspot=hotspot, outcome=d["outcome"]),
    ):
        messages.success(request, _("Đã đóng điểm nóng và việc cần theo dõi của nó."))
        return redirect("concerns:hotspot", pk=pk)
    return _detail(request, hotspot, status=400, close_form=form)


@requires_post(WRITE)
def hotspot_assign(request: HttpRequest, pk: int) -> HttpResponse:
    hotspot = selectors.hotspot_get(user=request.user, pk=pk, action=WRITE)
    form = AssignForm(request.POST, owners=hotspots.owners_for(hotspot))
    if attempt_form(
        form,
        lambda d: hotspots.hotspot_assign(
            actor=request.user, hotspot=hotspot, owner=form.owners[d["owner"]]
        ),
        aliases={"outcome": "owner"},
    ):
        messages.success(request, _("Đã giao người chịu trách nhiệm."))
        return redirect("concerns:hotspot", pk=pk)
    return _detail(request, hotspot, status=400, assign_form=form)
