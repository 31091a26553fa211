"""The "Dân vận khéo" registry: a province's public gallery with its counts, a model's
page with its replication tree; for officials, registering (or replicating) a model,
evaluating and recognising it."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coso.core.errors import DomainError
from coso.core.forms import add_domain_error
from coso.core.pagination import int_key
from coso.core.permissions import PUBLIC, can, requires
from coso.exemplars import selectors, services
from coso.exemplars.forms import EvaluationForm, ExemplarForm, RecognitionForm
from coso.exemplars.models import Exemplar, Field, Level, Photo
from coso.units import selectors as units
from coso.units import unit_form_page
from coso.units.selectors import UnitKind


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "query": request.GET.get("q", "")[:100],
        "field": request.GET.get("field", ""),
        "level": request.GET.get("level", ""),
        "after": int_key(request.GET.get("after")),
    }


def _choices() -> dict[str, Any]:
    return {"fields": Field.choices, "levels": Level.choices}


@requires(PUBLIC)
def gallery(request: HttpRequest, code: str) -> HttpResponse:
    province = units.unit_get_public(code=code)
    if province.kind != UnitKind.PROVINCE:
        raise Http404
    filters = _filters(request)
    page = selectors.gallery(province=province, size=settings.PAGE_SIZE, **filters)
    return render(
        request,
        "exemplars/gallery.html",
        {
            "unit": province,
            "page": page,
            "counts": selectors.counts(province=province),
            "f": filters,
            **_choices(),
        },
    )


@requires(PUBLIC)
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.public_get(pk=pk)
    return render(
        request,
        "exemplars/detail.html",
        {
            "exemplar": exemplar,
            "unit": exemplar.unit,
            "tree": selectors.tree(exemplar),
            "ancestors": units.ancestors(unit=exemplar.unit),
        },
    )


@requires(PUBLIC)
def photo(request: HttpRequest, pk: int) -> FileResponse:
    found = Photo.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return FileResponse(found.file.open("rb"), filename=found.name, content_type=found.content_type)


@requires("records.read")
def registry(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    filters = _filters(request)
    page = selectors.registry(user=request.user, unit=unit, size=settings.PAGE_SIZE, **filters)
    return render(
        request,
        "exemplars/registry.html",
        {
            "unit": unit,
            "page": page,
            "f": filters,
            "can_register": unit.kind in services.LEVEL_OF_UNIT
            and can(request.user, "mobilisation.write", path=unit.path),
            "official": True,
            "ancestors": units.ancestors(unit=unit, user=request.user),
            **_choices(),
        },
    )


@requires("mobilisation.write")
def register(request: HttpRequest, code: str) -> HttpResponse:
    """A new model, or (with ?from=<id>) one replicating another unit's model."""
    unit = units.unit_get_for_user(user=request.user, code=code, action="mobilisation.write")
    origin_id = int_key(request.GET.get("from") or request.POST.get("from"))
    origin = selectors.public_get(pk=origin_id) if origin_id else None
    initial = {"name": origin.name, "field": origin.field} if origin else None
    form = ExemplarForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            exemplar = services.exemplar_register(
                actor=request.user,
                unit=unit,
                origin=origin,
                data=services.ExemplarData(
                    name=d["name"],
                    field=d["field"],
                    sponsor=d["sponsor"],
                    sponsor_name=d["sponsor_name"],
                    started_on=d["started_on"],
                    description=d["description"],
                    results=d["results"],
                    households_benefited=d["households_benefited"],
                    money_mobilised=d["money_mobilised"],
                    workdays_mobilised=d["workdays_mobilised"],
                    land_donated_m2=d["land_donated_m2"],
                    photos=d["photos"],
                ),
            )
        except DomainError as error:
            add_domain_error(form, error, aliases={"unit": "name"})
        else:
            messages.success(request, _("Đã đăng ký mô hình."))
            return redirect("exemplars:detail", pk=exemplar.pk)
    return unit_form_page(request, "exemplars/register.html", unit, form, origin=origin)


def _detail(request: HttpRequest, exemplar: Exemplar, **forms: Any) -> HttpResponse:
    approver = can(request.user, "exemplars.approve", path=exemplar.unit.path)
    return render(
        request,
        "exemplars/detail.html",
        {
            "exemplar": exemplar,
            "unit": exemplar.unit,
            "tree": selectors.tree(exemplar),
            "official": True,
            "evaluation_form": forms.get("evaluation")
            or (EvaluationForm(criteria=services.rubric()) if approver else None),
            "recognition_form": forms.get("recognition")
            or (RecognitionForm() if approver else None),
            "ancestors": units.ancestors(unit=exemplar.unit, user=request.user),
        },
        status=400 if forms else 200,
    )


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.exemplar_get(user=request.user, pk=pk))


@requires("exemplars.approve")
@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.exemplar_get(user=request.user, pk=pk, action="exemplars.approve")
    form = EvaluationForm(request.POST, criteria=services.rubric())
    if form.is_valid():
        try:
            services.exemplar_evaluate(
                actor=request.user,
                exemplar=exemplar,
                year=form.cleaned_data["year"],
                scores=form.scores(),
                verdict=form.cleaned_data["verdict"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả đánh giá."))
            return redirect("exemplars:detail", pk=pk)
    return _detail(request, exemplar, evaluation=form)


@requires("exemplars.approve")
@require_POST
def recognise(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.exemplar_get(user=request.user, pk=pk, action="exemplars.approve")
    form = RecognitionForm(request.POST)
    if form.is_valid():
        try:
            services.exemplar_recognise(actor=request.user, exemplar=exemplar, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã ghi quyết định công nhận."))
            return redirect("exemplars:detail", pk=pk)
    return _detail(request, exemplar, recognition=form)
