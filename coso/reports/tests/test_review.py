"""A review a steering committee can sign: a report says whose reports it adds up and
who is missing, shows the live figures of the whole unit beside the reported ones (web,
DOCX, XLSX), cannot be sent blank or before its period ends, and asks to confirm; the
figures lead down to the records as they stood at the period's end and back again."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.text import slugify
from docx import Document
from openpyxl import load_workbook

from coso.accounts.models import Role, RoleAssignment, User
from coso.core.errors import DomainError
from coso.core.text import fold
from coso.notices.models import Notice
from coso.petitions import services as petitions
from coso.petitions.models import Petition, Status
from coso.reports import services
from coso.reports.models import ReportStatus, ReportType
from coso.reports.tests.test_reports import _complete, _submit
from coso.units.tests.factories import commune

pytestmark = pytest.mark.django_db
PERIOD = "2026-H1"  # communes' reports due 10/07/2026


def _at(time_machine, day: dt.date) -> None:
    time_machine.move_to(dt.datetime.combine(day, dt.time(3), tzinfo=dt.UTC), tick=False)


def _official(unit, name: str) -> User:
    user = User.objects.create_user(name, password="pw", email=f"{name}@example.vn")
    RoleAssignment.objects.create(user=user, unit=unit, role=Role.COMMUNE_OFFICIAL)
    return user


def _petition(unit, day: dt.date, work) -> Petition:
    petition = petitions.petition_submit(
        actor=None,
        unit=unit,
        data=petitions.Submission(
            kind="feedback", subject=f"Đơn {day}", description="…", received_on=day
        ),
    )
    work()
    return petition


@pytest.fixture
def six_months():
    return ReportType.objects.get(code="so-ket-6-thang")


@pytest.fixture
def province_report(tree, six_months, province_viewer, time_machine, figures_work):
    """Lai Châu's H1 review: commune A sent its report, commune B and C did not; B's
    petitions count on the dashboard but in no commune's report."""
    late = commune(tree.province, "Xã Chậm Gửi")
    _at(time_machine, dt.date(2026, 6, 1))
    _petition(tree.a, dt.date(2026, 3, 2), figures_work)
    for day in (dt.date(2026, 3, 2), dt.date(2026, 4, 1), dt.date(2026, 5, 4)):
        _petition(tree.b, day, figures_work)
    _at(time_machine, dt.date(2026, 7, 8))
    writer = _official(tree.a, "cba")
    _submit(
        writer,
        services.report_draft(actor=writer, report_type=six_months, unit=tree.a, period=PERIOD),
    )
    _at(time_machine, dt.date(2026, 7, 20))  # B and the late commune: 10 days overdue
    report = services.report_draft(
        actor=province_viewer, report_type=six_months, unit=tree.province, period=PERIOD
    )
    report.missing_unit = late  # type: ignore[attr-defined]
    return report


def test_a_province_report_names_the_missing_and_shows_the_live_figures(
    client, tree, province_report, province_viewer
):
    report = _submit(province_viewer, province_report)
    assert report.coverage["expected"] == 3 and report.coverage["included"] == [tree.a.code]
    assert sorted(report.coverage["missing"]) == sorted(
        [[tree.b.code, 10], [province_report.missing_unit.code, 10]]
    )
    client.force_login(province_viewer)
    page = client.get(reverse("reports:report", args=[report.pk]))
    text = page.content.decode()
    assert "1/3" in text and tree.b.name in text and "quá hạn 10 ngày" in text
    received = next(t for t in page.context["tables"] if "petitions.received" in dict(t.columns))
    column = [c for c, _label in received.columns].index("petitions.received")
    assert received.totals[column] == 1  # what the communes' reports add up
    assert received.live[column] == 4  # what the dashboard shows for the province
    dashboard = client.get(
        reverse("reports:unit_dashboard", args=[tree.province.code]), {"period": PERIOD}
    )
    shown = {h["figure"].code: h["figure"].value for h in dashboard.context["headline"]}
    assert shown["petitions.received"] == received.live[column]

    docx = client.get(reverse("reports:docx", args=[report.pk]))
    assert (
        f'"bao-cao-so-ket-6-thang-{slugify(fold(tree.province.name))}-2026-h1.docx"'
        in (docx["Content-Disposition"])
    )
    document = Document(io.BytesIO(docx.content))
    written = "\n".join(p.text for p in document.paragraphs)
    assert "1/3 đơn vị" in written and f"{tree.b.name} (quá hạn 10 ngày)" in written
    label = str(dict(received.columns)["petitions.received"])
    grid = next(t for t in document.tables if label in [c.text for c in t.rows[0].cells])
    at = [c.text for c in grid.rows[0].cells].index(label)
    rows = {row.cells[0].text: row.cells[at].text for row in grid.rows}
    assert rows["Tổng cộng theo báo cáo"] == "1" and rows["Toàn đơn vị theo hệ thống"] == "4"

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reports:xlsx", args=[report.pk])).content)
    )
    notes = [r[0].value for r in workbook["Pham vi"].iter_rows()]
    assert any(tree.b.name in line for line in notes)
    # Records added after sending change neither the report nor what it said of them.
    report.refresh_from_db()
    assert report.live_figures["petitions.received"] == 4


def test_a_report_cannot_be_sent_blank(client, tree, six_months, official_a, time_machine):
    _at(time_machine, dt.date(2026, 7, 5))
    report = services.report_draft(
        actor=official_a, report_type=six_months, unit=tree.a, period=PERIOD
    )
    with pytest.raises(DomainError, match="Số, ký hiệu.*Người ký.*Ngày ký.*Kết quả đạt được"):
        services.report_submit(actor=official_a, report=report)
    client.force_login(official_a)
    # The page's one tap saves and shows what will be frozen; it does not send.
    url = reverse("reports:report", args=[report.pk])
    answer = client.post(url, {"number": "", "signer": "", "submit": "1"})
    assert answer["Location"] == reverse("reports:send", args=[report.pk])
    confirm = client.get(answer["Location"])
    assert "Chưa gửi được: còn thiếu" in confirm.content.decode()
    assert 'id="confirm-send"' not in confirm.content.decode()
    client.post(answer["Location"])
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    _complete(official_a, report)
    confirm = client.get(reverse("reports:send", args=[report.pk])).content.decode()
    assert 'id="confirm-send"' in confirm and "01/BC-UBND" in confirm
    client.post(reverse("reports:send", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.signed_on == dt.date(2026, 7, 1)


def test_a_report_is_sent_once_its_period_is_over(tree, six_months, official_a, time_machine):
    _at(time_machine, dt.date(2026, 12, 6))
    report = _complete(
        official_a,
        services.report_draft(
            actor=official_a, report_type=six_months, unit=tree.a, period="2026-H2"
        ),
    )
    with pytest.raises(DomainError, match="kết thúc ngày 31/12/2026; gửi từ ngày 01/01/2027"):
        services.report_submit(actor=official_a, report=report)
    _at(time_machine, dt.date(2027, 1, 1))
    assert services.report_submit(actor=official_a, report=report).status == ReportStatus.SUBMITTED


def test_a_report_type_that_allows_it_is_sent_early(tree, six_months, official_a, time_machine):
    ReportType.objects.filter(pk=six_months.pk).update(early_send=True)
    _at(time_machine, dt.date(2026, 12, 6))
    report = _complete(
        official_a,
        services.report_draft(
            actor=official_a,
            report_type=ReportType.objects.get(pk=six_months.pk),
            unit=tree.a,
            period="2026-H2",
        ),
    )
    assert services.report_submit(actor=official_a, report=report).status == ReportStatus.SUBMITTED


def test_a_figure_leads_to_the_records_as_they_stood_at_the_periods_end(
    client, tree, province_viewer, time_machine, figures_work
):
    """H1's overdue petitions of a commune, followed from the province's breakdown: the
    list holds what the figure counted on 30 June (one since resolved among them), not
    today's overdue list."""
    _at(time_machine, dt.date(2026, 3, 2))
    h1 = [_petition(tree.a, dt.date(2026, 3, 2), figures_work) for _ in "abc"]
    _at(time_machine, dt.date(2026, 10, 1))
    for _ in "de":
        _petition(tree.a, dt.date(2026, 10, 1), figures_work)
    Petition.objects.filter(pk=h1[0].pk).update(
        status=Status.RESOLVED, closed_on=dt.date(2026, 8, 3), next_due=None
    )
    _at(time_machine, dt.date(2026, 12, 6))
    call_command("indicators", "refresh", "--since", "2026", stdout=io.StringIO())
    client.force_login(province_viewer)
    breakdown = client.get(
        reverse("reports:unit_breakdown", args=[tree.province.code, "petitions.overdue"]),
        {"period": PERIOD},
    )
    rows = {u.code: (value, href) for u, _name, value, href in breakdown.context["rows"]}
    value, href = rows[tree.a.code]
    assert value == 3
    listed = client.get(href)
    assert listed.context["page"].count == 3 == len(listed.context["page"].items)
    text = listed.content.decode()
    assert "3 đơn quá hạn tại ngày 30/06/2026" in text
    assert f"?period={PERIOD}" in text  # the way back keeps the period
    today = client.get(reverse("petitions:worklist", args=[tree.a.code]), {"which": "overdue"})
    assert today.context["page"].count == 4  # two of H1 still open, two of October


def test_the_level_above_reminds_a_missing_unit_through_the_outbox(
    client,
    tree,
    six_months,
    province_viewer,
    official_a,
    time_machine,
    notices_send,
):
    _at(time_machine, dt.date(2026, 7, 20))
    User.objects.filter(pk=official_a.pk).update(email="tamduong@example.vn")
    official_a.refresh_from_db()
    client.force_login(province_viewer)
    page = client.get(
        reverse("reports:completeness", args=[tree.province.code, "so-ket-6-thang", PERIOD])
    )
    text = page.content.decode()
    assert reverse("units:official_unit", args=[tree.a.code]) in text
    assert official_a.email in text  # who to call
    remind = reverse("reports:remind", args=[tree.a.code, "so-ket-6-thang", PERIOD])
    client.post(remind)
    client.post(remind)  # once a day
    notices_send()
    notices = Notice.objects.filter(key__startswith="reports.remind:", to=official_a.email)
    assert notices.count() == 1 and "quá hạn 10 ngày" in notices.get().body
    client.force_login(official_a)  # a commune does not remind another
    assert client.post(
        reverse("reports:remind", args=[tree.b.code, "so-ket-6-thang", PERIOD])
    ).status_code in (403, 404)


def test_a_units_reports_show_deadlines_late_ones_first(client, tree, official_a, time_machine):
    _at(time_machine, dt.date(2026, 12, 6))
    client.force_login(official_a)
    page = client.get(reverse("reports:unit_reports", args=[tree.a.code]))
    dues = page.context["dues"]
    late = [d.days_late for d in dues]
    assert late == sorted(late, reverse=True) and late[0] > 0
    first = dues[0]
    assert first.days_late == (dt.date(2026, 12, 6) - first.due_on).days
    assert (
        "quá hạn" in page.content.decode()
        and first.due_on.strftime("%d/%m/%Y") in page.content.decode()
    )
