"""The province's steering committee opens its dashboard, follows the overdue petitions
figure to the communes, to one commune's overdue list, to a petition — on a phone and
on a desktop, without horizontal scrolling."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from coso.accounts.models import Role, RoleAssignment, User
from coso.people.tests.factories import make_household
from coso.petitions import services as petitions
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS


@pytest.mark.parametrize("width", [360, 1280])
def test_province_follows_overdue_petitions_down_to_one(live_server, browser_page, width):
    lai_chau = province("Lai Châu")
    communes = [commune(lai_chau, name) for name in ("Xã Tam Đường", "Xã Bình Lư")]
    make_household(village(communes[0], "Bản Nà Luông"), "NL-1")
    today = dt.date.today()
    for i, unit in enumerate(communes):
        petitions.petition_submit(
            actor=None,
            unit=unit,
            data=petitions.Submission(
                kind="feedback",
                subject=f"Đèn đường hỏng {i}",
                description="Đèn trước nhà văn hóa hỏng.",
                received_on=today - dt.timedelta(days=40 + i),
            ),
        )
    call_command("indicators", "work", "--once", stdout=io.StringIO())  # as the worker does
    viewer = User.objects.create_user("tinh", password="mat-khau-demo-2026")
    RoleAssignment.objects.create(user=viewer, unit=lai_chau, role=Role.PROVINCE_VIEWER)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", "mat-khau-demo-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("#headline")  # the monitoring role lands on its dashboard
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{width}.png"), full_page=True)

    page.locator("#headline a", has_text="Đơn quá hạn").click()
    page.wait_for_selector("#breakdown")
    assert page.locator("#total").inner_text() == "2"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"dashboard-breakdown-{width}.png"), full_page=True)

    page.locator("#breakdown a", has_text="Xã Tam Đường").click()
    page.wait_for_selector("text=Đèn đường hỏng 0")
    assert "which=overdue" in page.url
    page.get_by_role("link", name="Đèn đường hỏng 0").click()
    page.wait_for_selector("h1:has-text('Đèn đường hỏng 0')")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"dashboard-petition-{width}.png"), full_page=True)
