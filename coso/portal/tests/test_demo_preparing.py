from django.urls import reverse


def test_pages_say_the_demo_is_being_prepared_while_the_marker_is_there(
    client, tree, settings, tmp_path
):
    settings.DEMO_MARKER = tmp_path / "demo-preparing"
    # The demo caches no page (no Redis): a page is rendered with the marker as it is.
    settings.COSO_PAGE_CACHE_SECONDS = 0
    home = reverse("portal:home")
    assert b'id="demo-preparing"' not in client.get(home).content
    settings.DEMO_MARKER.touch()
    assert b'id="demo-preparing"' in client.get(home).content
    settings.PRODUCTION = True  # a stray file never speaks in production
    assert b'id="demo-preparing"' not in client.get(home).content
    settings.PRODUCTION = False
    settings.DEMO_MARKER.unlink()
    assert b'id="demo-preparing"' not in client.get(home).content
