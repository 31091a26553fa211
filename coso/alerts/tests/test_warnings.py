"""Warnings of democracy not practised: the daily scan (idempotent, a fixed number of
queries whatever the nation's size, from the maintained figures), the pages (scoped:
404 elsewhere; monitoring roles read, never write), acknowledging, and turning a
warning into a follow-up."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.alerts import indicators as warning_figures
from coso.alerts.models import Closed, Warning
from coso.alerts.services import warnings_scan
from coso.alerts.tests import factories
from coso.alerts.tests.factories import put
from coso.concerns.models import Hotspot, HotspotStatus, Topic
from coso.core import indicators
from coso.core.models import AuditEntry
from coso.dialogues.tests.test_dialogues import dialogue
from coso.followups.models import FollowUp
from coso.reports import period_parse
from coso.reports.models import Report, ReportStatus, ReportType
from coso.reports.services import refresh
from coso.units.tests.factories import commune

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 10, 5)
DIALOGUE = "warning.dialogue.behind"


@pytest.fixture
def now(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 5, 3, tzinfo=dt.UTC), tick=False)
    return time_machine


def scan(today: dt.date = TODAY):
    return warnings_scan(today=today)


def refresh_source(name: str, period: str = "2026") -> None:
    source = next(s for s in indicators.sources() if s.name == name)
    refresh(source=source, period=period_parse(period))


def hold_dialogue(actor, unit):
    return dialogue(actor, unit, day=dt.date(2026, 10, 3))


def open_of(rule: str) -> dict[int, str]:
    rows = Warning.objects.filter(rule=rule, closed_on__isnull=True)
    return dict(rows.values_list("unit_id", "key"))


def test_a_commune_without_its_dialogue_is_warned_once_and_the_dialogue_closes_it(
    now, tree, official_a, figures_work
):
    refresh_source("dialogues")
    first = scan()
    again = scan()
    assert open_of(DIALOGUE) == {tree.a.pk: "2026", tree.b.pk: "2026"}
    assert first.opened > 0 and again.opened == 0 and again.closed == 0
    assert Warning.objects.filter(rule=DIALOGUE).count() == 2
    call_command("warnings", "scan", stdout=io.StringIO())  # the daily command: nothing new
    assert Warning.objects.filter(rule=DIALOGUE).count() == 2

    hold_dialogue(official_a, tree.a)
    figures_work()  # the worker refreshes the figures the meeting touched
    assert scan().closed >= 1
    gone = Warning.objects.get(rule=DIALOGUE, unit=tree.a)
    assert (gone.closed_on, gone.closed_how) == (TODAY, Closed.CAUSE_GONE)
    assert open_of(DIALOGUE) == {tree.b.pk: "2026"}
    scan()
    assert Warning.objects.filter(rule=DIALOGUE).count() == 2  # not opened again


def test_no_dialogue_warning_before_the_rules_day(time_machine, tree):
    time_machine.move_to(dt.datetime(2026, 9, 30, 3, tzinfo=dt.UTC), tick=False)
    refresh_source("dialogues")
    scan(dt.date(2026, 9, 30))
    assert open_of(DIALOGUE) == {}


def breaching(unit) -> None:
    """Figures of the year breaking every figure rule at `unit`."""
    put(
        unit,
        "2026",
        dialogues__communes_required=1,
        disclosures__categories_missing=3,
        petitions__open=10,
        petitions__overdue=6,
        reception__periods_required=40,
        reception__periods_held=10,
        decisions__quorum_missing=1,
        pib__overdue=2,
    )


def test_each_figure_rule_opens_its_warning_at_its_threshold(now, tree):
    breaching(tree.a)
    put(tree.b, "2026", petitions__open=10, petitions__overdue=2, reception__periods_required=40)
    put(tree.b, "2026", reception__periods_held=30, dialogues__communes_required=1)
    put(tree.b, "2026", dialogues__communes_met=1)
    scan()
    warned = set(Warning.objects.filter(unit=tree.a).values_list("rule", flat=True))
    assert {
        "warning.disclosure.missing",
        "warning.petitions.overdue_share",
        DIALOGUE,
        "warning.reception.behind",
        "warning.decision.quorum_missing",
        "warning.pib.unanswered",
    } <= warned
    # 20 % overdue is not above 20 %; 75 % of the weeks held is not below 75 %.
    figure_rules = Warning.objects.filter(unit=tree.b).exclude(rule="warning.report.late")
    assert not figure_rules.exists()
    shown = Warning.objects.get(unit=tree.a, rule="warning.petitions.overdue_share")
    assert shown.details["figures"] == {"petitions.overdue": 6, "petitions.open": 10}
    assert "Luật Khiếu nại" in shown.details["citation"]


def counted(queries: CaptureQueriesContext) -> int:
    """The statements run: on SQLite, Django splits one bulk insert into several (999
    parameters each), so inserts are counted as one per table; PostgreSQL counts all."""
    sqls = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        return len(sqls)
    inserts = {sql.split("(")[0] for sql in sqls if sql.startswith("INSERT")}
    return len([sql for sql in sqls if not sql.startswith("INSERT")]) + len(inserts)


def test_the_scan_runs_a_fixed_number_of_queries_over_many_communes(now, tree):
    """1 commune in breach, then 51: the same statements, the same number of them."""
    scan()  # the day's first audit entry starts the day's checkpoint: not measured
    Warning.objects.all().delete()
    breaching(tree.a)
    with CaptureQueriesContext(connection) as few:
        scan()
    with CaptureQueriesContext(connection) as again:
        scan()
    Warning.objects.all().delete()
    for n in range(50):
        breaching(commune(tree.province, f"Xã Thêm {n}"))
    with CaptureQueriesContext(connection) as many:
        scan()
    assert Warning.objects.filter(rule=DIALOGUE).count() == 51
    assert counted(many) == counted(few)
    with CaptureQueriesContext(connection) as many_again:
        assert scan().opened == 0
    assert counted(many_again) == counted(again)


def test_a_late_report_is_warned_until_it_is_sent(now, tree):
    half = ReportType.objects.get(code="so-ket-6-thang")
    scan()
    key = f"report:{half.pk}:2026-H1"
    assert Warning.objects.filter(rule="warning.report.late", unit=tree.a, key=key).exists()
    Report.objects.create(
        report_type=half,
        unit=tree.a,
        province=tree.province,
        period="2026-H1",
        status=ReportStatus.SUBMITTED,
        due_on=dt.date(2026, 7, 10),
    )
    scan()
    sent = Warning.objects.get(rule="warning.report.late", unit=tree.a, key=key)
    assert sent.closed_how == Closed.CAUSE_GONE
    assert Warning.objects.filter(rule="warning.report.late", unit=tree.b, key=key).exists()


def test_a_hotspot_open_too_long_is_warned_until_it_closes(now, tree):
    hotspot = Hotspot.objects.create(
        commune=tree.a,
        province=tree.province,
        topic=Topic.objects.get(code="land"),
        opened_on=TODAY - dt.timedelta(days=31),
        households=7,
    )
    fresh = Hotspot.objects.create(
        commune=tree.b,
        province=tree.province,
        topic=Topic.objects.get(code="land"),
        opened_on=TODAY - dt.timedelta(days=30),
    )
    scan()
    assert open_of("warning.hotspot.open_long") == {tree.a.pk: f"hotspot:{hotspot.pk}"}
    assert fresh.pk
    Hotspot.objects.filter(pk=hotspot.pk).update(status=HotspotStatus.CLOSED, closed_on=TODAY)
    scan()
    assert open_of("warning.hotspot.open_long") == {}


def _list(client, user, unit, **params):
    client.force_login(user)
    return client.get(reverse("alerts:list", args=[unit.code]), params)


def test_an_official_acknowledges_and_turns_a_warning_into_a_followup(
    now, client, tree, official_a
):
    breaching(tree.a)
    scan()
    warning = Warning.objects.get(unit=tree.a, rule=DIALOGUE)
    page = _list(client, official_a, tree.a).content.decode()
    assert "chưa tổ chức hội nghị đối thoại" in page and "điều 32" in page
    ack = reverse("alerts:acknowledge", args=[tree.a.code, warning.pk])
    assert client.post(ack).status_code == 302
    warning.refresh_from_db()
    assert warning.acknowledged_by == official_a and warning.acknowledged_at
    assert AuditEntry.objects.filter(model="alerts.warning", object_pk=str(warning.pk)).exists()
    url = reverse("alerts:followup", args=[tree.a.code, warning.pk])
    assert client.post(url, {"text": "", "owner_name": "", "due_on": ""}).status_code == 400
    data = {"text": "Tổ chức đối thoại quý IV", "owner_name": "Chủ tịch UBND xã"}
    response = client.post(url, {**data, "due_on": "2026-11-15"})
    warning.refresh_from_db()
    followup = FollowUp.objects.get(pk=warning.followup_id)
    assert response.url == reverse("followups:detail", args=[followup.pk])
    assert (followup.unit, followup.due_on) == (tree.a, dt.date(2026, 11, 15))
    assert (warning.closed_on, warning.closed_how) == (TODAY, Closed.FOLLOWUP)
    scan()  # the cause is still there: a follow-up is tracking it, no new warning
    assert Warning.objects.filter(unit=tree.a, rule=DIALOGUE).count() == 1


def test_commune_b_gets_404_on_commune_as_warnings(now, client, tree, official_b):
    breaching(tree.a)
    scan()
    warning = Warning.objects.get(unit=tree.a, rule=DIALOGUE)
    assert _list(client, official_b, tree.a).status_code == 404
    ack = reverse("alerts:acknowledge", args=[tree.a.code, warning.pk])
    assert client.post(ack).status_code == 404
    # Through its own unit's URL, another unit's warning is still not found.
    assert (
        client.post(reverse("alerts:acknowledge", args=[tree.b.code, warning.pk])).status_code
        == 404
    )
    follow = reverse("alerts:followup", args=[tree.b.code, warning.pk])
    assert client.get(follow).status_code == 404
    warning.refresh_from_db()
    assert warning.acknowledged_at is None and warning.closed_on is None
    assert "đối thoại" not in _list(client, official_b, tree.b).content.decode()


@pytest.mark.parametrize("read_only", ["province_viewer", "central_viewer"], indirect=True)
def test_monitoring_roles_see_warnings_and_cannot_act_on_them(now, client, tree, read_only):
    breaching(tree.a)
    scan()
    warning = Warning.objects.get(unit=tree.a, rule=DIALOGUE)
    page = _list(client, read_only, tree.province).content.decode()
    assert "chưa tổ chức hội nghị đối thoại" in page and tree.a.name in page
    assert "Tiếp nhận</button>" not in page
    ack = reverse("alerts:acknowledge", args=[tree.a.code, warning.pk])
    assert client.post(ack).status_code == 403
    assert client.get(reverse("alerts:followup", args=[tree.a.code, warning.pk])).status_code == 403
    warning.refresh_from_db()
    assert warning.acknowledged_at is None
    board = client.get(reverse("reports:unit_dashboard", args=[tree.province.code]))
    assert "cảnh báo đang mở" in board.content.decode()


def test_the_list_runs_a_fixed_number_of_queries(
    now, client, tree, official_a, django_assert_num_queries, settings
):
    factories.warning(tree.a)
    client.force_login(official_a)
    url = reverse("alerts:list", args=[tree.a.code])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(12):
        factories.warning(tree.a, key=f"20{n:02d}")
    with django_assert_num_queries(len(few)):
        page = client.get(url)
    assert len(page.context["page"].items) == 13
    settings.PAGE_SIZE = 3
    first = client.get(url).context["page"]
    second = client.get(url, {"after": first.next_after}).context["page"]
    assert len(first.items) == 3 and second.items[0].pk < first.items[-1].pk


def test_warnings_count_as_figures(now, tree):
    breaching(tree.a)
    scan()
    opened = Warning.objects.filter(unit=tree.a).count()
    values = warning_figures.compute([tree.a.pk], dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert values[tree.a.pk] == {"warnings.opened": opened, "warnings.open": opened}
    from coso.reports.selectors import figures

    kept = figures(unit=tree.province, period=period_parse("2026-10"))
    assert kept["warnings.open"] == Warning.objects.filter(closed_on__isnull=True).count()


def test_the_api_lists_a_units_warnings_scoped_and_paged(client, tree, official_b, province_viewer):
    from coso.alerts.tests.factories import warning

    mine = [warning(tree.a, key=str(year)) for year in (2024, 2025, 2026)]
    client.force_login(province_viewer)
    first = client.get("/api/warnings", {"unit": tree.province.code, "limit": 2}).json()
    assert [w["id"] for w in first["items"]] == [mine[2].pk, mine[1].pk]
    rest = client.get(
        "/api/warnings", {"unit": tree.province.code, "after": first["next_after"]}
    ).json()
    assert [w["id"] for w in rest["items"]] == [mine[0].pk] and rest["next_after"] is None
    assert first["items"][0]["unit_code"] == tree.a.code
    client.force_login(official_b)
    assert client.get("/api/warnings", {"unit": tree.a.code}).status_code == 404
    assert client.get("/api/warnings", {"unit": tree.b.code}).json()["items"] == []
