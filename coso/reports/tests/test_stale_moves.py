"""A report's moves made on a stale page: the second of two is refused and the audit
log holds one entry per move."""

import datetime as dt

import pytest

from coso.core.errors import DomainError
from coso.core.models import AuditAction, AuditEntry
from coso.reports import services
from coso.reports.models import Report, ReportStatus, ReportType
from coso.reports.tests.test_reports import _complete

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _summer(time_machine):
    time_machine.move_to(dt.datetime(2026, 7, 5, 3, tzinfo=dt.UTC), tick=False)


def _updates(report: Report) -> list[dict]:
    entries = AuditEntry.objects.filter(
        model="reports.report", object_pk=str(report.pk), action=AuditAction.UPDATE
    ).order_by("seq")
    return [e.changes for e in entries]


def test_sending_and_reopening_twice_from_one_page(tree, official_a):
    report = services.report_draft(
        actor=official_a,
        report_type=ReportType.objects.get(code="so-ket-6-thang"),
        unit=tree.a,
        period="2026-H1",
    )
    _complete(official_a, report)
    first, second = (Report.objects.get(pk=report.pk) for _ in range(2))
    services.report_submit(actor=official_a, report=first)
    with pytest.raises(DomainError, match="vừa được gửi"):
        services.report_submit(actor=official_a, report=second)
    sent_seen_twice = [Report.objects.get(pk=report.pk) for _ in range(2)]
    services.report_reopen(actor=official_a, report=sent_seen_twice[0])
    with pytest.raises(DomainError, match="vừa được mở lại"):
        services.report_reopen(actor=official_a, report=sent_seen_twice[1])
    assert Report.objects.filter(unit=tree.a, period="2026-H1").count() == 2
    _completed, sent, reopened = _updates(report)
    assert sent["status"] == [ReportStatus.DRAFT, ReportStatus.SUBMITTED]
    assert sent["on_time"] == [None, True] and sent["submitted_at"][0] is None
    assert reopened == {"is_current": [True, False]}
