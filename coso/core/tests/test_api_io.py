"""The API's list and write helpers: filters and payloads travel to the selector or the
data class by name, and nothing else travels."""

import dataclasses

import pytest
from ninja import Schema

from coso.core.api_io import data_from, page_answer, page_of
from coso.core.pagination import Page


class Filter(Schema):
    unit: str
    which: str = "open"
    q: str = ""
    after: str = ""
    limit: int = 50


def test_a_page_is_asked_with_the_filters_by_name_and_the_unit_given():
    asked = {}

    def select(*, user, unit, which, query, after, size):  # type: ignore[no-untyped-def]
        asked.update(user=user, unit=unit, which=which, query=query, after=after, size=size)
        return Page(["a", "b"], "2026-11-25_7")

    filters = Filter(unit="00004", which="overdue", q="đường", after="k", limit=2)
    answer = page_of(select, filters, user="u", unit="the unit, authorised")
    assert answer == {"items": ["a", "b"], "next_after": "2026-11-25_7"}
    # The unit's code never reaches the selector: only the unit already fetched.
    assert asked == {
        "user": "u",
        "unit": "the unit, authorised",
        "which": "overdue",
        "query": "đường",
        "after": "k",
        "size": 2,
    }


def test_a_filter_the_selector_does_not_take_fails_loudly():
    def select(*, unit, after, size):  # type: ignore[no-untyped-def]
        return [], None

    with pytest.raises(TypeError):
        page_of(select, Filter(unit="x"), unit="u")


def test_a_page_as_a_pair_is_answered_alike():
    assert page_answer((["a"], None)) == {"items": ["a"], "next_after": None}


@dataclasses.dataclass
class Data:
    title: str
    body: str = ""
    files: tuple[str, ...] = ()
    unit: object = None


class DataIn(Schema):
    unit: str  # a code the operation turns into the unit
    title: str
    body: str = ""
    extra: str = ""


def test_a_data_class_is_filled_by_name_and_given_wins():
    payload = DataIn(unit="00004", title="t", body="b", extra="not a field of Data")
    assert data_from(payload, Data, unit="the unit") == Data("t", "b", (), "the unit")
    # A field the payload does not have keeps its default.
    assert data_from(DataIn(unit="x", title="t"), Data).files == ()
