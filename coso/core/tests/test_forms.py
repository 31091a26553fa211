"""A time of day is read on a 24-hour clock as people write it, whatever the browser's
language (issue 23): the box is plain text showing HH:MM, never the browser's own time
box that shows AM/PM to a phone set to English."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from coso.core.forms import ClockTimeField, TimeInput


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("7:30", dt.time(7, 30)),
        ("07:30", dt.time(7, 30)),
        ("7h30", dt.time(7, 30)),
        ("7H30", dt.time(7, 30)),
        ("7g30", dt.time(7, 30)),
        ("7.30", dt.time(7, 30)),
        ("7h", dt.time(7, 0)),
        (" 19:05 ", dt.time(19, 5)),
        ("1905", dt.time(19, 5)),
        ("0:00", dt.time(0, 0)),
        ("23:59", dt.time(23, 59)),
        ("19:05:00", dt.time(19, 5)),
    ],
)
def test_a_time_is_read_as_people_write_it(typed, read):
    assert ClockTimeField().clean(typed) == read


@pytest.mark.parametrize(
    "typed", ["24:00", "7:60", "7:5", "7", "730", "7:30 PM", "7:30 SA", "bảy giờ", "19-05", "7hh30"]
)
def test_a_time_that_is_not_one_is_refused_in_vietnamese(typed):
    with translation.override("vi"), pytest.raises(forms.ValidationError) as error:
        ClockTimeField().clean(typed)
    assert error.value.messages == [
        "Nhập giờ theo dạng giờ:phút trên đồng hồ 24 giờ, ví dụ 07:30 hoặc 19:05."
    ]


def test_an_empty_time_is_none_when_optional():
    assert ClockTimeField(required=False).clean("") is None


def test_the_box_shows_hours_and_minutes_on_a_24_hour_clock():
    class Form(forms.Form):
        at = ClockTimeField(label="Giờ")

    with translation.override("vi"):
        html = str(Form(initial={"at": dt.time(19, 5, 42)})["at"])
    assert 'type="text"' in html and 'value="19:05"' in html
    assert 'inputmode="numeric"' in html and 'placeholder="giờ:phút"' in html
    assert isinstance(Form.base_fields["at"].widget, TimeInput)
    assert Form.base_fields["at"].help_text == "Giờ:phút, ví dụ 07:30"
