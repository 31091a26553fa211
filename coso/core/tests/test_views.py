"""The two ways a view shows a service's refusal (coso/core/views.py): on the form, next
to the field it names, or as a message; never a write run on input the form refused."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

from coso.core.errors import DomainError
from coso.core.views import Done, attempt, attempt_form, pick


class NoteForm(forms.Form):
    title = forms.CharField()
    documents = forms.CharField(required=False)


def refuse(field: str | None):
    def action(_data):
        raise DomainError("Không được.", field=field)

    return action


def test_an_unbound_or_invalid_form_runs_nothing():
    ran = []
    for form in (NoteForm(None), NoteForm({"title": ""})):
        assert attempt_form(form, ran.append) is None
    assert ran == []


def test_a_write_that_went_through_is_truthy_even_when_it_returns_nothing():
    form = NoteForm({"title": "Họp thôn"})
    done = attempt_form(form, lambda d: None)
    assert done == Done(None) and done
    assert not form.errors


@pytest.mark.parametrize(
    ("field", "aliases", "shown_on"),
    [
        ("title", None, "title"),
        ("files", {"files": "documents"}, "documents"),  # the form's own name
        ("unit", None, "__all__"),  # no such input: the whole form
        (None, None, "__all__"),
    ],
)
def test_a_refusal_goes_on_the_field_it_names(field, aliases, shown_on):
    form = NoteForm({"title": "Họp thôn"})
    assert attempt_form(form, refuse(field), aliases=aliases) is None
    assert form.errors == {shown_on: ["Không được."]}


def _request():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    return request


def test_a_buttons_refusal_becomes_an_error_message():
    request = _request()
    assert attempt(request, lambda: refuse(None)(None)) is None
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [("error", "Không được.")]


def test_a_buttons_write_returns_what_the_service_returned_and_says_nothing():
    request = _request()
    assert attempt(request, lambda: 3) == Done(3)
    assert list(get_messages(request)) == []


def test_pick_fails_loudly_on_a_name_the_form_does_not_have():
    data = {"text": "a", "topic": "b", "other": "c"}
    assert pick(data, "text topic") == {"text": "a", "topic": "b"}
    with pytest.raises(KeyError):
        pick(data, "text answer")
