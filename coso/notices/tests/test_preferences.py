"""Residents' choices: which channel each is told on, from the addresses they gave; no
notice to one who stopped; a choice not offered refused."""

import pytest

from coso.core.errors import DomainError
from coso.notices import services
from coso.notices.models import Channel, Notice, Preference

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84-387-654-321", "0387654321"),
        ("(+84) 912345678", "0912345678"),
        ("dan@example.vn", ""),
        ("02133 876 543", ""),  # a landline
        ("091234567", ""),  # a digit short
        ("0212345678", ""),  # not a mobile network's prefix
        ("", ""),
    ],
)
def test_vietnamese_mobile_numbers_are_recognised_and_normalised(written, normal):
    assert services.vn_mobile(written) == normal


def test_addresses_are_masked():
    assert services.masked_address("0912345678") == "*******678"
    assert services.masked_address("dan@example.vn") == "d***@example.vn"


def notify(recipient, phone="", email="", key="k"):
    """Whether one message to the resident was queued under `key`."""
    services.notify_resident(
        recipient=recipient, key=key, subject="s", body="b", phone=phone, email=email
    )
    return Notice.objects.filter(key=key).exists()


def test_without_a_choice_the_default_channel_else_the_address_given(settings):
    settings.COSO_NOTICE_RESIDENT_CHANNEL = "sms"
    assert notify("petition:1", phone="0912 345 678", email="a@x.vn", key="both")
    assert notify("petition:2", email="a@x.vn", key="mail")
    assert not notify("petition:3", key="none")
    got = dict(Notice.objects.values_list("key", "channel"))
    assert got == {"both": Channel.SMS, "mail": Channel.EMAIL}
    assert Notice.objects.get(key="both").to == "0912345678"


def test_the_choice_is_honoured_and_stopping_sends_nothing():
    services.resident_choose(recipient="household:1", choice="zalo", phone="0912345678")
    services.resident_choose(recipient="household:2", choice="stop", phone="0912345679")
    services.notify_residents(
        [("household:1", "v:1", "0912345678", ""), ("household:2", "v:2", "0912345679", "")],
        subject="s",
        body="b",
    )
    assert Notice.objects.get().channel == Channel.ZALO
    assert services.resident_choice("household:2", phone="0912345679") == services.STOP
    # Stopping keeps the channel chosen before, for the day notices are taken up again.
    services.resident_choose(recipient="household:1", choice="stop", phone="0912345678")
    assert services.resident_preference("household:1") == (Channel.ZALO, True)


def test_a_choice_not_offered_is_refused_in_vietnamese():
    for choice, phone, email in [("fax", "0912345678", ""), ("email", "0912345678", "")]:
        with pytest.raises(DomainError, match="Hãy chọn một cách nhận thông báo") as refused:
            services.resident_choose(
                recipient="petition:1", choice=choice, phone=phone, email=email
            )
        assert refused.value.field == "notices"
    with pytest.raises(DomainError):
        services.resident_choose(recipient="petition:1", choice="sms", email="a@x.vn")
    assert not Preference.objects.exists()
    assert [c for c, _label in services.resident_choices(phone="09", email="a@x.vn")] == [
        "sms",
        "zalo",
        "email",
        "stop",
    ]
