"""Officials read a unit's ratings, page by page in a fixed number of queries, by page
and API: scores for every role that reads records, comments only for those who may
read personal data; another commune's officials get 404. The ratings roll up as the
unit's indicators, each figure drilling to the ratings it counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.core import indicators
from coso.ratings import seed
from coso.ratings.indicators import compute
from coso.ratings.models import Rating
from coso.ratings.tests.factories import SCORES, done_followup, rate, resolved_petition

pytestmark = pytest.mark.django_db
COMMENT = "Cảm ơn chị Lò Thị Mai ở bộ phận một cửa"


@pytest.fixture
def rated(tree, official_a, official_b):
    """Commune A: a petition rated satisfied with a comment naming someone, a follow-up
    rated unsatisfied; commune B: one petition rated."""
    happy = rate(resolved_petition(official_a, tree.a).tracking_code, comment=COMMENT)
    unhappy = rate(
        done_followup(official_a, tree.a).confirm_code,
        {**SCORES, "overall": 2, "timeliness": 1},
    )
    other = rate(resolved_petition(official_b, tree.b, "Đường ngập").tracking_code)
    return happy, unhappy, other


def _list(client, user, unit, **query):
    client.force_login(user)
    return client.get(reverse("ratings:list", args=[unit.code]), query)


def test_officials_of_the_commune_read_scores_and_comments(client, tree, official_a, rated):
    page = _list(client, official_a, tree.a)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Đèn đường hỏng" in body and "Sửa cầu tràn" in body and COMMENT in body
    assert "Thái độ của cán bộ, công chức: 3" in body
    assert page.context["page"].count == 2
    unhappy = _list(client, official_a, tree.a, satisfied="no").context["page"].items
    assert [r.kind for r in unhappy] == ["followup"]
    late = _list(client, official_a, tree.a, satisfied="no", criterion="timeliness")
    assert [r.kind for r in late.context["page"].items] == ["followup"]
    found = _list(client, official_a, tree.a, q="một cửa").context["page"].items
    assert [r.kind for r in found] == ["petition"]  # the comment is searched
    assert _list(client, official_a, tree.a, kind="petition").context["page"].count == 1


@pytest.mark.parametrize("read_only", ["province_viewer", "central_viewer"], indirect=True)
def test_monitoring_roles_read_scores_never_comments(client, tree, rated, read_only):
    page = _list(client, read_only, tree.a)
    body = page.content.decode()
    assert page.status_code == 200 and "Đèn đường hỏng" in body
    assert "Thái độ của cán bộ, công chức: 3" in body
    assert COMMENT not in body and "Lò Thị Mai" not in body
    # Nor can a search find a rating by its comment.
    assert _list(client, read_only, tree.a, q="một cửa").context["page"].count == 0
    api = client.get("/api/ratings", {"unit": tree.a.code})
    data = api.json()
    assert api.status_code == 200 and not data["comments"]
    assert {item["comment"] for item in data["items"]} == {""}
    assert "Lò Thị Mai" not in api.content.decode("unicode_escape")


def test_the_api_lists_scores_and_comments_for_the_commune(client, tree, official_a, rated):
    client.force_login(official_a)
    data = client.get("/api/ratings", {"unit": tree.a.code, "kind": "petition"}).json()
    assert data["comments"] and data["count"] == 1
    (item,) = data["items"]
    assert item["scores"] == SCORES and item["comment"] == COMMENT
    assert item["satisfied"] and item["rule_version"] == "2023-07-01"
    assert item["unit_code"] == tree.a.code and item["case_id"] == rated[0].petition_id
    bad = client.get("/api/ratings", {"unit": tree.a.code, "satisfied": "maybe"})
    assert bad.status_code == 422


def test_commune_b_gets_404_on_commune_as_ratings(client, tree, official_b, rated):
    assert _list(client, official_b, tree.a).status_code == 404
    assert client.get("/api/ratings", {"unit": tree.a.code}).status_code == 404
    own = client.get("/api/ratings", {"unit": tree.b.code}).json()
    assert [item["title"] for item in own["items"]] == ["Đường ngập"]
    assert "Đèn đường hỏng" not in _list(client, official_b, tree.b).content.decode()


def test_the_list_runs_a_fixed_number_of_queries(
    client, tree, official_a, rated, django_assert_num_queries
):
    client.force_login(official_a)
    url = reverse("ratings:list", args=[tree.a.code])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(8):
        rate(resolved_petition(official_a, tree.a, f"Việc {n}").tracking_code)
    with django_assert_num_queries(len(few)):
        body = client.get(url).content.decode()
    assert body.count("Thời gian giải quyết:") == 10


def test_the_list_pages_by_key(client, tree, official_a, settings):
    settings.PAGE_SIZE = 2
    for n in range(3):
        rate(resolved_petition(official_a, tree.a, f"Việc {n}").tracking_code)
    first = _list(client, official_a, tree.a).context["page"]
    assert len(first.items) == 2 and first.next_after
    second = _list(client, official_a, tree.a, after=first.next_after).context["page"]
    assert [r.title for r in second.items] == ["Việc 0"] and second.next_after is None


def test_ratings_roll_up_per_unit_by_the_day_of_the_rating(tree, official_a, rated):
    today = dt.date.today()
    values = compute([tree.a.pk, tree.b.pk], today, today)
    assert values[tree.a.pk]["ratings.received"] == 2
    assert values[tree.a.pk]["ratings.satisfied"] == 1
    assert values[tree.a.pk]["ratings.satisfied.timeliness"] == 1
    assert values[tree.a.pk]["ratings.satisfied.clarity"] == 2
    assert values[tree.a.pk]["ratings.satisfied.attitude"] == 0
    assert values[tree.b.pk]["ratings.received"] == 1
    yesterday = today - dt.timedelta(days=1)
    assert compute(None, yesterday, yesterday) == {}
    ratio = indicators.ratios()["ratings.share"]
    assert (ratio.numerator, ratio.denominator) == ("ratings.satisfied", "ratings.received")
    codes = set(indicators.indicators())
    assert {"ratings.received", "ratings.satisfied", "ratings.satisfied.overall"} <= codes
    url = indicators.records_url("ratings.satisfied.outcome", tree.a, today, today)
    assert url == (
        f"/app/units/{tree.a.code}/ratings/?from={today}&to={today}&satisfied=yes&criterion=outcome"
    )


def test_the_drill_lists_what_the_figure_counts(client, tree, official_a, rated):
    today = dt.date.today()
    url = indicators.records_url("ratings.satisfied", tree.a, today, today)
    client.force_login(official_a)
    page = client.get(url).context["page"]
    assert [r.kind for r in page.items] == ["petition"]


def test_the_demo_rates_some_resolved_petitions_and_done_follow_ups(tree, official_a):
    for n in range(6):
        resolved_petition(official_a, tree.a, f"Việc {n}")
        done_followup(official_a, tree.a, f"Hứa {n}")
    made = seed.seed_ratings(communes=[tree.a])
    assert 0 < made < 12 and Rating.objects.count() == made
    assert {"petition", "followup"} == set(Rating.objects.values_list("kind", flat=True))
    assert seed.seed_ratings(communes=[tree.a]) == 0  # idempotent: the rest stay unrated
