"""Periodic reports: a unit's list, drafting and sending one, the level above accepting
or returning it, who has not reported, the DOCX and its XLSX annex."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coso.core.downloads import attachment, file_name
from coso.core.errors import DomainError
from coso.core.forms import BoundedDateField, LongTextField
from coso.core.pagination import int_key
from coso.core.permissions import can, can_nationwide, get_or_404, requires
from coso.core.views import attempt, pick, requires_post
from coso.reports import documents, periods, reporting, services
from coso.reports.models import Report, ReportStatus, ReportType
from coso.reports.services import reminders
from coso.reports.views.dashboards import scope_unit
from coso.units import selectors as units
from coso.units import unit_page


def _report(request: HttpRequest, pk: int, action: str = "records.read") -> Report:
    reports = Report.objects.select_related("report_type", "unit", "unit__parent")
    return get_or_404(reports, request.user, action, path_field="unit__path", pk=pk)


@requires("records.read")
def unit_reports(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """The unit's reports, by type and recent period, with what can be done next; and
    who has reported below it. For the nation (nationwide roles): who has reported."""
    unit = units.unit_get_for_user(user=request.user, code=code) if code else None
    if unit is None:
        scope_unit(request, None)  # nationwide roles only
    active = list(ReportType.objects.filter(active=True))
    return unit_page(
        request,
        "reports/unit_reports.html",
        unit,
        writer=unit is not None and services.reports.writes_for(request.user, unit),
        dues=reporting.dues(user=request.user, unit=unit) if unit else [],
        below=[
            (t, reporting.recent_periods(t))
            for t in active
            if t.levels_below(unit.kind if unit else None)
        ],
    )


@requires_post("reports.write")
def draft(request: HttpRequest, code: str, type_code: str, period: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action="reports.write")
    report_type = get_object_or_404(ReportType, code=type_code, active=True)
    if done := attempt(
        request,
        lambda: services.report_draft(
            actor=request.user, report_type=report_type, unit=unit, period=period
        ),
    ):
        return redirect("reports:report", pk=done.result.pk)
    return redirect("reports:unit_reports", code=unit.code)


class ParticularsForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=60, required=False)
    place = forms.CharField(label=gettext_lazy("Địa danh"), max_length=100, required=False)
    signer = forms.CharField(label=gettext_lazy("Người ký"), max_length=150, required=False)
    signer_title = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"), max_length=150, required=False
    )
    signed_on = BoundedDateField(label=gettext_lazy("Ngày ký"), required=False)

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in report.report_type.sections:
            self.fields[section["key"]] = LongTextField(
                label=section["title"], required=False, rows=5
            )


def _form(report: Report, data: Any = None) -> ParticularsForm:
    initial = {
        "number": report.number,
        "place": report.place,
        "signer": report.signer,
        "signer_title": report.signer_title,
        "signed_on": report.signed_on,
        **report.narrative,
    }
    return ParticularsForm(data, report=report, initial=initial)


def _quotes(report: Report) -> list[tuple[dict[str, str], list[tuple[Report, str]]]]:
    """Per narrative section, what the sub-units' sent reports say there."""
    below = list(reporting.submitted_below(report))
    if not below:
        return []
    return [
        (s, [(r, r.narrative[s["key"]]) for r in below if r.narrative.get(s["key"])])
        for s in report.report_type.sections
    ]


@requires("records.read")
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A report: its figure tables (live while a draft), its text, what to do next."""
    report = _report(request, pk)
    writer = services.reports.writes_for(request.user, report.unit)
    form = (
        _form(report, request.POST or None)
        if writer and report.status in services.reports.OPEN
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        return _save(request, report, form.cleaned_data)
    return unit_page(
        request, "reports/report.html", report.unit, **_detail(request, report, form, writer)
    )


def _save(request: HttpRequest, report: Report, data: dict[str, Any]) -> HttpResponse:
    """Save the particulars and the text; then quote a sub-unit's section into it, go on
    to sending, or stay on the draft."""
    try:
        services.report_save(
            actor=request.user,
            report=report,
            narrative={s["key"]: data.get(s["key"], "") for s in report.report_type.sections},
            **pick(data, "number place signer signer_title signed_on"),
        )
        source, _sep, section = request.POST.get("quote", "").partition(":")
        if source:
            services.report_quote(
                actor=request.user, report=report, source_id=int_key(source), section=section
            )
            messages.success(request, _("Đã trích vào báo cáo."))
        elif "submit" in request.POST:  # saved; what will be frozen, to confirm
            return redirect("reports:send", pk=report.pk)
        else:
            messages.success(request, _("Đã lưu dự thảo."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("reports:report", pk=report.pk)


def _detail(
    request: HttpRequest, report: Report, form: ParticularsForm | None, writer: bool
) -> dict[str, Any]:
    return {
        "report": report,
        "period": periods.parse(report.period),
        "tables": reporting.tables(report),
        "coverage": reporting.coverage_of(report),
        "frozen": report.status in reporting.SENT,
        "refreshed_at": reporting.refreshed_of(report),
        "quotes": _quotes(report) if form is not None else [],
        "form": form,
        "writer": writer,
        "reviewer": report.status == ReportStatus.SUBMITTED
        and report.is_current
        and services.reports.reviews(request.user, report),
        "versions": Report.objects.filter(
            report_type=report.report_type, unit=report.unit, period=report.period
        ).order_by("-version"),
    }


@requires("reports.write")
def send(request: HttpRequest, pk: int) -> HttpResponse:
    """What sending will freeze (figures, whose reports they add up, the particulars),
    and the button that sends; or why it cannot be sent yet."""
    report = _report(request, pk, "reports.write")
    if report.status not in services.reports.OPEN or not report.is_current:
        return redirect("reports:report", pk=report.pk)
    if request.method == "POST" and attempt(
        request, lambda: services.report_submit(actor=request.user, report=report)
    ):
        messages.success(request, _("Đã gửi báo cáo; số liệu đã được chốt."))
        return redirect("reports:report", pk=report.pk)
    return unit_page(
        request,
        "reports/send.html",
        report.unit,
        report=report,
        period=periods.parse(report.period),
        refusal=services.reports.send_refusal(report, timezone.localdate()),
        tables=reporting.tables(report),
        refreshed_at=reporting.refreshed_of(report),
        coverage=reporting.coverage_of(report),
    )


@requires_post("reports.approve")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    attempt(
        request,
        lambda: services.report_review(
            actor=request.user,
            report=report,
            accept=request.POST.get("decision") == "accept",
            comment=request.POST.get("comment", ""),
        ),
    )
    return redirect("reports:report", pk=report.pk)


@requires_post("reports.write")
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.write")
    if reopened := attempt(
        request, lambda: services.report_reopen(actor=request.user, report=report)
    ):
        report = reopened.result
    return redirect("reports:report", pk=report.pk)


@requires("aggregates.read")
def completeness(
    request: HttpRequest, type_code: str, period: str, code: str | None = None
) -> HttpResponse:
    """Who has reported under a unit (or the nation): per level below, expected, sent,
    sent on time; the nearest level's missing units by name, and its sent reports."""
    unit = scope_unit(request, code)
    report_type = get_object_or_404(ReportType, code=type_code)
    try:
        chosen = services.reports.report_period(report_type, period)
    except DomainError as error:
        raise Http404(error.message) from error
    levels = report_type.levels_below(unit.kind if unit else None)
    results = [
        reporting.completeness(
            report_type=report_type, period=chosen, scope=unit, level=level, named=n == 0
        )
        for n, level in enumerate(levels)
    ]
    return unit_page(
        request,
        "reports/completeness.html",
        unit,
        report_type=report_type,
        period=chosen,
        results=results,
        sent=reporting.sent_under(report_type, chosen.code, unit),
        reviewer=can(request.user, "reports.approve", path=unit.path)
        if unit
        else can_nationwide(request.user, "reports.approve"),
        contacts=reminders.writers_of([u for u, _late in results[0].missing]) if results else {},
    )


@requires_post("reports.approve")
def remind(request: HttpRequest, code: str, type_code: str, period: str) -> HttpResponse:
    """The level above reminds a unit that has not sent its report, through the outbox."""
    unit = units.unit_get_for_user(user=request.user, code=code, action="reports.approve")
    report_type = get_object_or_404(ReportType, code=type_code)
    try:
        chosen = services.reports.report_period(report_type, period)
        reminders.report_remind(
            actor=request.user, report_type=report_type, period=chosen, unit=unit
        )
    except DomainError as error:
        messages.error(request, error.message)
        chosen = None
    else:
        messages.success(request, _("Đã gửi lời nhắc tới %(u)s.") % {"u": unit.name})
    if chosen is None:
        return redirect("reports:unit_reports", code=unit.code)
    if unit.parent is None:
        return redirect("reports:national_completeness", type_code, chosen.code)
    return redirect("reports:completeness", unit.parent.code, type_code, chosen.code)


def report_file(report: Report, extension: str, prefix: str = "bao-cao") -> str:
    """e.g. bao-cao-so-ket-6-thang-xa-tam-duong-2026-h1.docx (-v2 for a later version)."""
    version = f"v{report.version}" if report.version > 1 else ""
    return file_name(
        prefix,
        report.report_type.code,
        report.unit.name,
        report.period,
        version,
        extension=extension,
    )


@requires("records.read")
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return attachment(documents.report_docx(report=report), report_file(report, "docx"))


@requires("records.read")
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return attachment(documents.report_xlsx(report=report), report_file(report, "xlsx", "phu-luc"))
