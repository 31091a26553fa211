"""A resident adds the commune's calendar to their phone; an official makes, uses and
revokes the secret address of their own deadlines — in real headless Chromium."""

import datetime as dt
import urllib.error
import urllib.request

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions.models import Matter
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.fixture
def place():
    p = province("Lai Châu")
    c = commune(p, "Xã Than Uyên")
    v = village(c, "Bản Nà Cang")
    Matter.objects.create(
        unit=v,
        province=p,
        matter_type="village_rules",
        title="Sửa đường vào bản",
        status="open",
        opened_on=timezone.localdate() + dt.timedelta(days=3),
        starts_at=dt.time(19, 30),
        venue="Nhà văn hóa bản",
    )
    user = User.objects.create_user("canbo", password="mat-khau-demo", full_name="Cán bộ")
    RoleAssignment.objects.create(user=user, unit=c, role=Role.COMMUNE_OFFICIAL)
    return c


@pytest.mark.parametrize("width", [360, 1280])
def test_subscribe_to_the_commune_and_to_my_deadlines(live_server, browser_page, place, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/units/{place.code}/")
    link = page.locator("#calendar-link a.button")
    expect(link).to_have_attribute(
        "href", f"webcal://{live_server.url.split('//')[1]}/units/{place.code}/calendar.ics"
    )
    download = page.locator("#calendar-link a:not(.button)")
    expect(download).to_have_attribute("href", f"/units/{place.code}/calendar.ics")
    page.screenshot(path=str(ARTIFACTS / f"calendar-unit-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _status, body = fetch(f"{live_server.url}/units/{place.code}/calendar.ics")
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert [str(e["LOCATION"]) for e in events if "LOCATION" in e] == ["Nhà văn hóa bản"]
    # And, for its officials, the reports the commune must send, each a whole day.
    assert any(str(e["SUMMARY"]).startswith("Hạn gửi báo cáo") for e in events)

    page.goto(f"{live_server.url}/accounts/login/?next=/accounts/")
    page.fill("#id_username", "canbo")
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Đưa hạn xử lý đơn và việc đã hứa vào lịch điện thoại").click()
    page.get_by_role("button", name="Tạo địa chỉ lịch").click()
    address = page.locator("#feed-address").inner_text()
    page.screenshot(path=str(ARTIFACTS / f"calendar-private-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert fetch(address)[0] == 200
    page.get_by_role("button", name="Thu hồi địa chỉ").click()
    expect(page.locator("#feed-state")).to_have_text("Chưa có địa chỉ lịch nào đang dùng.")
    assert fetch(address)[0] == 404
