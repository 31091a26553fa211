"""Disclosure pages: public (no account) and officials'."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from coso import rules
from coso.core import pagecache
from coso.core.errors import DomainError
from coso.core.pagination import int_key
from coso.core.permissions import PUBLIC, can, requires
from coso.core.views import attempt_form, file_response, pick
from coso.disclosures import catalogues, selectors, services
from coso.disclosures.forms import AmendForm, PeriodForm, PublishForm, TakeDownForm
from coso.disclosures.models import Attachment, Disclosure
from coso.units import selectors as units
from coso.units import unit_page
from coso.units.selectors import UnitKind


def _after(request: HttpRequest) -> int | None:
    return int_key(request.GET.get("after"))


def _labels(unit: object) -> dict[str, str]:
    return {i["key"]: i["label"] for i in catalogues.items(unit)}  # type: ignore[arg-type]


@requires(PUBLIC)
def public_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_public(code=code)
    query, category = request.GET.get("q", "").strip(), request.GET.get("category", "")
    page = selectors.public_disclosures(
        unit=unit, query=query, category=category, after=_after(request), size=settings.PAGE_SIZE
    )
    template = (
        "disclosures/_public_list.html"
        if request.headers.get("HX-Request")
        else "disclosures/public_list.html"
    )
    return unit_page(
        request,
        template,
        unit,
        public=True,
        page=page,
        query=query,
        category=category,
        labels=_labels(unit),
    )


@requires(PUBLIC)
@pagecache.cached
def public_detail(request: HttpRequest, series: str) -> HttpResponse:
    disclosure = selectors.disclosure_visible_get(user=request.user, series=series)
    unit = disclosure.unit
    pagecache.depends_on(request, unit)
    channels = {c["key"]: c["label"] for c in rules.value("disclosure.channels")}
    return unit_page(
        request,
        "disclosures/public_detail.html",
        unit,
        public=True,
        d=disclosure,
        labels=_labels(unit),
        channels=[channels.get(key, key) for key in disclosure.channels],
        history=selectors.disclosure_history(disclosure=disclosure),
    )


@requires(PUBLIC)
def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    """A public disclosure's file; older versions' and taken-down files only in scope."""
    attachment = get_object_or_404(Attachment.objects.select_related("disclosure__unit"), pk=pk)
    disclosure = attachment.disclosure
    public = disclosure.is_current and disclosure.is_up
    if not public and not can(request.user, "records.read", path=disclosure.unit.path):
        raise Http404
    return file_response(attachment)


class UnitFeed(Feed):
    """Atom feed of what a commune (or agency) has made public."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, code: str) -> object:
        unit = units.unit_get_public(code=code)
        pagecache.depends_on(request, unit)
        return unit

    def title(self, obj: object) -> str:
        return _("Công khai thông tin — %(unit)s") % {"unit": obj}

    def link(self, obj: object) -> str:
        return reverse("disclosures:public_list", args=[obj.code])  # type: ignore[attr-defined]

    def subtitle(self, obj: object) -> str:
        return _("Thông tin %(unit)s công khai theo Luật Thực hiện dân chủ ở cơ sở.") % {
            "unit": obj
        }

    def items(self, obj: object) -> list[Disclosure]:
        return selectors.public_disclosures(unit=obj, size=50).items  # type: ignore[arg-type]

    def item_title(self, item: Disclosure) -> str:
        return item.title

    def item_description(self, item: Disclosure) -> str:
        return item.body

    def item_link(self, item: Disclosure) -> str:
        return reverse("disclosures:public_detail", args=[item.series])

    def item_pubdate(self, item: Disclosure) -> dt.datetime:
        return item.created_at

    def item_updateddate(self, item: Disclosure) -> dt.datetime:
        return item.updated_at


unit_feed = requires(PUBLIC)(pagecache.cached(UnitFeed()))


@requires("records.read")
def official_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    query = request.GET.get("q", "").strip()
    page = selectors.unit_disclosures_page(
        user=request.user, unit=unit, after=_after(request), size=settings.PAGE_SIZE, query=query
    )
    return unit_page(
        request,
        "disclosures/official_list.html",
        unit,
        page=page,
        query=query,
        labels=_labels(unit),
        can_publish=catalogues.rules_for(unit) is not None
        and can(request.user, "disclosures.write", path=unit.path),
    )


# The services call uploaded documents "files"; the form calls them "documents".
FIELD_ALIASES = {"files": "documents"}


def _files(form: AmendForm) -> dict[str, Any]:
    return {"files": form.cleaned_data["documents"], "evidence": form.cleaned_data["evidence"]}


def _data(form: PublishForm) -> services.DisclosureData:
    return services.DisclosureData(
        **pick(form.cleaned_data, "category title body channels decided_on posted_on"),
        **_files(form),
    )


@requires("disclosures.write")
def publish(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action="disclosures.write")
    form = PublishForm(request.POST or None, request.FILES or None, unit=unit)
    if done := attempt_form(
        form,
        lambda d: services.disclosure_publish(actor=request.user, unit=unit, data=_data(form)),
        aliases=FIELD_ALIASES,
    ):
        return redirect("disclosures:public_detail", series=done.result.series)
    heading = _("Công khai thông tin mới")
    return unit_page(request, "disclosures/form.html", unit, form=form, heading=heading)


@requires("disclosures.write")
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_get(user=request.user, pk=pk, action="disclosures.write")
    initial = {"title": disclosure.title, "body": disclosure.body, "channels": disclosure.channels}
    form = AmendForm(request.POST or None, request.FILES or None, initial=initial)
    if done := attempt_form(
        form,
        lambda d: services.disclosure_amend(
            actor=request.user,
            disclosure=disclosure,
            **pick(d, "title body channels"),
            **_files(form),
        ),
        aliases=FIELD_ALIASES,
    ):
        return redirect("disclosures:public_detail", series=done.result.series)
    heading = _("Sửa nội dung công khai (tạo phiên bản mới)")
    return unit_page(request, "disclosures/form.html", disclosure.unit, form=form, heading=heading)


@requires("disclosures.write")
def take_down(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_get(user=request.user, pk=pk, action="disclosures.write")
    form = TakeDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.disclosure_take_down(
                actor=request.user,
                disclosure=disclosure,
                on=form.cleaned_data["taken_down_on"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in ("reason",) else None, error.message)
        else:
            return redirect("disclosures:official_list", code=disclosure.unit.code)
    return unit_page(
        request, "disclosures/take_down.html", disclosure.unit, form=form, d=disclosure
    )


def _default_period() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today.replace(month=1, day=1), today


@requires("aggregates.read")
def compliance(request: HttpRequest, code: str) -> HttpResponse:
    """A commune's missing categories, early take-downs and late postings; for a
    province, its communes ranked."""
    unit = units.unit_get_for_user(user=request.user, code=code)
    start, end = _default_period()
    form = PeriodForm(request.GET or {"start": start, "end": end}, unit=unit)
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    context: dict[str, Any] = {"form": form, "start": start, "end": end}
    if unit.kind == UnitKind.PROVINCE:
        context["communes"] = selectors.communes_compliance(province=unit, start=start, end=end)
    else:
        context["report"] = selectors.unit_compliance(unit=unit, start=start, end=end)
    return unit_page(request, "disclosures/compliance.html", unit, **context)
