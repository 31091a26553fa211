"""The concerns view: its counts equal hand-written SQL over the raw records of every
channel; it and its drill-down run a fixed number of queries whatever the nation's size;
scoping (another commune's official gets 404) and secrecy (monitoring roles see counts
and topics, never a name or a text; nobody sees a denunciation's text here)."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from coso.concerns import ranking
from coso.concerns.models import Channel
from coso.concerns.tests.factories import TEXT, raised
from coso.core import indicators
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, village

DAY = dt.date(2026, 5, 12)
BEFORE = dt.date(2025, 9, 3)
NAME = "Nguyễn Thị Gửi"


@pytest.fixture
def now(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC), tick=False)


def refresh(period: str = "2026") -> None:
    for code in (period, "2025"):
        call_command("indicators", "refresh", "--period", code, stdout=io.StringIO())


@pytest.fixture
def raised_everywhere(now, tree):
    """Records of every channel in communes A and B: one household of A raising land
    compensation through a petition and a consultation opinion (counted once), land
    subtopics, records with no known household, a record of last year."""
    home = make_household(tree.village_a, "A-9")
    other = make_household(tree.village_b, "B-9")
    a, b, va = tree.a, tree.b, tree.village_a
    raised(Channel.PETITION, a, DAY, ["land.compensation"], household=home, village=va)
    raised(Channel.OPINION, a, DAY, ["land.compensation"], household=home, confirmed=True)
    raised(Channel.QUESTION, a, DAY, ["land", "roads.damaged"])
    raised(Channel.INSPECTION, a, DAY, ["roads.damaged"])
    raised(Channel.SURVEY, a, DAY, ["environment.waste"])
    raised(Channel.PETITION, b, DAY, ["land.compensation"], household=other)
    raised(Channel.SURVEY, b, DAY, ["land"])
    raised(Channel.PETITION, a, BEFORE, ["land.compensation"], household=home)
    refresh()
    return SimpleNamespace(home=home)


def _channel_records(vendor: str) -> str:
    """The concerns of records that exist in their channel's own table (a survey's
    answer has a UUID key, stored without dashes by SQLite)."""
    cast = "CAST(r.id AS VARCHAR(40))"
    uuid = "REPLACE(c.record_id, '-', '') = r.id" if vendor == "sqlite" else f"c.record_id = {cast}"
    tables = {
        "petitions.petition": "petitions_petition",
        "dialogues.item": "dialogues_item",
        "consultations.opinion": "consultations_opinion",
        "oversight.request": "oversight_request",
    }
    parts = [
        f"SELECT c.id FROM concerns_concern c JOIN {table} r "
        f"ON c.record_type = '{label}' AND c.record_id = {cast}"
        for label, table in tables.items()
    ]
    parts.append(
        "SELECT c.id FROM concerns_concern c JOIN surveys_answer r "
        f"ON c.record_type = 'surveys.answer' AND {uuid}"
    )
    return " UNION ALL ".join(parts)


def hand_written(path: str, start: dt.date, end: dt.date, column: str) -> dict[str, tuple]:
    """(households, records) by topic (`column`: top_id for first-level topics with their
    subtopics, topic_id for subtopics) under the units of `path`, in plain SQL."""
    sql = f"""
        WITH raw AS ({_channel_records(connection.vendor)})
        SELECT t.code,
               COUNT(DISTINCT ct.household_id)
                 + COUNT(DISTINCT CASE WHEN ct.household_id IS NULL THEN ct.concern_id END),
               COUNT(DISTINCT ct.concern_id)
        FROM concerns_concerntopic ct
        JOIN raw ON raw.id = ct.concern_id
        JOIN concerns_topic t ON t.id = ct.{column}
        JOIN units_unit u ON u.id = ct.commune_id
        WHERE ct.raised_on BETWEEN %s AND %s AND u.path LIKE %s
          AND (%s = 'top_id' OR t.parent_id IS NOT NULL)
        GROUP BY t.code
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end, path + "%", column])
        return {code: (h, r) for code, h, r in cursor.fetchall()}


def shown(rows: list[ranking.Ranked]) -> tuple[dict[str, tuple], dict[str, tuple]]:
    tops = {r.topic.code: (r.count.households, r.count.records) for r in rows}
    subs = {s.topic.code: (s.count.households, s.count.records) for r in rows for s in r.children}
    return tops, subs


@pytest.mark.parametrize("where", ["province", "a", "b"])
def test_the_view_counts_what_hand_written_sql_counts(
    raised_everywhere, tree, client, province_viewer, where
):
    unit = getattr(tree, where)
    client.force_login(province_viewer)
    page = client.get(reverse("concerns:unit_view", args=[unit.code]), {"period": "2026"})
    assert page.status_code == 200
    tops, subs = shown(page.context["rows"])
    assert tops and subs  # something to compare
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    assert tops == hand_written(unit.path, start, end, "top_id")
    assert subs == hand_written(unit.path, start, end, "topic_id")
    before = {r.topic.code: r.count.households_before for r in page.context["rows"]}
    last_year = hand_written(unit.path, dt.date(2025, 1, 1), dt.date(2025, 12, 31), "top_id")
    assert {c: before[c] for c in last_year} == {c: h for c, (h, _r) in last_year.items()}


def test_one_household_through_two_channels_counts_once(raised_everywhere, tree):
    from coso.reports import period_parse

    total, rows = ranking.ranked(unit=tree.a, period=period_parse("2026"))
    land = next(r for r in rows if r.topic.code == "land")
    # The household's petition and opinion (one), and the question with no household.
    assert (land.count.households, land.count.records) == (2, 3)
    assert land.count.households_before == 1
    assert total.records == 5
    assert [r.topic.code for r in rows][0] == "land"  # ranked by households


def test_the_topic_codes_join_the_indicator_catalogue(db):
    indicators.families_changed()
    found = indicators.indicator("concerns.households.land.compensation")
    assert found is not None and "Bồi thường" in str(found.label)
    assert indicators.indicator("concerns.records.democracy") is not None


def test_a_communes_figure_drills_to_its_records(tree):
    url = indicators.records_url("concerns.records.land", tree.a, DAY, DAY)
    assert url == reverse("concerns:records", args=[tree.a.code, "land"])


def _many_communes(tree, count: int) -> None:
    for n in range(count):
        place = commune(tree.province, f"Xã Số {n}")
        home = make_household(village(place, f"Thôn {n}"), f"M-{n}")
        raised(Channel.INSPECTION, place, DAY, ["roads.damaged", "land"], household=home)
        raised(Channel.QUESTION, place, DAY, ["environment.waste"])


def _pages(tree) -> list[str]:
    p = tree.province.code
    return [
        reverse("concerns:national_view"),
        reverse("concerns:unit_view", args=[p]),
        reverse("concerns:unit_view", args=[tree.a.code]),
        reverse("concerns:topic", args=[p, "land"]),
        reverse("concerns:national_topic", args=["land"]),
    ]


def _queries(client, url: str) -> int:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        assert client.get(url, {"period": "2026"}).status_code == 200
    return len(seen)


def test_the_view_runs_a_fixed_number_of_queries(
    now, tree, client, central_viewer, django_assert_num_queries
):
    client.force_login(central_viewer)
    _many_communes(tree, 1)
    refresh()
    client.get(_pages(tree)[0])  # the process reads the topic catalogue once
    few = {url: _queries(client, url) for url in _pages(tree)}
    assert max(few.values()) <= 12, few
    _many_communes(tree, 40)
    refresh()
    for url, count in few.items():
        with django_assert_num_queries(count):
            client.get(url, {"period": "2026"})


def test_the_records_list_runs_a_fixed_number_of_queries(
    now, tree, client, official_a, django_assert_num_queries
):
    client.force_login(official_a)
    url = reverse("concerns:records", args=[tree.a.code, "land"])
    raised(Channel.PETITION, tree.a, DAY, ["land.compensation"])
    raised(Channel.QUESTION, tree.a, DAY, ["land"], village=tree.village_a)
    few = _queries(client, url)
    assert few <= 12, few
    for n in range(60):
        channel = Channel.PETITION if n % 2 else Channel.QUESTION
        raised(channel, tree.a, DAY - dt.timedelta(days=n), ["land"], village=tree.village_a)
    with django_assert_num_queries(few):
        page = client.get(url, {"period": "2026"})
    assert len(page.context["lines"]) == 50 and page.context["next_after"]
    second = client.get(url, {"period": "2026", "after": page.context["next_after"]})
    assert len(second.context["lines"]) == 12 and second.context["next_after"] is None


def test_another_communes_official_gets_404(raised_everywhere, tree, client, official_b):
    client.force_login(official_b)
    for name, args in [
        ("concerns:records", [tree.a.code, "land"]),
        ("concerns:unit_view", [tree.a.code]),
        ("concerns:topic", [tree.a.code, "land"]),
        ("concerns:unit_view", [tree.province.code]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.get(reverse("concerns:national_view")).status_code == 404
    mine = client.get(reverse("concerns:records", args=[tree.b.code, "land"]))
    assert mine.status_code == 200 and len(mine.context["lines"]) == 2


def test_monitoring_roles_see_counts_and_topics_never_a_name_or_text(
    raised_everywhere, tree, client, province_viewer
):
    client.force_login(province_viewer)
    where = client.get(reverse("concerns:topic", args=[tree.province.code, "land"]))
    body = where.content.decode()
    assert tree.a.name in body and "<svg" in body and 'id="where"' in body
    listed = client.get(reverse("concerns:records", args=[tree.a.code, "land"]))
    body = listed.content.decode()
    assert listed.status_code == 200 and len(listed.context["lines"]) == 3
    assert "Bồi thường" in body  # the topics
    assert TEXT not in body and NAME not in body and "Lò Văn Pọm" not in body
    assert all(line.excerpt is None for line in listed.context["lines"])


def test_officials_read_the_texts_but_never_a_denunciations(now, tree, client, official_a):
    raised(Channel.PETITION, tree.a, DAY, ["land"], text="Đường vào bản sạt lở")
    raised(Channel.PETITION, tree.a, DAY, ["land"], kind="denunciation", text="Tố cáo cán bộ X")
    raised(Channel.QUESTION, tree.a, DAY, ["land"], text="Hỏi về đất rừng")
    client.force_login(official_a)
    page = client.get(reverse("concerns:records", args=[tree.a.code, "land"]))
    body = page.content.decode()
    assert "Đường vào bản sạt lở" in body and "Hỏi về đất rừng" in body
    assert "Tố cáo cán bộ X" not in body and NAME not in body
    assert "Lò Văn Pọm" not in body  # the asker at the dialogue


def test_the_open_api_gives_counts_by_topic(raised_everywhere, tree, client):
    answer = client.get("/api/concerns/figures", {"unit": tree.a.code, "period": "2026"})
    assert answer.status_code == 200
    data = answer.json()
    land = next(i for i in data["items"] if i["topic"] == "land")
    assert (land["households"], land["records"], land["households_before"]) == (2, 3, 1)
    assert data["records"] == 5 and TEXT not in answer.content.decode()
    nation = client.get("/api/concerns/figures", {"period": "2026"}).json()
    assert nation["unit"] is None and nation["households"] >= 4
    assert client.get("/api/concerns/figures", {"period": "20x6"}).status_code == 400
