"""The "Dân vận khéo" registry: a province's public gallery with its counts, a model's
page with its replication tree; for officials, registering (or replicating) a model,
evaluating and recognising it."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coso.core.pagination import int_key
from coso.core.permissions import PUBLIC, can, requires
from coso.core.views import attempt_form, file_response, pick, requires_post
from coso.exemplars import selectors, services
from coso.exemplars.forms import EvaluationForm, ExemplarForm, RecognitionForm
from coso.exemplars.models import Exemplar, Field, Level, Photo
from coso.units import selectors as units
from coso.units import unit_form_page, unit_page
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
    return unit_page(
        request,
        "exemplars/detail.html",
        exemplar.unit,
        public=True,
        exemplar=exemplar,
        tree=selectors.tree(exemplar),
    )


@requires(PUBLIC)
def photo(request: HttpRequest, pk: int) -> FileResponse:
    return file_response(get_object_or_404(Photo, pk=pk))


@requires("records.read")
def registry(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    filters = _filters(request)
    page = selectors.registry(user=request.user, unit=unit, size=settings.PAGE_SIZE, **filters)
    return unit_page(
        request,
        "exemplars/registry.html",
        unit,
        page=page,
        f=filters,
        can_register=unit.kind in services.LEVEL_OF_UNIT
        and can(request.user, "mobilisation.write", path=unit.path),
        **_choices(),
    )


@requires("mobilisation.write")
def register(request: HttpRequest, code: str) -> HttpResponse:
    """A new model, or (with ?from=<id>) one replicating another unit's model."""
    unit = units.unit_get_for_user(user=request.user, code=code, action="mobilisation.write")
    origin_id = int_key(request.GET.get("from") or request.POST.get("from"))
    origin = selectors.public_get(pk=origin_id) if origin_id else None
    initial = {"name": origin.name, "field": origin.field} if origin else None
    form = ExemplarForm(request.POST or None, request.FILES or None, initial=initial)
    if done := attempt_form(
        form,
        lambda d: services.exemplar_register(
            actor=request.user, unit=unit, origin=origin, data=services.ExemplarData(**d)
        ),
        aliases={"unit": "name"},
    ):
        messages.success(request, _("Đã đăng ký mô hình."))
        return redirect("exemplars:detail", pk=done.result.pk)
    return unit_form_page(request, "exemplars/register.html", unit, form, origin=origin)


def _detail(request: HttpRequest, exemplar: Exemplar, **forms: Any) -> HttpResponse:
    approver = can(request.user, "exemplars.approve", path=exemplar.unit.path)
    return unit_page(
        request,
        "exemplars/detail.html",
        exemplar.unit,
        status=400 if forms else 200,
        exemplar=exemplar,
        tree=selectors.tree(exemplar, user=request.user),
        evaluation_form=forms.get("evaluation")
        or (EvaluationForm(criteria=services.rubric()) if approver else None),
        recognition_form=forms.get("recognition") or (RecognitionForm() if approver else None),
    )


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.exemplar_get(user=request.user, pk=pk))


@requires_post("exemplars.approve")
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.exemplar_get(user=request.user, pk=pk, action="exemplars.approve")
    form = EvaluationForm(request.POST, criteria=services.rubric())
    if attempt_form(
        form,
        lambda d: services.exemplar_evaluate(
            actor=request.user,
            exemplar=exemplar,
            scores=form.scores(),
            **pick(d, "year verdict note"),
        ),
    ):
        messages.success(request, _("Đã ghi kết quả đánh giá."))
        return redirect("exemplars:detail", pk=pk)
    return _detail(request, exemplar, evaluation=form)


@requires_post("exemplars.approve")
def recognise(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.exemplar_get(user=request.user, pk=pk, action="exemplars.approve")
    form = RecognitionForm(request.POST)
    if attempt_form(
        form,
        lambda d: services.exemplar_recognise(actor=request.user, exemplar=exemplar, **d),
    ):
        messages.success(request, _("Đã ghi quyết định công nhận."))
        return redirect("exemplars:detail", pk=pk)
    return _detail(request, exemplar, recognition=form)
