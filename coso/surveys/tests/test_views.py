"""Survey pages and API: each one's happy path, a refusal with its Vietnamese message,
404 for another commune (page and API), comments only under personal.read, and the
list in a fixed number of queries."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coso.core.audit import AuditEntry
from coso.people.tests.factories import make_household
from coso.surveys import services
from coso.surveys.models import Invited, Participation, Survey
from coso.surveys.tests.factories import answers, make_survey, questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(tree, official_a):
    for n in range(3):
        make_household(tree.village_a, f"A-{n + 10}")
    found = make_survey(official_a, tree.a)
    services.survey_draw(actor=official_a, survey=found)
    return found


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_create_draw_key_in_and_close_through_the_pages(tree, official_a):
    for n in range(3):
        make_household(tree.village_a, f"A-{n + 10}")
    browser = _client(official_a)
    today = timezone.localdate().isoformat()
    form = {
        "questionnaire": questionnaire().pk,
        "title": "Khảo sát 2026",
        "period": "2026",
        "opens_on": today,
        "closes_on": today,
        "plan": "sample",
        "per_village": "",
    }
    refused = browser.post(reverse("surveys:new", args=[tree.a.code]), form)
    assert refused.status_code == 400
    assert "Cần ghi số hộ được chọn ở mỗi thôn." in refused.content.decode()
    made = browser.post(reverse("surveys:new", args=[tree.a.code]), form | {"per_village": 2})
    survey = Survey.objects.get()
    assert made.status_code == 302 and AuditEntry.objects.filter(model="surveys.survey").exists()
    assert browser.post(reverse("surveys:draw", args=[survey.pk]), {"seed": 5}).status_code == 302
    assert Invited.objects.filter(survey=survey).count() == 2
    links = browser.get(reverse("surveys:links", args=[survey.pk]) + "?format=csv")
    assert links.status_code == 200 and "/s/" in links.content.decode()
    code = Invited.objects.filter(survey=survey).first().household.code
    keyed = browser.post(
        reverse("surveys:key_in", args=[survey.pk]), {"household": code, **answers("5")}
    )
    assert keyed.status_code == 302
    assert Participation.objects.get(survey=survey).channel == "paper"
    assert browser.post(reverse("surveys:close", args=[survey.pk])).status_code == 302
    page = browser.get(reverse("surveys:detail", args=[survey.pk]))
    assert page.status_code == 200 and 'id="results"' in page.content.decode()
    listed = browser.get(reverse("surveys:list", args=[tree.a.code]) + "?q=2026")
    assert "Khảo sát 2026" in listed.content.decode()


def test_commune_b_gets_404_on_commune_a_pages_and_api(survey, official_b):
    browser = _client(official_b)
    for name in ("detail", "links", "key_in"):
        assert browser.get(reverse(f"surveys:{name}", args=[survey.pk])).status_code == 404
    assert browser.post(reverse("surveys:close", args=[survey.pk])).status_code == 404
    assert browser.get(reverse("surveys:list", args=[survey.unit.code])).status_code == 404
    assert browser.get(f"/api/surveys/{survey.pk}").status_code == 404
    assert browser.get(f"/api/surveys?unit={survey.unit.code}").status_code == 404


def test_comments_only_for_personal_read(survey, official_a, province_viewer):
    row = Invited.objects.filter(survey=survey).first()
    services.answer_by_token(
        token=row.token, answers=answers("5", comment="Ông Lò Văn Tú tận tình")
    )
    services.survey_close(actor=official_a, survey=survey)
    mine = _client(official_a).get(f"/api/surveys/{survey.pk}").json()
    assert mine["comments"] == ["Ông Lò Văn Tú tận tình"] and mine["elements"]
    theirs = _client(province_viewer).get(f"/api/surveys/{survey.pk}").json()
    assert theirs["comments"] is None and theirs["elements"] == mine["elements"]
    page = _client(province_viewer).get(reverse("surveys:detail", args=[survey.pk]))
    assert "Lò Văn Tú" not in page.content.decode()
    assert (
        "Lò Văn Tú"
        in _client(official_a).get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    )


def test_anonymous_results_wait_for_the_close(survey, official_a):
    row = Invited.objects.filter(survey=survey).first()
    services.answer_by_token(token=row.token, answers=answers("5"))
    page = _client(official_a).get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert 'id="pending"' in page and 'id="results"' not in page
    assert survey.envelopes.count() == 1 and not survey.responses.exists()


def test_a_household_not_asked_gets_404_and_the_thanks_page_shows(survey, tree):
    assert Client().get(reverse("surveys:answer", args=[survey.pk])).status_code == 302
    assert Client().get(reverse("surveys:by_link", args=["NOPE"])).status_code == 404
    assert Client().get(reverse("surveys:thanks")).status_code == 200


def test_the_list_runs_a_fixed_number_of_queries(tree, official_a, django_assert_max_num_queries):
    make_household(tree.village_a, "A-99")
    for n in range(3):
        make_survey(official_a, tree.a, title=f"Khảo sát {n}")
    browser = _client(official_a)
    url = reverse("surveys:list", args=[tree.a.code])
    browser.get(url)
    with django_assert_max_num_queries(12) as few:
        browser.get(url)
    for n in range(10):
        make_survey(official_a, tree.a, title=f"Khảo sát thêm {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        browser.get(url)


def test_the_commune_public_page_lists_its_runs_with_their_sample(survey, tree):
    page = Client().get(reverse("portal:unit", args=[tree.a.code])).content.decode()
    runs = page[page.index('id="survey-runs"') :]
    assert survey.title in runs
    assert "3 hộ được mời" in runs and "0 hộ đã trả lời" in runs
    formula = reverse("reports:public_indices", args=[tree.a.code]) + "#formula-satisfaction"
    assert formula in runs
