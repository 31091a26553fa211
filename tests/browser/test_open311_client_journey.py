"""A request a registered client application posted to Open311 with its api_key: the
commune's official, opening it, sees which application it came through — in real
headless Chromium."""

import pytest
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.petitions import services
from coso.petitions.models import Petition
from coso.petitions.tests.test_georeport import post_live
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS


@pytest.mark.parametrize("width", [360, 1280])
def test_the_official_sees_the_application_a_request_came_through(live_server, browser_page, width):
    place = commune(province("Lai Châu"), "Xã Than Uyên")
    admin = User.objects.create_superuser("quantri", password="mat-khau-demo")
    _client, key = services.open311_client_issue(actor=admin, name="Phố Xanh Lai Châu")
    posted = post_live(
        f"{live_server.url}/open311/v2",
        "json",
        jurisdiction_id=place.code,
        description="Ổ gà lớn trước nhà văn hóa",
        api_key=key,
    )
    assert posted.status_code == 201
    petition = Petition.objects.get(tracking_code=posted.json()[0]["service_request_id"])
    user = User.objects.create_user("canbo", password="mat-khau-demo", full_name="Cán bộ")
    RoleAssignment.objects.create(user=user, unit=place, role=Role.COMMUNE_OFFICIAL)

    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/?next=/app/petitions/{petition.pk}/")
    page.fill("#id_username", "canbo")
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#open311-client")).to_have_text("Qua ứng dụng: Phố Xanh Lai Châu")
    page.screenshot(path=str(ARTIFACTS / f"petition-open311-client-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
