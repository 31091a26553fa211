"""An SMS's length as the network counts it: 160/153 characters a segment in the 7-bit
alphabet, 70/67 in UCS-2 (any Vietnamese diacritic); beyond the limit, cut with "…"."""

import pytest

from coso.notices import services, sms
from coso.notices.segments import fit, is_gsm, segments

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("[" * 80, 1),  # an extension character counts twice
        ("[" * 81, 2),
        ("ễ" * 70, 1),
        ("ễ" * 71, 2),
        ("ễ" * 134, 2),
        ("ễ" * 135, 3),
        ("a" * 150 + "đ", 3),  # one diacritic makes the whole text UCS-2
    ],
)
def test_segments(text, count):
    assert segments(text) == count


def test_a_text_beyond_the_limit_is_cut_with_an_ellipsis():
    text = "Thông báo họp thôn " * 20
    assert not is_gsm(text) and segments(text) > 2
    cut = fit(text, 2)
    assert cut.endswith("…") and len(cut) <= 134 and segments(cut) == 2
    assert text.startswith(cut[:-1])
    assert fit("ễ" * 71, 1) == "ễ" * 69 + "…"
    assert fit("Mã: 123456", 1) == "Mã: 123456"


def test_a_text_in_the_7_bit_alphabet_is_cut_in_it():
    """Cut with "...", not "…" (which is not in GSM 03.38 and would send the whole text
    in UCS-2: 134 characters in two segments instead of 306)."""
    text = "Hop thon luc 19h tai nha van hoa. " * 20
    cut = fit(text, 2)
    assert is_gsm(cut) and cut.endswith("...") and segments(cut) == 2
    assert len(cut) > 290 and text.startswith(cut[:-3])
    assert fit("a" * 400, 2) == "a" * 303 + "..."
    assert fit("a" * 400, 1) == "a" * 157 + "..."
    assert fit("[" * 200, 1) == "[" * 78 + "..."  # an extension character counts twice


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_a_cut_text_always_fits_its_limit(limit):
    for text in ("Thông báo họp thôn " * 40, "Thong bao " * 100, "đ" + "a" * 1000):
        assert segments(fit(text, limit)) <= limit


def test_the_sms_channel_sends_at_most_the_setting_s_segments(settings):
    settings.COSO_SMS_MAX_SEGMENTS = 1
    sms.outbox.clear()
    services.notify(key="k", to="0912345678", subject="", body="ễ" * 100, channel="sms")
    services.deliver()
    ((_to, text),) = sms.outbox
    assert text == "ễ" * 69 + "…"
