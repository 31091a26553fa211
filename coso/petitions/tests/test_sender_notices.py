"""The sender is told of each step on the channel their contact allows — SMS or Zalo to
a mobile number, e-mail to an address — and chooses it, or stops notices, on the
tracking page, with the tracking code alone (no account): a wrong code changes
nothing, the contact is shown masked, a denouncer's not at all."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from coso.core.models import AuditEntry
from coso.notices import services as notices
from coso.notices import sms, zalo
from coso.notices.models import Channel, Notice, Preference
from coso.notices.segments import fit, segments
from coso.petitions import services
from coso.petitions.models import Kind
from coso.petitions.services import sender
from coso.petitions.services.handling import STEPS

pytestmark = pytest.mark.django_db

PHONE = "+84 912.345.678"


@pytest.fixture(autouse=True)
def _today_and_gateways(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC), tick=False)
    sms.outbox.clear()
    zalo.outbox.clear()


def submit(unit, kind=Kind.FEEDBACK, contact=PHONE):
    about = {"subject": "Đường bản bị sạt lở", "description": "Đoạn đường qua bản bị sạt."}
    sender = {"sender_contact": contact, "sender_name": "Lò Văn Pọm"}
    data = services.Submission(kind=kind, **about, **sender)
    return services.petition_submit(actor=None, unit=unit, data=data)


def choose(client, code, choice):
    return client.post(reverse("petitions:track"), {"code": code, "notices": choice})


def handle(official, petition):
    services.petition_accept(actor=official, petition=petition)
    services.petition_resolve(actor=official, petition=petition, resolution="Đã sửa đường")


def test_a_sender_with_a_mobile_number_is_told_by_sms_at_its_normal_form(tree, official_a):
    p = submit(tree.a)
    handle(official_a, p)
    notices.deliver()
    assert [to for to, _text in sms.outbox] == ["0912345678"] * 3
    assert all(p.tracking_code in text for _to, text in sms.outbox)


def test_a_sender_who_stopped_notices_gets_no_step_notices(client, tree, official_a):
    stopped, told = submit(tree.a), submit(tree.a, contact="0987 654 321")
    notices.deliver()  # "received", to both
    assert len(sms.outbox) == 2
    sms.outbox.clear()
    assert choose(client, stopped.tracking_code, "stop").status_code == 302
    handle(official_a, stopped)
    handle(official_a, told)
    notices.deliver()
    assert [to for to, _text in sms.outbox] == ["0987654321"] * 2
    assert not Notice.objects.filter(to="0912345678", key__endswith=":2").exists()


def test_the_choice_needs_the_right_code(client, tree):
    p = submit(tree.a)
    wrong = "X" * len(p.tracking_code)
    response = choose(client, wrong, "stop")
    assert response.status_code == 200
    assert "Không có đơn nào với mã này" in response.content.decode()
    assert choose(client, "", "stop").status_code == 200
    # The code this session just sent is not enough: it must come with the choice.
    session = client.session
    session["petition_tracked"] = p.tracking_code
    session.save()
    client.post(reverse("petitions:track"), {"notices": "stop"})
    assert not Preference.objects.exists()
    assert not AuditEntry.objects.filter(model="petitions.notices").exists()
    done = choose(client, p.tracking_code.lower(), "stop")
    assert done.status_code == 302 and done["Location"] == reverse("petitions:track")
    assert notices.resident_preference(f"petition:{p.pk}") == ("sms", True)
    entry = AuditEntry.objects.get(model="petitions.notices")
    assert entry.object_pk == str(p.pk) and entry.changes == {"notices": "stop"}
    assert entry.actor_label == "system"
    page = client.get(reverse("petitions:track")).content.decode()
    assert 'value="stop" checked' in page and "Đã ghi cách nhận thông báo" in page


def test_the_choice_keeps_csrf(tree):
    p = submit(tree.a)
    strict = Client(enforce_csrf_checks=True)
    assert choose(strict, p.tracking_code, "stop").status_code == 403
    assert not Preference.objects.exists()


def test_choices_are_rate_limited(client, tree, settings):
    settings.COSO_RATE_LIMITS = {**settings.COSO_RATE_LIMITS, "notices": "2/m"}
    p = submit(tree.a)
    for _ in range(2):
        assert choose(client, "WRONGCODE1", "stop").status_code == 200
    assert choose(client, p.tracking_code, "stop").status_code == 429
    assert not Preference.objects.exists()


def test_zalo_chosen_on_the_tracking_page(client, tree, official_a):
    p = submit(tree.a)
    choose(client, p.tracking_code, "zalo")
    services.petition_accept(actor=official_a, petition=p)
    assert Notice.objects.filter(channel=Channel.ZALO).count() == 1
    notices.deliver()
    assert [to for to, _data, _ref in zalo.outbox] == ["84912345678"]


def test_the_choices_fit_the_contact_and_others_are_refused(client, tree, official_a):
    by_mail = submit(tree.a, contact="dan@example.vn")
    page = client.post(reverse("petitions:track"), {"code": by_mail.tracking_code})
    page = page.content.decode()
    assert 'value="email" checked' in page and 'value="sms"' not in page
    assert 'id="notices-contact">d***@example.vn<' in page and "dan@" not in page
    for bad in ("sms", "fax"):
        refused = choose(client, by_mail.tracking_code, bad)
        assert refused.status_code == 400
        assert "Hãy chọn một cách nhận thông báo trong danh sách" in refused.content.decode()
    assert not Preference.objects.exists()
    services.petition_accept(actor=official_a, petition=by_mail)
    notices.deliver()
    assert [m.to for m in mail.outbox] == [["dan@example.vn"]] * 2


def test_the_page_masks_the_phone(client, tree):
    p = submit(tree.a)
    page = client.post(reverse("petitions:track"), {"code": p.tracking_code}).content.decode()
    assert 'id="notices-contact">*******678<' in page
    assert "912345678" not in page and "912.345" not in page and "Lò Văn Pọm" not in page


def test_a_denouncer_contact_is_never_shown(client, tree, official_a):
    p = submit(tree.a, Kind.DENUNCIATION, contact="0912345678")
    page = client.post(reverse("petitions:track"), {"code": p.tracking_code}).content.decode()
    assert "notices-contact" not in page and "*678" not in page and "912345678" not in page
    assert "Lò Văn" not in page
    assert "được giữ bí mật" in page
    assert choose(client, p.tracking_code, "stop").status_code == 302
    services.petition_accept(actor=official_a, petition=p)
    notices.deliver()
    # Told at the number in the encrypted identity: "received" only, before stopping.
    assert [to for to, _text in sms.outbox] == ["0912345678"]


def test_a_sender_without_a_contact_is_told_there_is_none(client, tree):
    p = submit(tree.a, contact="")
    page = client.post(reverse("petitions:track"), {"code": p.tracking_code}).content.decode()
    assert "không có thông báo nào được gửi" in page and 'name="notices"' not in page
    assert choose(client, p.tracking_code, "stop").status_code == 400
    assert not Preference.objects.exists()


def test_a_step_notice_fits_the_sms_segments(tree, monkeypatch):
    p = submit(tree.a)
    bodies = []
    monkeypatch.setattr(sender, "notify_resident", lambda **kw: bodies.append(kw["body"]))
    told = [step.told for step in STEPS.values()]
    for what in [*told, "Đã chuyển đơn vị có thẩm quyền", "Tạm đình chỉ giải quyết"]:
        services._notify_sender(p, what)
    assert len(bodies) == len(told) + 2
    for body in bodies:
        assert segments(body) <= settings.COSO_SMS_MAX_SEGMENTS
        assert fit(body, settings.COSO_SMS_MAX_SEGMENTS) == body  # never cut
