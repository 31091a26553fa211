"""Hotspot pages: the unit's list (a province sees its communes'), one hotspot with its
records, naming its owner and closing it; the dashboard's block; the figures. Another
commune's official gets 404; monitoring roles see counts and records' labels, never a
resident's name, and cannot close (403)."""

import datetime as dt

import pytest
from django.urls import reverse

from coso.concerns.models import Hotspot, HotspotStatus
from coso.concerns.tests.hotspot_factories import households_of, raise_concern
from coso.units.tests.factories import commune, village

pytestmark = pytest.mark.django_db


def _hotspot(place, prefix="H", n=5):
    for home in households_of(place, n, prefix=prefix):
        raise_concern(place, household=home)
    return Hotspot.objects.get(commune=place.parent, status=HotspotStatus.OPEN)


def test_the_commune_official_sees_closes_and_assigns(client, tree, official_a):
    hotspot = _hotspot(tree.village_a)
    client.force_login(official_a)
    page = client.get(reverse("concerns:hotspots", args=[tree.a.code])).content.decode()
    assert reverse("concerns:hotspot", args=[hotspot.pk]) in page
    detail = client.get(reverse("concerns:hotspot", args=[hotspot.pk])).content.decode()
    assert 'id="close"' in detail and "Đơn số" in detail
    answer = client.post(
        reverse("concerns:hotspot_assign", args=[hotspot.pk]), {"owner": official_a.pk}
    )
    assert answer.status_code == 302
    assert (
        client.post(
            reverse("concerns:hotspot_close", args=[hotspot.pk]), {"outcome": ""}
        ).status_code
        == 400
    )
    answer = client.post(
        reverse("concerns:hotspot_close", args=[hotspot.pk]), {"outcome": "Đã đối thoại."}
    )
    assert answer.status_code == 302
    hotspot.refresh_from_db()
    assert (hotspot.status, hotspot.owner, hotspot.outcome) == (
        "closed",
        official_a,
        "Đã đối thoại.",
    )


def test_another_communes_official_gets_404(client, tree, official_b):
    hotspot = _hotspot(tree.village_a)
    client.force_login(official_b)
    assert client.get(reverse("concerns:hotspot", args=[hotspot.pk])).status_code == 404
    assert client.get(reverse("concerns:hotspots", args=[tree.a.code])).status_code == 404
    close = reverse("concerns:hotspot_close", args=[hotspot.pk])
    assert client.post(close, {"outcome": "x"}).status_code == 404
    own = client.get(reverse("concerns:hotspots", args=[tree.b.code])).content.decode()
    assert reverse("concerns:hotspot", args=[hotspot.pk]) not in own
    assert Hotspot.objects.get().status == HotspotStatus.OPEN


def test_the_province_monitor_sees_counts_and_labels_never_names(client, tree, province_viewer):
    hotspot = _hotspot(tree.village_a)
    client.force_login(province_viewer)
    listed = client.get(reverse("concerns:hotspots", args=[tree.province.code])).content.decode()
    assert reverse("concerns:hotspot", args=[hotspot.pk]) in listed
    detail = client.get(reverse("concerns:hotspot", args=[hotspot.pk])).content.decode()
    assert 'id="households">5<' in detail and detail.count("Đơn số") == 5
    assert "Lò Văn" not in detail and 'id="close"' not in detail
    close = reverse("concerns:hotspot_close", args=[hotspot.pk])
    assert client.post(close, {"outcome": "x"}).status_code == 403


def test_the_province_dashboard_shows_the_open_hotspots(client, tree, province_viewer):
    hotspot = _hotspot(tree.village_a)
    client.force_login(province_viewer)
    page = client.get(reverse("reports:unit_dashboard", args=[tree.province.code])).content.decode()
    assert 'id="hotspots-count">1<' in page
    assert reverse("concerns:hotspot", args=[hotspot.pk]) in page
    Hotspot.objects.update(status=HotspotStatus.CLOSED, closed_on=dt.date.today())
    client.force_login(province_viewer)
    page = client.get(reverse("reports:unit_dashboard", args=[tree.province.code]) + "?x=1")
    assert "hotspots-block" not in page.content.decode()


def test_the_list_runs_fixed_queries(client, tree, province_viewer, django_assert_num_queries):
    _hotspot(tree.village_a)
    client.force_login(province_viewer)
    url = reverse("concerns:hotspots", args=[tree.province.code])
    first = _count_queries(client, url)
    for i in range(6):
        place = village(commune(tree.province, f"Xã {i}"), f"Bản {i}")
        _hotspot(place, prefix=f"C{i}-")
    with django_assert_num_queries(first):
        assert client.get(url).content.decode().count("/app/hotspots/") == 7


def test_the_hotspot_page_runs_fixed_queries(
    client, tree, province_viewer, django_assert_num_queries
):
    hotspot = _hotspot(tree.village_a)
    client.force_login(province_viewer)
    url = reverse("concerns:hotspot", args=[hotspot.pk])
    first = _count_queries(client, url)
    for home in households_of(tree.village_a, 8, prefix="M"):
        raise_concern(tree.village_a, household=home)
    with django_assert_num_queries(first):
        assert client.get(url).content.decode().count("Đơn số") == 13


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_figures_count_hotspots_opened_and_open(tree, figures_work):
    from coso.reports import periods
    from coso.reports import selectors as reports

    _hotspot(tree.village_a)
    figures_work()
    period = periods.of_kind(periods.YEAR, dt.date.today())
    values = reports.figures(unit=tree.province, period=period)
    assert values.get("hotspots.opened") == 1 and values.get("hotspots.open") == 1
