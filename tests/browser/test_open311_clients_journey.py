"""An administrator registers an Open311 client application in the admin, copies its
api_key from the one message that shows it, and later revokes it."""

from django.test import Client

from coso.petitions.models import Open311Client
from tests.browser.conftest import ARTIFACTS


def test_an_administrator_issues_and_revokes_an_api_key(live_server, browser_page, administrator):
    page = browser_page
    session = Client()
    session.force_login(administrator)
    cookie = session.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/admin/petitions/open311client/add/")
        page.fill("#id_name", f"Ứng dụng Phố Xanh {width}")
        page.fill("#id_contact", "lienhe@phoxanh.vn")
        page.locator("input[name=_save]").click()
        shown = page.locator(".messagelist .warning").inner_text()
        assert "open311_" in shown
        page.screenshot(path=str(ARTIFACTS / f"open311-clients-{width}.png"), full_page=True)
    page.reload()
    assert "open311_" not in page.content()  # shown once
    page.locator("input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", "revoke")
    page.locator("button[name=index]").click()
    page.screenshot(path=str(ARTIFACTS / "open311-clients-revoked.png"), full_page=True)
    assert Open311Client.objects.filter(revoked_at__isnull=False).count() == 1
