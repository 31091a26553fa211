"""The steering committee's dashboard: figures from the maintained table, the period
before, sub-units ranked with totals, XLSX, and links down to the records."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coso.petitions import services as petitions
from coso.reports import periods
from coso.reports.selectors import figures

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def records(tree, official_a, figures_work, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False)
    received = {tree.a: [dt.date(2026, 9, 1), dt.date(2026, 10, 1), TODAY], tree.b: [TODAY]}
    for unit, days in received.items():
        for day in days:
            petitions.petition_submit(
                actor=None,
                unit=unit,
                data=petitions.Submission(
                    kind="feedback", subject="x", description="y", received_on=day
                ),
            )
    figures_work()
    return tree


def test_a_monitoring_role_lands_on_its_dashboard(client, records, province_viewer):
    client.force_login(province_viewer)
    home = client.get(reverse("portal:official_home"))
    assert home["Location"] == reverse("reports:unit_dashboard", args=[records.province.code])


def test_figures_table_totals_and_sorting(client, records, province_viewer):
    client.force_login(province_viewer)
    url = reverse("reports:unit_dashboard", args=[records.province.code])
    page = client.get(url, {"period": "2026", "sort": "petitions.received"})
    assert page.status_code == 200
    headline = {h["figure"].code: h for h in page.context["headline"]}
    kept = figures(unit=records.province, period=periods.parse("2026"))
    assert headline["petitions.received"]["figure"].value == kept["petitions.received"] == 4
    assert headline["petitions.received"]["previous"] == 0  # 2025
    table = page.context["table"]
    column = [c for c, _label in table["columns"]].index("petitions.received")
    assert [(u.code, v[column]) for u, _name, _own, v in table["rows"]] == [
        (records.a.code, 3),
        (records.b.code, 1),
    ]
    assert table["totals"][column] == 4
    overdue = next(h for h in page.context["headline"] if h["figure"].code == "petitions.overdue")
    assert overdue["href"].startswith(
        reverse("reports:unit_breakdown", args=[records.province.code, "petitions.overdue"])
    )
    ascending = client.get(url, {"period": "2026", "sort": "-petitions.received"})
    assert [r[0].code for r in ascending.context["table"]["rows"]][0] == records.b.code


def test_anonymous_api_gives_the_dashboards_figures(client, records, province_viewer):
    client.force_login(province_viewer)
    url = reverse("reports:unit_dashboard", args=[records.province.code])
    shown = {
        h["figure"].code: h["figure"].value
        for h in client.get(url, {"period": "2026-Q4"}).context["headline"]
    }
    client.logout()
    api = client.get("/api/indicators", {"unit": records.province.code, "period": "2026-Q4"})
    assert api.status_code == 200 and "public" in api["Cache-Control"]
    given = {i["code"]: i["value"] for i in api.json()["items"]}
    assert shown and all(given[code] == value for code, value in shown.items())
    assert shown["petitions.received"] == 3


def test_breakdown_leads_to_a_communes_records(client, records, province_viewer):
    client.force_login(province_viewer)
    page = client.get(
        reverse("reports:unit_breakdown", args=[records.province.code, "petitions.overdue"]),
        {"period": "2026"},
    )
    rows = {u.code: (v, href) for u, _name, v, href in page.context["rows"]}
    value, href = rows[records.a.code]
    assert value >= 1  # the September petition is past its acceptance deadline
    worklist = reverse("petitions:worklist", args=[records.a.code])
    assert href == f"{worklist}?which=overdue&as_of=2026-11-25&period=2026"
    listed = client.get(href)
    assert listed.status_code == 200 and listed.context["page"].count == value


def test_xlsx_has_a_row_per_commune_and_totals(client, records, province_viewer):
    client.force_login(province_viewer)
    response = client.get(
        reverse("reports:unit_dashboard_xlsx", args=[records.province.code]), {"period": "2026"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    names = [r[0] for r in rows[2:]]
    assert sorted(names[:-1]) == sorted([records.a.name, records.b.name])
    assert names[-1] == "Tổng cộng"
    received = rows[1].index("Đơn nhận được")
    assert rows[-1][received] == 4


def test_a_bad_period_says_so_and_shows_this_year(client, records, province_viewer):
    client.force_login(province_viewer)
    page = client.get(
        reverse("reports:unit_dashboard", args=[records.province.code]), {"period": "2026-13"}
    )
    assert page.status_code == 200 and page.context["period"].code == "2026"
    assert "không đúng dạng" in page.content.decode()


def test_the_dashboard_costs_the_same_whatever_the_number_of_communes(
    client, records, province_viewer, django_assert_max_num_queries
):
    from coso.units.tests.factories import commune

    client.force_login(province_viewer)
    url = reverse("reports:unit_dashboard", args=[records.province.code])
    with django_assert_max_num_queries(20) as few:
        client.get(url, {"period": "2026"})
    for i in range(25):
        commune(records.province, f"Xã Thêm {i}")
    with django_assert_max_num_queries(len(few)):
        client.get(url, {"period": "2026"})


def test_the_chart_writes_numbers_as_the_table_does():
    from django.utils import translation

    from coso.reports.charts import bars

    with translation.override("vi"):
        assert [b.value for b in bars([("a", 71.3), ("b", 19967), ("c", None)])] == [
            "71,3",
            "19.967",
            "—",
        ]
    with translation.override("en"):
        assert bars([("a", 71.3)])[0].value == "71.3"
