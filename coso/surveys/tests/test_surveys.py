"""Surveys: the acceptance run (16 households drawn in each of 5 villages, the same seed
redraws them, one answer per household by every channel, paper and online counted
alike), the pages and API with their 404 for another commune, and the figures."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from coso.core.audit import AuditEntry
from coso.core.errors import DomainError
from coso.residents import services as residents
from coso.surveys import indicators, selectors, services
from coso.surveys.models import Channel, ElementResult, Invited, Participation
from coso.surveys.questions import draw
from coso.surveys.tests.factories import answers, make_survey, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(tree):
    return place(tree.province, villages=5, households=30, name="Xã Năm Bản")


@pytest.fixture
def sampled(five):
    survey = make_survey(five.official, five.commune, plan="sample", per_village=16)
    services.survey_draw(actor=five.official, survey=survey, seed=424242)
    return survey


def test_the_same_seed_redraws_the_same_households(five, sampled):
    drawn = set(Invited.objects.filter(survey=sampled).values_list("household_id", flat=True))
    assert len(drawn) == 80
    frames = selectors.frames(survey=sampled)
    assert [(f.size, f.drawn) for f in frames] == [(30, 16)] * 5
    by_village = [
        (v.pk, sorted(h.pk for h in five.households if h.village_id == v.pk))
        for v in sorted(five.villages, key=lambda v: v.pk)
    ]
    again = draw(424242, by_village, 16)
    assert {h for ids in again.values() for h in ids} == drawn
    other = make_survey(five.official, five.commune, plan="sample", per_village=16)
    services.survey_draw(actor=five.official, survey=other, seed=424242)
    assert set(Invited.objects.filter(survey=other).values_list("household_id", flat=True)) == drawn
    assert {h for ids in draw(7, by_village, 16).values() for h in ids} != drawn
    with pytest.raises(DomainError, match="đã rút mẫu"):
        services.survey_draw(actor=five.official, survey=sampled, seed=1)


def _three(five, sampled):
    invited = list(Invited.objects.filter(survey=sampled).select_related("household")[:3])
    online, link, paper = invited
    residents_login = residents.issue_codes(
        actor=five.official, village=online.household.village, households=[online.household]
    )[0]
    return online, link, paper, residents_login


def test_one_answer_per_household_by_every_channel(five, sampled):
    online, link, paper, login = _three(five, sampled)
    browser = Client()
    browser.post(reverse("residents:sign_in"), {"login": login["login"], "secret": login["code"]})
    url = reverse("surveys:answer", args=[sampled.pk])
    assert browser.post(url, answers("5")).status_code == 302
    again = browser.post(url, answers("1"))
    assert again.status_code == 400 and "Hộ đã trả lời cuộc khảo sát này." in again.content.decode()
    link_url = reverse("surveys:by_link", args=[link.token])
    assert Client().post(link_url, answers("4")).status_code == 302
    used = Client().post(link_url, answers("4"))
    assert used.status_code == 404 and "đã được dùng" in used.content.decode()
    code = paper.household.code
    services.answer_key_in(
        actor=five.official, survey=sampled, household_code=code, answers=answers("2")
    )
    for household in (paper, online, link):  # any channel after any other
        with pytest.raises(DomainError, match="Hộ đã trả lời"):
            services.answer_key_in(
                actor=five.official,
                survey=sampled,
                household_code=household.household.code,
                answers=answers("3"),
            )
    with pytest.raises(DomainError, match="đã được dùng"):
        services.answer_by_token(token=paper.token, answers=answers("3"))
    assert Participation.objects.filter(survey=sampled).count() == 3


def test_the_database_refuses_a_second_participation(five, sampled):
    online, *_ = _three(five, sampled)
    Participation.objects.create(survey=sampled, household=online.household, channel=Channel.LINK)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(
            survey=sampled, household=online.household, channel=Channel.PAPER
        )


def test_keyed_in_and_online_answers_count_alike(five, sampled):
    invited = list(Invited.objects.filter(survey=sampled).select_related("household")[:4])
    for n, row in enumerate(invited):
        form = answers("5" if n < 2 else "2", comment="Cán bộ Nguyễn Văn A rất tận tình")
        if n % 2:
            services.answer_by_token(token=row.token, answers=form)
        else:
            services.answer_key_in(
                actor=five.official, survey=sampled, household_code=row.household.code, answers=form
            )
    closed = services.survey_close(actor=five.official, survey=sampled)
    assert closed.respondents == 4 and closed.closed_on == dt.date.today()
    overall = ElementResult.objects.get(survey=sampled, element="overall")
    assert (overall.answered, overall.satisfied) == (4, 2)  # one paper + one online each
    start, end = dt.date(2000, 1, 1), dt.date(2100, 1, 1)
    values = indicators.compute([five.commune.pk], start, end)[five.commune.pk]
    assert values["surveys.respondents"] == 4
    assert values["surveys.answered.overall"] == 4 and values["surveys.satisfied.overall"] == 2
    assert values["surveys.satisfied.access"] == 4
    assert AuditEntry.objects.filter(model="surveys.survey", object_pk=str(sampled.pk)).count() == 3
    runs = selectors.public_runs(five.commune)
    assert (
        runs[0]["sample"] == 80
        and runs[0]["answers"] == 4
        and runs[0]["questionnaire_version"] == 1
    )


def test_a_condition_drops_answers_not_asked_and_a_bad_value_is_refused(five, sampled):
    row = Invited.objects.filter(survey=sampled).select_related("household").first()
    with pytest.raises(DomainError, match="Câu trả lời không hợp lệ."):
        services.answer_by_token(token=row.token, answers={"used": "yes", "overall": "9"})
    with pytest.raises(DomainError, match="Cần trả lời ít nhất một câu hỏi."):
        services.answer_by_token(token=row.token, answers={"used": "", "comment": "x"})
    services.answer_by_token(token=row.token, answers={"used": "no", "overall": "5"})
    services.survey_close(actor=five.official, survey=sampled)
    assert not ElementResult.objects.filter(survey=sampled, answered__gt=0).exists()


def test_the_worker_closes_surveys_past_their_last_day(five):
    import io

    from django.core.management import call_command

    survey = make_survey(
        five.official, five.commune, closes_on=dt.date.today() - dt.timedelta(days=1)
    )
    services.survey_draw(actor=five.official, survey=survey)
    out = io.StringIO()
    call_command("surveys", "close-due", stdout=out)
    assert "Đã kết thúc 1" in out.getvalue()
    survey.refresh_from_db()
    assert survey.status == "closed" and survey.respondents == 0


def test_the_demo_seed_leaves_a_closed_sample_survey(five):
    from coso.surveys.seed import seed_survey

    assert seed_survey(commune=five.commune, actor=five.official) == 80
    run = selectors.public_runs(five.commune)[0]
    assert run["status"] == "closed" and run["respondents"] == run["answers"] == 53
    assert seed_survey(commune=five.commune, actor=five.official) == 0
