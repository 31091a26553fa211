"""A person's journey in real headless Chromium: open the portal, find a commune, sign in."""

import pytest
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS


@pytest.fixture
def demo_map():
    p = province("Lai Châu")
    c = commune(p, "Xã Than Uyên")
    commune(p, "Xã Mường Than")
    v = village(c, "Bản Nà Cang")
    make_household(v, "NC-1")
    user = User.objects.create_user("canbo", password="mat-khau-demo", full_name="Cán bộ Than Uyên")
    RoleAssignment.objects.create(user=user, unit=c, role=Role.COMMUNE_OFFICIAL)
    return c


def test_find_a_commune_and_sign_in(live_server, browser_page, demo_map):
    page = browser_page
    page.goto(live_server.url + "/")
    expect(page.locator("#provinces li")).to_have_count(1)
    page.fill("#q", "THAN UYEN")
    page.locator(".search-results a", has_text="Xã Than Uyên").wait_for()
    page.screenshot(path=str(ARTIFACTS / "portal-search.png"), full_page=True)
    page.locator(".search-results a", has_text="Xã Than Uyên").click()
    page.wait_for_url(f"**/units/{demo_map.code}/")
    expect(page.locator("td", has_text="Bản Nà Cang")).to_have_count(1)
    # No horizontal scrolling on a 360-px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="Đăng nhập").click()
    page.fill("#id_username", "canbo")
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator("#my-units a", has_text="Xã Than Uyên").click()
    page.get_by_role("link", name="Bản Nà Cang").click()
    expect(page.locator("a", has_text="NC-1")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "official-village.png"), full_page=True)
