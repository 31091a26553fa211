"""Periodic reports: who has not reported, frozen figures, review and versions, the
official DOCX and its XLSX annex, reminders."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from coso.accounts.models import Role, RoleAssignment, User
from coso.core.documents import MOTTO
from coso.notices.models import Notice
from coso.petitions import services as petitions
from coso.reports import services
from coso.reports.models import Report, ReportStatus, ReportType
from coso.units.tests.factories import commune

pytestmark = pytest.mark.django_db
SIX_MONTHS = "so-ket-6-thang"
PERIOD = "2026-H1"  # due from communes on 10/07/2026 (10 days after 30/06)


@pytest.fixture(autouse=True)
def _summer(time_machine):
    time_machine.move_to(dt.datetime(2026, 7, 5, 3, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def six_months():
    return ReportType.objects.get(code=SIX_MONTHS)


def _official(unit, name: str) -> User:
    user = User.objects.create_user(name, password="pw", email=f"{name}@example.vn")
    RoleAssignment.objects.create(user=user, unit=unit, role=Role.COMMUNE_OFFICIAL)
    return user


def _complete(actor, report: Report, **narrative: str) -> Report:
    """Fill what a report needs before it may be sent: particulars and every section."""
    sections = {s["key"]: f"{s['title']}." for s in report.report_type.sections}
    return services.report_save(
        actor=actor,
        report=report,
        narrative={**sections, **{k: v for k, v in report.narrative.items() if v}, **narrative},
        number=report.number or "01/BC-UBND",
        place=report.place or report.unit.name,
        signer=report.signer or "Nguyễn Văn Ký",
        signer_title=report.signer_title or "Chủ tịch",
        signed_on=report.signed_on or dt.date(2026, 7, 1),
    )


def _submit(actor, report: Report) -> Report:
    return services.report_submit(actor=actor, report=_complete(actor, report))


def _send(report_type, unit, actor, day: dt.date, time_machine) -> Report:
    time_machine.move_to(dt.datetime.combine(day, dt.time(3), tzinfo=dt.UTC), tick=False)
    report = services.report_draft(actor=actor, report_type=report_type, unit=unit, period=PERIOD)
    return _submit(actor, report)


def test_who_has_not_reported(client, tree, six_months, province_viewer, time_machine):
    communes = [tree.a, tree.b] + [commune(tree.province, f"Xã {i:02d}") for i in range(36)]
    officials = {c.pk: _official(c, f"cb{i}") for i, c in enumerate(communes)}
    for i, unit in enumerate(communes[:30]):
        day = dt.date(2026, 7, 8) if i < 25 else dt.date(2026, 7, 14)  # 5 late
        _send(six_months, unit, officials[unit.pk], day, time_machine)
    client.force_login(province_viewer)
    url = reverse("reports:completeness", args=[tree.province.code, SIX_MONTHS, PERIOD])
    page = client.get(url)
    text = page.content.decode()
    (result,) = page.context["results"]
    assert (result.expected, result.submitted, result.on_time) == (38, 30, 25)
    assert "78,9" in text and "65,8" in text
    missing = [u.name for u, _late in result.missing]
    assert sorted(missing) == sorted(c.name for c in communes[30:])
    assert all(late == 4 for _u, late in result.missing)  # 14/07 against 10/07
    _send(six_months, communes[30], officials[communes[30].pk], dt.date(2026, 7, 14), time_machine)
    (after,) = client.get(url).context["results"]
    assert (after.submitted, after.on_time, len(after.missing)) == (31, 25, 7)


def test_a_unit_that_did_not_exist_is_not_expected(tree, six_months):
    from coso.reports.periods import parse
    from coso.reports.reporting import completeness

    merged = commune(tree.province, "Xã đã sáp nhập", valid_to=dt.date(2025, 7, 1))
    new = commune(tree.province, "Xã mới", valid_from=dt.date(2026, 8, 1))
    result = completeness(
        report_type=six_months, period=parse(PERIOD), scope=tree.province, level="commune"
    )
    names = {u.name for u, _late in result.missing}
    assert merged.name not in names and new.name not in names and result.expected == 2


def test_a_sent_report_keeps_its_figures(
    tree, six_months, official_a, figures_work, notices_send, time_machine
):
    def petition(day):
        petitions.petition_submit(
            actor=None,
            unit=tree.a,
            data=petitions.Submission(
                kind="feedback", subject="x", description="y", received_on=day
            ),
        )
        figures_work()

    petition(dt.date(2026, 3, 2))
    report = services.report_draft(
        actor=official_a, report_type=six_months, unit=tree.a, period=PERIOD
    )
    report = _submit(official_a, report)
    assert report.figures["petitions.received"] == 1 and report.on_time
    petition(dt.date(2026, 4, 2))  # a record of the period arrives after sending
    report.refresh_from_db()
    assert report.figures["petitions.received"] == 1
    from coso.reports.reporting import tables

    received = next(t for t in tables(report) if "petitions.received" in dict(t.columns))
    assert received.totals[0] == 1
    # Re-opening makes a new version, with the figures live again until it is sent.
    again = services.report_reopen(actor=official_a, report=report)
    assert again.version == 2 and again.status == ReportStatus.DRAFT
    assert _submit(official_a, again).figures["petitions.received"] == 2
    report.refresh_from_db()
    assert not report.is_current and report.figures["petitions.received"] == 1


def test_the_level_above_accepts_or_returns(
    client, tree, six_months, official_a, official_b, province_viewer
):
    report = services.report_draft(
        actor=official_a, report_type=six_months, unit=tree.a, period=PERIOD
    )
    _submit(official_a, report)
    client.force_login(official_b)  # a commune does not review another
    assert client.post(reverse("reports:review", args=[report.pk])).status_code == 403
    client.force_login(province_viewer)
    url = reverse("reports:review", args=[report.pk])
    client.post(url, {"decision": "return", "comment": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED  # returning needs a reason
    client.post(url, {"decision": "return", "comment": "Bổ sung phần hạn chế"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    client.force_login(official_a)
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "Bổ sung phần hạn chế" in page and 'name="shortcomings"' in page


def test_the_province_report_as_docx_and_xlsx(
    client, tree, six_months, official_a, official_b, province_viewer, time_machine
):
    _send(six_months, tree.a, official_a, dt.date(2026, 7, 6), time_machine)
    _send(six_months, tree.b, official_b, dt.date(2026, 7, 6), time_machine)
    report = services.report_draft(
        actor=province_viewer, report_type=six_months, unit=tree.province, period=PERIOD
    )
    services.report_save(
        actor=province_viewer,
        report=report,
        narrative={"results": "Các xã đã công khai đầy đủ."},
        number="12/BC-BCĐ",
        place="Lai Châu",
        signer="Nguyễn Văn A",
        signer_title="Trưởng ban",
    )
    _submit(province_viewer, report)
    client.force_login(province_viewer)
    page = client.get(reverse("reports:report", args=[report.pk]))
    first = page.context["tables"][0]
    assert [name for name, _v in first.rows] == sorted([tree.a.name, tree.b.name])

    document = Document(io.BytesIO(client.get(reverse("reports:docx", args=[report.pk])).content))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    text = "\n".join(p.text for p in document.paragraphs)
    assert any(MOTTO in c for c in cells) and "Số: 12/BC-BCĐ" in cells
    assert "BÁO CÁO" in text and "Báo cáo sơ kết 6 tháng" in text and "6 tháng đầu năm 2026" in text
    grid = document.tables[1]
    totals = [c.text for c in grid.rows[-2].cells]
    assert totals[0] == "Tổng cộng theo báo cáo"
    web = ["—" if v is None else str(v) for v in first.totals]
    assert totals[1:] == web
    live = [c.text for c in grid.rows[-1].cells]
    assert live == [
        "Toàn đơn vị theo hệ thống",
        *("—" if v is None else str(v) for v in first.live),
    ]
    assert any("TRƯỞNG BAN" in c and "Nguyễn Văn A" in c for c in cells)

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reports:xlsx", args=[report.pk])).content)
    )
    sheet = workbook.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [r[0] for r in rows[2:]] == [
        *sorted([tree.a.name, tree.b.name]),
        "Tổng cộng theo báo cáo",
        "Toàn đơn vị theo hệ thống",
    ]
    # and the indices derived from its figures, and its coverage
    assert len(workbook.worksheets) == len(six_months.tables) + 2


def test_reminders_go_once_a_day(tree, six_months, time_machine, figures_work, notices_send):
    official = _official(tree.a, "cbxa")
    _official(tree.b, "cbxb")
    time_machine.move_to(dt.datetime(2026, 7, 8, 3, tzinfo=dt.UTC), tick=False)
    _submit(
        official,
        services.report_draft(actor=official, report_type=six_months, unit=tree.a, period=PERIOD),
    )
    call_command("reports", "remind")
    first = Notice.objects.filter(key__startswith="reports.remind:").count()
    call_command("reports", "remind")
    notices_send()
    # Through the outbox (DESIGN.md, "Notices"): one notice per email sent, none twice.
    assert Notice.objects.count() == first == len(mail.outbox) > 0
    reminded = [m for m in mail.outbox if "6 tháng đầu năm 2026" in m.subject]
    assert [m.to for m in reminded] == [["cbxb@example.vn"]]


def test_each_level_writes_its_own_report(tree, six_months, province_viewer, official_a):
    from coso.core.errors import DomainError

    with pytest.raises(DomainError):
        services.report_draft(
            actor=province_viewer, report_type=six_months, unit=tree.a, period=PERIOD
        )
    with pytest.raises(DomainError):
        services.report_draft(
            actor=official_a, report_type=six_months, unit=tree.province, period=PERIOD
        )
    assert (
        services.report_draft(
            actor=province_viewer, report_type=six_months, unit=tree.province, period=PERIOD
        ).unit
        == tree.province
    )


def test_the_demo_province_reports(tree, administrator, time_machine):
    from coso.reports.periods import parse
    from coso.reports.reporting import completeness
    from coso.reports.seed import seed_reports

    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False)
    communes = [tree.a, tree.b] + [commune(tree.province, f"Xã {i:02d}") for i in range(36)]
    assert seed_reports(communes=communes, actor=administrator) == 30
    assert seed_reports(communes=communes, actor=administrator) == 0  # idempotent
    result = completeness(
        report_type=ReportType.objects.get(code=SIX_MONTHS),
        period=parse(PERIOD),
        scope=tree.province,
        level="commune",
    )
    assert (result.submitted_share, result.on_time_share, len(result.missing)) == (78.9, 65.8, 8)
    sent = Report.objects.filter(period=PERIOD).exclude(submitted_at=None)
    assert sent.count() == 30 and all(r.unit.name in r.narrative["results"] for r in sent)


def test_the_province_quotes_its_communes(
    client, tree, six_months, official_a, official_b, province_viewer
):
    sent = services.report_draft(
        actor=official_a, report_type=six_months, unit=tree.a, period=PERIOD
    )
    services.report_save(actor=official_a, report=sent, narrative={"results": "Đối thoại 4 lần."})
    _submit(official_a, sent)
    unsent = services.report_draft(
        actor=official_b, report_type=six_months, unit=tree.b, period=PERIOD
    )
    services.report_save(actor=official_b, report=unsent, narrative={"results": "Nháp của xã B."})
    report = services.report_draft(
        actor=province_viewer, report_type=six_months, unit=tree.province, period=PERIOD
    )
    client.force_login(province_viewer)
    url = reverse("reports:report", args=[report.pk])
    page = client.get(url).content.decode()
    assert "Đối thoại 4 lần." in page and "Nháp của xã B." not in page
    typed = {"results": "Toàn tỉnh đã làm tốt.", "number": "", "place": "", "signer": ""}
    client.post(url, {**typed, "signer_title": "", "quote": f"{sent.pk}:results"})
    report.refresh_from_db()
    assert (
        report.narrative["results"] == f"Toàn tỉnh đã làm tốt.\n\n{tree.a.name}: “Đối thoại 4 lần.”"
    )
    for forged in (f"{unsent.pk}:results", f"{sent.pk}:lessons", f"{sent.pk}:nope", "x:results"):
        client.post(url, {**typed, "signer_title": "", "quote": forged})
        report.refresh_from_db()
        assert report.narrative["results"] == "Toàn tỉnh đã làm tốt."  # saved, nothing quoted


def test_only_the_units_own_writers_and_current_versions_change_a_report(
    client, tree, six_months, official_a, province_viewer
):
    from coso.core.errors import DomainError

    # An administrator of another commune who also monitors the province writes no
    # commune's report.
    other = commune(tree.province, "Xã khác")
    mixed = _official(other, "hon-hop")
    RoleAssignment.objects.create(user=mixed, unit=other, role=Role.ADMINISTRATOR)
    RoleAssignment.objects.create(user=mixed, unit=tree.province, role=Role.PROVINCE_VIEWER)
    with pytest.raises(DomainError):
        services.report_draft(actor=mixed, report_type=six_months, unit=tree.a, period=PERIOD)
    assert services.reports.writes_for(mixed, other)
    # A save that arrives after the report was sent changes nothing.
    report = services.report_draft(
        actor=official_a, report_type=six_months, unit=tree.a, period=PERIOD
    )
    stale = Report.objects.get(pk=report.pk)
    _submit(official_a, report)
    with pytest.raises(DomainError):
        services.report_save(actor=official_a, report=stale, narrative={"results": "muộn"})
    report.refresh_from_db()
    assert report.narrative["results"] != "muộn" and report.status == ReportStatus.SUBMITTED
    # Once re-opened, the old version can no longer be accepted.
    services.report_reopen(actor=official_a, report=report)
    with pytest.raises(DomainError):
        services.report_review(actor=province_viewer, report=report, accept=True)
    client.force_login(province_viewer)
    page = client.get(reverse("reports:report", args=[report.pk]))
    assert not page.context["reviewer"]


def test_a_returned_report_shows_live_figures(
    client, tree, six_months, official_a, province_viewer, figures_work, notices_send
):
    report = services.report_draft(
        actor=official_a, report_type=six_months, unit=tree.a, period=PERIOD
    )
    _submit(official_a, report)
    services.report_review(actor=province_viewer, report=report, accept=False, comment="Bổ sung")
    petitions.petition_submit(
        actor=None,
        unit=tree.a,
        data=petitions.Submission(
            kind="feedback", subject="x", description="y", received_on=dt.date(2026, 3, 2)
        ),
    )
    figures_work()
    client.force_login(official_a)
    page = client.get(reverse("reports:report", args=[report.pk]))
    assert not page.context["frozen"] and "sẽ chốt khi gửi" in page.content.decode()
    received = next(t for t in page.context["tables"] if "petitions.received" in dict(t.columns))
    assert received.totals[0] == 1  # not the 0 frozen when it was first sent


def test_the_centre_sees_and_reviews_the_provinces(
    client, tree, six_months, province_viewer, central_viewer, official_a
):
    report = services.report_draft(
        actor=province_viewer, report_type=six_months, unit=tree.province, period=PERIOD
    )
    _submit(province_viewer, report)
    client.force_login(central_viewer)
    url = reverse("reports:national_completeness", args=[SIX_MONTHS, PERIOD])
    page = client.get(url)
    provinces, communes = page.context["results"]
    assert (provinces.level, provinces.expected, provinces.submitted) == ("province", 1, 1)
    assert (communes.level, communes.expected, communes.missing) == ("commune", 2, [])
    assert [r.unit for r in page.context["sent"]] == [tree.province]
    back = f'href="{reverse("reports:dashboard")}?period='
    assert back in page.content.decode()  # the way back to the national dashboard
    assert client.get(reverse("reports:reports")).status_code == 200
    services.report_review(actor=central_viewer, report=report, accept=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    # A commune has no level below it to wait for.
    client.force_login(official_a)
    below = client.get(reverse("reports:completeness", args=[tree.a.code, SIX_MONTHS, PERIOD]))
    assert below.context["results"] == []


def test_five_year_terms_follow_the_conclusion(client, tree, province_viewer, time_machine):
    from coso.core.errors import DomainError
    from coso.reports.documents import roman
    from coso.reports.reporting import recent_periods

    five_years = ReportType.objects.get(code="tong-ket-5-nam-kl120")
    time_machine.move_to(dt.datetime(2027, 3, 1, 3, tzinfo=dt.UTC), tick=False)
    assert [p.code for p in recent_periods(five_years, 2)] == ["2026-2030", "2021-2025"]
    assert services.reports.report_period(five_years, "2021-2025").code == "2021-2025"
    with pytest.raises(DomainError):
        services.reports.report_period(five_years, "2022-2026")
    client.force_login(province_viewer)
    url = reverse("reports:unit_dashboard", args=[tree.province.code])
    assert client.get(url, {"period": "2021-2025"}).status_code == 200
    # The term under way, ending in years to come, is offered and opens like any other:
    # every link to who has reported below answers a page.
    assert services.reports.report_period(five_years, "2026-2030").code == "2026-2030"
    assert client.get(url, {"period": "2026-2030"}).context["period"].code == "2026-2030"
    page = client.get(reverse("reports:unit_reports", args=[tree.province.code])).content.decode()
    below = re.findall(r'href="([^"]+)"', page[page.index('id="below"') :])
    assert (
        reverse("reports:completeness", args=[tree.province.code, five_years.code, "2026-2030"])
        in below
    )
    assert all(client.get(link).status_code == 200 for link in below)
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
