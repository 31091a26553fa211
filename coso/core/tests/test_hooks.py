"""The hooks a lower app asks and a higher app answers (coso/core/hooks.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from coso.core import hooks
from coso.people import selectors as people
from coso.residents import services as residents


def test_the_apps_answer_what_the_lower_apps_ask():
    assert hooks.ask("units.households_page") is people.households_page
    assert hooks.ask("units.household_figures") is people.household_figures
    assert hooks.ask("households.signed_in") is residents.current


def test_a_question_no_app_answers_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="no installed app answers"):
        hooks.ask("nobody.answers.this")


def test_a_question_answered_twice_is_a_configuration_error():
    assert hooks.ask("households.signed_in") is residents.current  # the apps have answered
    with pytest.raises(ImproperlyConfigured, match="two apps answer"):
        hooks.provide("households.signed_in", lambda session: None)
    assert hooks.ask("households.signed_in") is residents.current
