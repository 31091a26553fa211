"""The indices from real records and on their pages: one more disclosure made on time
moves a commune's participation index by the amount worked out by hand; the officials'
and public pages, the commune's public page, the open API; scoping; the query count."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coso.core import indicators
from coso.core.indicators import Indicator, Source
from coso.disclosures import catalogues
from coso.disclosures.services import DisclosureData, disclosure_publish
from coso.reports import formulas, periods, selectors
from coso.reports.models import IndicatorValue
from coso.rules.services import rule_revise, value
from coso.units.tests.factories import commune, province

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
YEAR = "2026"


@pytest.fixture
def surveys(monkeypatch):
    """A stand-in for the surveys app's source (contract point 1): its codes and labels,
    no records (the test writes the figures)."""
    codes = ["surveys.respondents"] + [
        f"surveys.{what}.{e}" for what in ("answered", "satisfied") for e in ("overall", "access")
    ]
    fake = Source(
        name="surveys",
        indicators=tuple(Indicator(c, c, "", "", "survey answers") for c in codes),
        compute=lambda unit_ids, start, end: {},
    )
    monkeypatch.setitem(indicators._SOURCES, "surveys", fake)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False)


def put(unit, period: str, **figures: int) -> None:
    """Maintained figures written directly (`surveys__answered__overall=31`)."""
    prov = unit if unit.parent_id is None else unit.parent
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            unit=unit,
            path=unit.path,
            province=prov,
            period=period,
            indicator=code.replace("__", "."),
            value=n,
        )
        for code, n in figures.items()
    )


def answers(satisfied: int, answered: int) -> dict[str, int]:
    return {
        "surveys__respondents": answered,
        "surveys__answered__overall": answered,
        "surveys__satisfied__overall": satisfied,
    }


def test_one_more_disclosure_on_time_moves_the_index_as_worked_out(
    tree, official_a, today, figures_work
):
    call_command("indicators", "refresh", "--since", "2026", stdout=io.StringIO())
    year = periods.parse(YEAR)
    f = formulas.formulas_on(TODAY)

    def publish(category: str) -> float | None:
        data = DisclosureData(category=category, title="x", channels=["notice_board"])
        disclosure_publish(
            actor=official_a,
            unit=tree.a,
            data=data.__class__(**{**data.__dict__, "posted_on": TODAY}),
        )
        figures_work()
        return selectors.value_of(
            "index.participation", selectors.figures(unit=tree.a, period=year), f
        )

    assert len(catalogues.mandatory_keys(tree.a, on=TODAY)) == 13
    # The commune has no vote, petition, consultation or board recommendation: those
    # parts have no denominator and are left out. Three parts of weight 1/3 are left:
    # categories made 1/13, made on time (1 − 0)/1 = 1, dialogues held 0/1 = 0:
    # 10 × (0.076923 + 1 + 0) / 3 = 3.589744 -> 3.59
    assert publish("1") == 3.59
    # One more on time, in another category: 10 × (2/13 + 1 + 0) / 3 = 3.846154 -> 3.85,
    # i.e. 10 / 39 = 0.256 more.
    assert publish("2") == 3.85


def test_officials_page_every_number_links_to_its_records(tree, client, official_a, surveys, today):
    put(tree.a, YEAR, **answers(26, 31), disclosures__made=10, disclosures__late=2)
    client.force_login(official_a)
    page = client.get(f"/app/units/{tree.a.code}/indices/?period={YEAR}").content.decode()
    assert "83,9 %" in page and "67,4–92,9 %" in page
    assert f"/app/units/{tree.a.code}/dashboard/disclosures.late/?period={YEAR}" in page
    assert f"/app/units/{tree.a.code}/dashboard/surveys.answered.overall/?period={YEAR}" in page
    assert "index.participation, phiên bản 1" in page and 'id="formula-participation"' in page
    # disclosure_on_time = (10 − 2) / 10 and dialogues 0 / 0 left out: 8.00.
    assert "<strong>8,00</strong>" in page
    assert 'id="left-out"' in page


def test_another_communes_officials_get_404(tree, client, official_b):
    client.force_login(official_b)
    assert client.get(f"/app/units/{tree.a.code}/indices/").status_code == 404


def test_public_page_shows_figures_only(tree, client, surveys, today):
    put(tree.a, YEAR, **answers(20, 29))
    page = client.get(f"/units/{tree.a.code}/indices/?period={YEAR}").content.decode()
    assert "chưa đủ số trả lời" in page and "29 câu trả lời" in page
    assert "/dashboard/" not in page  # no link into the officials' worklists


def test_communes_public_page_shows_the_index_linked_to_its_formula(tree, client, today):
    put(tree.a, YEAR, **answers(26, 31))
    page = client.get(f"/units/{tree.a.code}/").content.decode()
    assert "83,9 %" in page and "31 câu trả lời" in page
    assert f'href="/units/{tree.a.code}/indices/?period={YEAR}#formula-satisfaction"' in page
    IndicatorValue.objects.all().delete()
    cache.clear()
    put(tree.a, YEAR, **answers(29, 29))
    page = client.get(f"/units/{tree.a.code}/").content.decode()
    assert "chưa đủ số trả lời" in page and "29 câu trả lời" in page and "100,0 %" not in page


def test_open_api_lists_the_indices_with_their_formula(tree, client, today):
    put(tree.a, YEAR, **answers(24, 30), dialogues__communes_required=1, dialogues__communes_met=1)
    items = client.get(f"/api/indicators?unit={tree.a.code}&period={YEAR}").json()["items"]
    found = {i["code"]: i for i in items}
    assert found["index.satisfaction"]["value"] == 80.0
    assert found["index.participation"]["value"] == 10.0
    assert "SIPAS" in found["index.satisfaction"]["definition"]
    assert found["index.participation"]["version"] == 1


def test_a_new_formula_version_breaks_the_series(tree, client, official_a, administrator, today):
    new = {**value("index.participation"), "version": 2}
    rule_revise(
        actor=administrator,
        code="index.participation",
        value=new,
        effective_from=dt.date(2026, 1, 1),
    )
    client.force_login(official_a)
    page = client.get(f"/app/units/{tree.a.code}/indices/?period={YEAR}").content.decode()
    assert page.count('class="version-break"') == 1
    assert "index.participation, phiên bản 2" in page


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_1_and_100_communes(
    client, administrator, today, django_assert_num_queries
):
    small, large = province("Một xã"), province("Trăm xã")
    put(commune(small, "Xã 0"), YEAR, **answers(25, 30), disclosures__made=3)
    for i in range(100):
        put(commune(large, f"Xã {i}"), YEAR, **answers(20 + i % 10, 30), disclosures__made=i)
    client.force_login(administrator)
    expected = _count(client, f"/app/units/{small.code}/indices/?period={YEAR}")
    with django_assert_num_queries(expected):
        page = client.get(f"/app/units/{large.code}/indices/?period={YEAR}").content.decode()
    assert page.count('href="/app/units/') >= 100  # every commune in the ranking


def test_dashboard_and_periodic_report_carry_the_indices(tree, client, official_a, today):
    from coso.reports import reporting
    from coso.reports.models import ReportType
    from coso.reports.services import report_draft

    put(tree.a, YEAR, **answers(24, 30), dialogues__communes_required=1)
    client.force_login(official_a)
    page = client.get(f"/app/units/{tree.a.code}/dashboard/?period={YEAR}").content.decode()
    assert f'href="/app/units/{tree.a.code}/indices/?period={YEAR}#participation"' in page
    assert "Chỉ số tham gia của người dân" in page
    kind = ReportType.objects.get(code="tong-ket-nam")
    report = report_draft(actor=official_a, report_type=kind, unit=tree.a, period=YEAR)
    derived = reporting.tables(report)[-1]
    assert [c for c, _label in derived.columns] == ["index.satisfaction", "index.participation"]
    assert "index.participation phiên bản 1" in derived.title
    # 24 of 30 satisfied; dialogues 0 of 1 the only part with a denominator: 0.00.
    assert [str(v) for v in derived.totals] == ["80,0 % (24/30)", "0,00"]
