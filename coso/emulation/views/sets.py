"""A unit's emulation page (its sets, runs and own results) and the criteria sets."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coso.core.permissions import can, requires
from coso.core.views import attempt_form, pick, requires_post
from coso.emulation import selectors, services
from coso.emulation.defaults import COMMUNE_CRITERIA
from coso.emulation.forms import CriterionForm, GradesForm, SetForm, WeightForm
from coso.emulation.models import CriteriaSet, Kind
from coso.units import selectors as units
from coso.units import unit_form_page, unit_page


@requires("records.read")
def overview(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    return unit_page(
        request,
        "emulation/overview.html",
        unit,
        found=selectors.overview(user=request.user, unit=unit),
        may_write=can(request.user, "emulation.write", path=unit.path),
    )


@requires("emulation.write")
def set_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action="emulation.write")
    form = SetForm(request.POST or None)

    def create(d: dict) -> CriteriaSet:
        criteria = COMMUNE_CRITERIA if d["defaults"] and d["kind"] == Kind.COMMUNE else ()
        return services.set_create(
            actor=request.user, owner=unit, criteria=criteria, **pick(d, "name year kind")
        )

    if done := attempt_form(form, create, aliases={"unit": "kind"}):
        messages.success(request, _("Đã lập bộ tiêu chí."))
        return redirect("emulation:set", pk=done.result.pk)
    return unit_form_page(request, "emulation/set_new.html", unit, form)


def _set_page(request: HttpRequest, criteria_set: CriteriaSet, **forms: object) -> HttpResponse:
    writer = can(request.user, "emulation.write", path=criteria_set.owner.path)
    grades = criteria_set.grades
    return unit_page(
        request,
        "emulation/set.html",
        criteria_set.owner,
        status=400 if forms else 200,
        criteria_set=criteria_set,
        frozen=services.is_frozen(criteria_set),
        writer=writer,
        criterion_form=forms.get("criterion") or CriterionForm(),
        grades_form=forms.get("grades") or GradesForm(initial=grades),
        weight_error=forms.get("weight"),
    )


@requires("records.read")
def set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_page(request, selectors.set_get(user=request.user, pk=pk))


def _writable(request: HttpRequest, pk: int) -> CriteriaSet:
    criteria_set = selectors.set_get(user=request.user, pk=pk)
    units.unit_get_for_user(
        user=request.user, code=criteria_set.owner.code, action="emulation.write"
    )
    return criteria_set


def _changed(request: HttpRequest, before: CriteriaSet, after: CriteriaSet) -> HttpResponse:
    if after.pk != before.pk:
        messages.info(
            request,
            _(
                "Bộ tiêu chí đã dùng cho một đợt chính thức: thay đổi được ghi "
                "vào phiên bản mới %(v)s."
            )
            % {"v": after.version},
        )
    else:
        messages.success(request, _("Đã lưu thay đổi."))
    return redirect("emulation:set", pk=after.pk)


@requires_post("emulation.write")
def set_weight(request: HttpRequest, pk: int) -> HttpResponse:
    criteria_set = _writable(request, pk)
    form = WeightForm(request.POST)
    criterion = criteria_set.criteria.filter(pk=request.POST.get("criterion") or 0).first()
    if criterion is not None and (
        done := attempt_form(
            form,
            lambda d: services.criterion_weight_set(
                actor=request.user, criterion=criterion, weight=d["weight"]
            ),
        )
    ):
        return _changed(request, criteria_set, done.result.criteria_set)
    return _set_page(request, criteria_set, weight=form)


@requires_post("emulation.write")
def set_criterion(request: HttpRequest, pk: int) -> HttpResponse:
    criteria_set = _writable(request, pk)
    form = CriterionForm(request.POST)
    if done := attempt_form(
        form,
        lambda d: services.criterion_add(
            actor=request.user,
            criteria_set=criteria_set,
            data=services.CriterionData(
                rule=form.rule(), **pick(d, "code label weight source scoring indicator")
            ),
        ),
        aliases={"rule": "floor"},
    ):
        return _changed(request, criteria_set, done.result.criteria_set)
    return _set_page(request, criteria_set, criterion=form)


@requires_post("emulation.write")
def set_grades(request: HttpRequest, pk: int) -> HttpResponse:
    criteria_set = _writable(request, pk)
    form = GradesForm(request.POST)
    if done := attempt_form(
        form,
        lambda d: services.grades_set(actor=request.user, criteria_set=criteria_set, grades=d),
        aliases={"grades": "excellent"},
    ):
        return _changed(request, criteria_set, done.result)
    return _set_page(request, criteria_set, grades=form)
