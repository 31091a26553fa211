"""The officials' home: their units, and the field page for those the matrix lets
record work offline (field.sync) — not for the steering committees' monitoring roles."""

import pytest
from django.urls import reverse

from coso.accounts.models import Role, RoleAssignment, User
from coso.core.permissions import can

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("portal:official_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_field_page_is_offered_to_a_village_head(client, village_head):
    page = home(client, village_head)
    assert 'id="field-link"' in page and f'href="{reverse("field:page")}"' in page


def test_a_monitoring_role_is_not_offered_the_field_page(client, tree):
    # Two provinces' committee: the home lists them (one alone goes to its dashboard).
    from coso.units.tests.factories import province

    viewer = User.objects.create_user("tinh", password="pw")
    for place in (tree.province, province("Điện Biên")):
        RoleAssignment.objects.create(user=viewer, unit=place, role=Role.PROVINCE_VIEWER)
    assert not can(viewer, "field.sync")
    page = home(client, viewer)
    assert 'id="my-units"' in page and reverse("field:page") not in page


def test_the_home_asks_the_matrix(client, official_a, front_officer, monkeypatch):
    assert 'id="field-link"' in home(client, official_a)
    monkeypatch.setattr("coso.portal.views.can", lambda user, action: action != "field.sync")
    assert 'id="field-link"' not in home(client, front_officer)
