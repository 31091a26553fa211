"""Periodic reports (sơ kết, tổng kết): drafted with live figures, frozen when sent,
accepted or returned by the level above, re-opened as a new version. Each write owns
its transaction and its audit entry."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.accounts.selectors import RoleAssignment
from coso.core import audit
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.core.permissions import can, can_nationwide, roles_for
from coso.core.text import whole
from coso.core.transitions import transition
from coso.notices.services import notify
from coso.people.services import province_id_of
from coso.reports import periods, reporting
from coso.reports.models import Report, ReportStatus, ReportType
from coso.reports.periods import Period
from coso.reports.reporting import SENT, submitted_below
from coso.reports.services.reminders import writers_of
from coso.units.selectors import Unit

OPEN = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def report_period(report_type: ReportType, code: str) -> Period:
    """The period `code` names, if it is one this report type covers."""
    period = periods.parse(code)
    wanted = {"half": periods.HALF, "year": periods.YEAR, "span": periods.SPAN}[report_type.kind]
    span_ok = period.kind != periods.SPAN or (
        len(period.years) == report_type.span_years and report_type.spans_align(period.start.year)
    )
    if period.kind != wanted or not span_ok:
        raise DomainError(
            _("Kỳ %(p)s không phải kỳ của “%(t)s”.") % {"p": period.label, "t": report_type.title},
            field="period",
        )
    return period


def due_on(report_type: ReportType, unit: Unit, period: Period) -> dt.date:
    due = report_type.due_on(unit.kind, period)
    if due is None:
        raise DomainError(
            _("“%(t)s” không do cấp %(u)s báo cáo.")
            % {"t": report_type.title, "u": unit.get_kind_display()},
            field="unit",
        )
    return due


def writes_for(actor: Any, unit: Unit) -> bool:
    """Whether `actor` writes `unit`'s report: the matrix's `reports.write` at the unit,
    through a role bound to that very unit — a province's steering committee writes the
    province's report, not its communes' — or through one with `reports.write_any` (an
    administrator) bound there or above."""
    if not can(actor, "reports.write", path=unit.path):
        return False
    if getattr(actor, "is_superuser", False):
        return True
    holds = RoleAssignment.objects.filter(user=actor, role__in=roles_for("reports.write"))
    lineage = unit.path.strip("/").split("/")  # the unit's code and its ancestors'
    above = Q(unit__isnull=True) | Q(unit__code__in=lineage)
    return holds.filter(Q(unit=unit) | Q(role__in=roles_for("reports.write_any")) & above).exists()


def reviews(actor: Any, report: Report) -> bool:
    """Whether `actor` is the level above `report`'s unit, with `reports.approve` there
    (nationwide for a province's report)."""
    above = report.unit.parent
    if above is None:
        return can_nationwide(actor, "reports.approve")
    return can(actor, "reports.approve", path=above.path)


def _check(actor: Any, action: str, unit: Unit) -> None:
    allowed = (
        writes_for(actor, unit) if action == "reports.write" else can(actor, action, path=unit.path)
    )
    if not allowed:
        raise DomainError(_("Vai trò của bạn không được làm việc này với báo cáo này."))


def _move(
    report: Report,
    *,
    actor: Any,
    from_states: Iterable[str],
    message: str | None = None,
    **change: Any,
) -> None:
    """`transition` of the report's current version only (a version a newer one replaced
    stays as it was sent); refused, by default, as sent or changed meanwhile."""
    transition(
        report,
        actor=actor,
        from_states=from_states,
        where={"is_current": True},
        message=message or _("Báo cáo này vừa được gửi hoặc thay đổi; hãy tải lại trang."),
        **change,
    )


def report_draft(*, actor: Any, report_type: ReportType, unit: Unit, period: str) -> Report:
    """The unit's current report for the period: a new draft, or the one already there."""
    _check(actor, "reports.write", unit)
    chosen = report_period(report_type, period)
    current = Report.objects.filter(
        report_type=report_type, unit=unit, period=chosen.code, is_current=True
    ).first()
    if current is not None:
        return current
    try:
        with transaction.atomic():
            report = Report.objects.create(
                report_type=report_type,
                unit=unit,
                province_id=province_id_of(unit),
                period=chosen.code,
                due_on=due_on(report_type, unit, chosen),
                created_by=audit.acting_user(actor),
            )
            audit.log_create(actor=actor, obj=report, unit_id=unit.pk)
    except IntegrityError:  # drafted a moment ago by another request
        return Report.objects.get(
            report_type=report_type, unit=unit, period=chosen.code, is_current=True
        )
    return report


def report_save(
    *,
    actor: Any,
    report: Report,
    narrative: dict[str, str],
    number: str = "",
    place: str = "",
    signer: str = "",
    signer_title: str = "",
    signed_on: dt.date | None = None,
) -> Report:
    """Save the narrative and the document's particulars of a report not yet sent."""
    _check(actor, "reports.write", report.unit)
    if report.status not in OPEN:
        raise DomainError(_("Báo cáo đã gửi; hãy mở lại để sửa (tạo phiên bản mới)."))
    titles = {s["key"]: s["title"] for s in report.report_type.sections}
    cleaned = {k: v.strip() for k, v in narrative.items() if k in titles}
    for key, text in cleaned.items():
        if len(text) > settings.COSO_TEXT_MAX_CHARS:
            raise DomainError(
                _("Phần “%(s)s” dài quá %(n)s ký tự.")
                % {"s": titles[key], "n": whole(settings.COSO_TEXT_MAX_CHARS)},
                field=key,
            )
    check_lengths(Report, number=number, place=place, signer=signer, signer_title=signer_title)
    _move(
        report,
        actor=actor,
        from_states=OPEN,
        fields={
            "narrative": cleaned,
            "number": number.strip(),
            "place": place.strip(),
            "signer": signer.strip(),
            "signer_title": signer_title.strip(),
            "signed_on": signed_on,
        },
    )
    return report


def report_quote(*, actor: Any, report: Report, source_id: int | None, section: str) -> Report:
    """Append to a section of a draft what a sub-unit's sent report says there, named."""
    titles = {s["key"]: s["title"] for s in report.report_type.sections}
    source = submitted_below(report).filter(pk=source_id or 0).first()
    text = source.narrative.get(section, "").strip() if source and section in titles else ""
    if not text:
        raise DomainError(_("Không có đoạn này để trích."), field=section)
    quoted = f"{source.unit.name}: “{text}”"  # type: ignore[union-attr]
    narrative = {**report.narrative, section: f"{report.narrative.get(section, '')}\n\n{quoted}"}
    return report_save(
        actor=actor,
        report=report,
        narrative=narrative,
        number=report.number,
        place=report.place,
        signer=report.signer,
        signer_title=report.signer_title,
        signed_on=report.signed_on,
    )


def missing_to_send(report: Report) -> list[str]:
    """What the report still lacks before it may be sent, in the form's words: the
    number, the signer, the signing date, and every narrative section."""
    lacking = [
        str(label)
        for label, value in (
            (_("Số, ký hiệu"), report.number),
            (_("Người ký"), report.signer),
            (_("Chức vụ người ký"), report.signer_title),
            (_("Ngày ký"), report.signed_on),
        )
        if not value
    ]
    lacking += [
        s["title"]
        for s in report.report_type.sections
        if not (report.narrative.get(s["key"]) or "").strip()
    ]
    return lacking


def send_refusal(report: Report, today: dt.date) -> str | None:
    """Why the report cannot be sent today, or None: it must be complete, and its
    period over unless its report type allows an early send."""
    lacking = missing_to_send(report)
    if lacking:
        return _("Chưa gửi được: còn thiếu %(what)s.") % {"what": ", ".join(lacking)}
    period = periods.parse(report.period)
    if today <= period.end and not report.report_type.early_send:
        return _(
            "Chưa gửi được: kỳ báo cáo kết thúc ngày %(end)s; gửi từ ngày %(next)s để số "
            "liệu chốt đủ cả kỳ."
        ) % {
            "end": f"{period.end:%d/%m/%Y}",
            "next": f"{period.end + dt.timedelta(days=1):%d/%m/%Y}",
        }
    if report.signed_on and report.signed_on > today:
        return _("Ngày ký không được sau hôm nay.")
    return None


def report_submit(*, actor: Any, report: Report) -> Report:
    """Send the report: its figures, whose reports it adds up and the whole unit's live
    figures are frozen now; on time if sent by the due day."""
    _check(actor, "reports.write", report.unit)
    today = timezone.localdate()
    refusal = send_refusal(report, today)
    if refusal:
        raise DomainError(refusal)
    figures, per_unit = reporting.frozen_figures(report)
    _move(
        report,
        actor=actor,
        from_states=OPEN,
        to=ReportStatus.SUBMITTED,
        fields={
            "figures": figures,
            "sub_figures": per_unit,
            "coverage": reporting.coverage_now(report),
            "live_figures": reporting.live_of(report) or {},
            "submitted_at": timezone.now(),
            "on_time": today <= report.due_on,
        },
    )
    return report


def report_review(*, actor: Any, report: Report, accept: bool, comment: str = "") -> Report:
    """The level above accepts the report, or returns it with what to complete."""
    if not reviews(actor, report):
        raise DomainError(_("Chỉ cấp trên của đơn vị mới tiếp nhận hoặc trả lại báo cáo."))
    if not accept and not comment.strip():
        raise DomainError(_("Trả lại báo cáo phải ghi rõ cần hoàn thiện gì."), field="comment")
    check_lengths(Report, review_comment=comment)
    status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    with transaction.atomic():
        _move(
            report,
            actor=actor,
            from_states=(ReportStatus.SUBMITTED,),
            to=status,
            fields={"review_comment": comment.strip(), "reviewed_by": audit.acting_user(actor)},
            message=_("Chỉ tiếp nhận hoặc trả lại báo cáo đã gửi."),
        )
        if not accept:
            writers_tell_returned(report)
    return report


def writers_tell_returned(report: Report) -> int:
    """In the return's transaction: e-mail the officials who write the report at its
    unit (`writers_of`: none of another unit, none who only read) what the level above
    asks to complete. Once per sending: a report sent again and returned again tells them
    again. Returns the messages queued."""
    emails: dict[str, Any] = {}
    for holder in writers_of([report.unit]).get(report.unit_id, []):  # type: ignore[arg-type]
        if holder.user.email:
            emails.setdefault(holder.user.email, holder.user)
    above = report.unit.parent
    values = {
        "title": report.report_type.title,
        "period": periods.parse(report.period).label.lower(),
        "unit": report.unit.name,
        "above": above.name if above is not None else _("Cấp trên"),
        "reason": report.review_comment,
        "url": settings.COSO_SITE_URL + reverse("reports:report", args=[report.pk]),
    }
    sent = f"{report.submitted_at:%Y%m%d%H%M%S%f}"
    queued = 0
    for email, user in sorted(emails.items()):
        queued += (
            notify(
                key=f"reports.returned:{report.pk}:{sent}:{email}",
                to=email,
                user=user,
                subject=_("[Coso] Báo cáo bị trả lại: %(title)s %(period)s") % values,
                body=_(
                    "%(above)s trả lại %(what)s %(period)s của %(unit)s.\n"
                    "Cần hoàn thiện: %(reason)s\nSửa và gửi lại tại: %(url)s"
                )
                % {**values, "what": values["title"].lower()},
            )
            is not None
        )
    return queued


def report_reopen(*, actor: Any, report: Report) -> Report:
    """A new draft version of a sent report (its text kept); the sent one stays as it
    was, with its frozen figures."""
    _check(actor, "reports.write", report.unit)
    if report.status not in SENT or not report.is_current:
        raise DomainError(_("Chỉ mở lại được báo cáo đã gửi."))
    with transaction.atomic():
        _move(
            report,
            actor=actor,
            from_states=SENT,
            fields={"is_current": False},
            message=_("Báo cáo này vừa được mở lại; hãy tải lại trang."),
        )
        new = Report.objects.create(
            report_type=report.report_type,
            unit=report.unit,
            province_id=report.province_id,
            period=report.period,
            version=report.version + 1,
            due_on=report.due_on,
            number=report.number,
            place=report.place,
            signer=report.signer,
            signer_title=report.signer_title,
            narrative=report.narrative,
            created_by=audit.acting_user(actor),
        )
        audit.log_create(actor=actor, obj=new, unit_id=report.unit_id)
    return new
