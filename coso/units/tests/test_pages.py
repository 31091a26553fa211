"""What pages about a unit share (coso/units/pages.py): an official's breadcrumbs lead
only where the official may go; the public's show the whole way up."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_officials_breadcrumbs_skip_units_above_their_reach(tree, client, official_a):
    client.force_login(official_a)
    response = client.get(reverse("units:official_unit", args=[tree.village_a.code]))
    assert response.status_code == 200
    assert response.context["official"] is True
    assert response.context["unit"] == tree.village_a
    assert response.context["ancestors"] == [tree.a]  # not the province


def test_a_province_viewer_follows_the_whole_way(tree, client, province_viewer):
    client.force_login(province_viewer)
    response = client.get(reverse("units:official_unit", args=[tree.village_a.code]))
    assert response.context["ancestors"] == [tree.province, tree.a]


def test_a_public_page_shows_the_whole_way_up_and_no_officials_layout(tree, client):
    response = client.get(reverse("support:public_list", args=[tree.a.code]))
    assert response.status_code == 200
    assert response.context["ancestors"] == [tree.province]
    assert "official" not in response.context
    assert response.context["items"] == []
