"""An anonymous survey attacked as someone holding the whole database would attack it
(the standard of coso/decisions/tests/test_secrecy.py, whose attack is reused here).

48 households answer — 16 signed in through the household pages, 16 by their one-time
link, 16 on paper keyed in by an official — one at a time, in an order the test knows.
Each answers the overall question 1, 2, 4 or 5 (12 each: guessing gets 12 right; the
attack tries a thousand-odd pairings, so its best by luck alone lies well above 12, and
the bound is half, as for ballots). The
attacker lines up every table naming a household against every table holding an answer
by each column, by SQLite's rowid or PostgreSQL's ctid and xmin, and joins them on every
equal value. Anonymous: no better than chance. The same attack must find every answer
when the answers keep the household (a non-anonymous questionnaire), and when a broken
build writes an anonymous survey's answers in plaintext in the answering transaction."""

import random
import uuid
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from coso.decisions.tests.test_secrecy import _table_rows, _with_references, attack
from coso.residents import services as residents
from coso.surveys import services
from coso.surveys.models import (
    Answer,
    Channel,
    Invited,
    Participation,
    Questionnaire,
    Response,
    Survey,
)
from coso.surveys.tests.factories import answers, make_survey, place
from coso.units.tests.factories import province

KEY = "overall"
VALUES = ("1", "2", "4", "5")
HOUSEHOLDS = 48
GUESSING = HOUSEHOLDS // len(VALUES)
LEARNED = HOUSEHOLDS // 2


def _sides(survey: Survey) -> tuple[list[list[dict]], list[list[dict]]]:
    """Tables naming the survey's households; tables holding its answers to KEY, each
    row carrying the answer as `option_id` (the name the reused attack reads)."""
    households = set(
        Participation.objects.filter(survey=survey).values_list("household_id", flat=True)
    )
    values = dict(
        Answer.objects.filter(response__survey=survey, key=KEY).values_list("response_id", "value")
    )
    people, choices = [], []
    for table in connection.introspection.table_names():
        rows = _table_rows(table)
        if not rows:
            continue
        if "household_id" in rows[0]:
            mine = [r for r in rows if r["household_id"] in households]
            if "survey_id" in rows[0]:
                mine = [r for r in mine if r["survey_id"] == survey.pk]
            people.append(mine)
        if table == Answer._meta.db_table:
            found = [dict(r, option_id=r["value"]) for r in rows if r["key"] == KEY]
            choices.append(_with_references(table, found))
        if table == Response._meta.db_table:
            found = [
                dict(r, option_id=values[_uuid(r["id"])])
                for r in rows
                if r["survey_id"] == survey.pk
            ]
            choices.append(found)
    return people, choices


def _uuid(value: Any) -> uuid.UUID:
    """A UUID column as Django reads it (SQLite stores it as 32 hex digits)."""
    return uuid.UUID(str(value))


def best_attack(survey: Survey, truth: dict[int, str]) -> int:
    return attack(*_sides(survey), truth)


def _signed_in(login: dict[str, str]) -> Client:
    browser = Client()
    response = browser.post(
        reverse("residents:sign_in"), {"login": login["login"], "secret": login["code"]}
    )
    assert response.status_code == 302, response.content.decode()
    return browser


def _answer_round(anonymous: bool = True) -> tuple[Survey, dict[int, str]]:
    """48 households of three villages answer through the three channels in a shuffled
    order the test remembers; the survey is then closed."""
    where = place(province("Lai Châu"), villages=3, households=HOUSEHOLDS // 3)
    if not anonymous:
        Questionnaire.objects.filter(code="sipas").update(anonymous=False)
    survey = make_survey(where.official, where.commune)
    services.survey_draw(actor=where.official, survey=survey)
    logins = {}
    for village in where.villages:
        for row in residents.issue_codes(actor=where.official, village=village):
            logins[row["household"]] = row
    rng = random.Random(20261125)
    chosen = [v for v in VALUES for _ in range(GUESSING)]
    rng.shuffle(chosen)
    invited = list(Invited.objects.filter(survey=survey).select_related("household"))
    rng.shuffle(invited)
    truth = {}
    for n, (row, value) in enumerate(zip(invited, chosen, strict=True)):
        truth[row.household_id] = value
        form = answers(value, satisfied=rng.choice(["2", "4", "5"]))
        _answer_by(n % 3, row, survey, form, logins, where.official)
    counted = dict(
        Participation.objects.filter(survey=survey).values_list("channel").annotate(n=Count("id"))
    )
    assert counted == {Channel.SIGNED_IN: 16, Channel.LINK: 16, Channel.PAPER: 16}
    services.survey_close(actor=where.official, survey=survey)
    return survey, truth


def _answer_by(
    channel: int, row: Invited, survey: Survey, form: dict, logins: dict, official: Any
) -> None:
    if channel == 0:
        browser = _signed_in(logins[row.household.code])
        response = browser.post(reverse("surveys:answer", args=[survey.pk]), form)
        assert response.status_code == 302, response.content.decode()[:2000]
    elif channel == 1:
        response = Client().post(reverse("surveys:by_link", args=[row.token]), form)
        assert response.status_code == 302, response.content.decode()[:2000]
    else:
        services.answer_key_in(
            actor=official, survey=survey, household_code=row.household.code, answers=form
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_links_an_anonymous_answer_to_its_household(settings):
    settings.COSO_RATE_LIMITS = {k: "100000/m" for k in settings.COSO_RATE_LIMITS}
    survey, truth = _answer_round()
    assert survey.respondents == HOUSEHOLDS and not survey.envelopes.exists()
    recovered = best_attack(survey, truth)
    print(f"anonymous survey: the best attack recovered {recovered} of {HOUSEHOLDS}")
    assert recovered <= LEARNED, f"an attack recovered {recovered} of {HOUSEHOLDS} answers"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_attack_finds_the_link_when_answers_keep_the_household(settings):
    settings.COSO_RATE_LIMITS = {k: "100000/m" for k in settings.COSO_RATE_LIMITS}
    survey, truth = _answer_round(anonymous=False)
    recovered = best_attack(survey, truth)
    print(f"non-anonymous survey: the attack recovered {recovered} of {HOUSEHOLDS}")
    assert recovered == HOUSEHOLDS


class _Plaintext:
    """A broken build: an anonymous survey's answers written in plaintext (without the
    household) in the answering transaction, instead of a sealed envelope."""

    class objects:  # noqa: N801 - stands in for the model manager
        @staticmethod
        def create(*, survey: Survey, sealed: bytes) -> None:
            from coso.surveys import sealing

            services._write_answers(survey, None, sealing.open_sealed(survey.pk, sealed))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_attack_finds_plaintext_written_while_answering(settings, monkeypatch):
    settings.COSO_RATE_LIMITS = {k: "100000/m" for k in settings.COSO_RATE_LIMITS}
    monkeypatch.setattr(services, "Envelope", _Plaintext)
    survey, truth = _answer_round()
    recovered = best_attack(survey, truth)
    print(f"plaintext while answering: the attack recovered {recovered} of {HOUSEHOLDS}")
    assert recovered > LEARNED
