"""The tracking code never travels in a URL the site makes: after sending, the browser
goes to the tracking page with the code in the session; the tracking form posts it;
old "?code=" links still work. A signed-in household's form starts in its own commune
under its head's name."""

import pytest
from django.urls import reverse

from coso.people.tests.factories import make_household
from coso.petitions.models import Petition
from coso.residents import services as residents

pytestmark = pytest.mark.django_db


def _form(tree, kind="feedback", **extra):
    return {
        "kind": kind,
        "province": tree.province.code,
        "commune": tree.a.code,
        "category": "roads",
        "subject": "Đèn đường hỏng",
        "description": "Đèn ở ngã ba bản không sáng.",
        "sender_name": "Lò Văn Pọm",
        **extra,
    }


@pytest.mark.parametrize("kind", ["feedback", "denunciation"])
def test_after_sending_the_code_stays_out_of_the_url(client, tree, kind):
    response = client.post(reverse("petitions:submit"), _form(tree, kind))
    code = Petition.objects.get().tracking_code
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:track")
    assert code not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert f'<strong id="tracking-code">{code}</strong>' in page
    assert "Đã nhận đơn" in page
    # Shown once as "just sent"; the session still knows the code on reload.
    again = client.get(reverse("petitions:track")).content.decode()
    assert "Đã nhận đơn" not in again and "Đèn đường hỏng" in again


def test_the_tracking_form_posts_the_code_and_old_links_still_work(client, tree):
    client.post(reverse("petitions:submit"), _form(tree))
    code = Petition.objects.get().tracking_code
    other = client.__class__()
    form = other.get(reverse("petitions:track")).content.decode()
    assert 'method="post" id="track"' in form
    assert (
        "Đèn đường hỏng" in other.post(reverse("petitions:track"), {"code": code}).content.decode()
    )
    assert (
        "Đèn đường hỏng" in other.get(reverse("petitions:track"), {"code": code}).content.decode()
    )
    unknown = other.post(reverse("petitions:track"), {"code": "NOSUCHCODE"}).content.decode()
    assert "Không có đơn nào với mã này" in unknown
    open311 = other.get(f"/open311/v2/requests/{code}.json", {"jurisdiction_id": tree.a.code})
    assert open311.status_code == 200


def test_a_signed_in_household_starts_in_its_own_commune(client, tree, village_head):
    make_household(tree.village_a, "NL-1")
    issued = residents.issue_codes(actor=village_head, village=tree.village_a)[0]
    client.post(reverse("residents:sign_in"), {"login": issued["login"], "secret": issued["code"]})
    page = client.get(reverse("petitions:submit")).content.decode()
    assert f'<option value="{tree.province.code}" selected>' in page
    assert f'<option value="{tree.a.code}" selected>' in page
    assert 'value="Lò Văn Pọm"' in page
    # Still changeable: a link from another province's commune page starts there.
    elsewhere = client.get(reverse("petitions:submit"), {"province": "99"}).content.decode()
    assert f'<option value="{tree.a.code}" selected>' not in elsewhere
    anonymous = client.__class__().get(reverse("petitions:submit")).content.decode()
    assert f'<option value="{tree.province.code}" selected>' not in anonymous
