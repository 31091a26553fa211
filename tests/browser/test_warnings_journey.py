"""The province's steering-committee account sees the warnings of its communes on its
dashboard and opens them, on a 360 px phone and at 1280 px: figures and rules only,
no acknowledge button for a monitoring role."""

import datetime as dt

import pytest

from coso.alerts.services import warnings_scan
from coso.alerts.tests.factories import put
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS, province_viewer_signs_in


@pytest.mark.parametrize("width", [360, 1280])
def test_the_province_sees_its_communes_warnings(live_server, browser_page, width):
    lai_chau = province("Lai Châu")
    tam_duong = commune(lai_chau, "Xã Tam Đường")
    put(tam_duong, str(dt.date.today().year), petitions__open=12, petitions__overdue=5)
    put(tam_duong, str(dt.date.today().year), decisions__quorum_missing=1, pib__overdue=2)
    warnings_scan(today=dt.date.today())
    page = browser_page
    province_viewer_signs_in(live_server, page, lai_chau, width)
    page.wait_for_selector("#warnings-block")
    assert "cảnh báo đang mở" in page.locator("#warnings-block").inner_text()
    page.locator("#warnings-block").screenshot(path=str(ARTIFACTS / f"warnings-block-{width}.png"))
    page.locator("#warnings-block a", has_text="Xem tất cả").click()
    page.wait_for_selector("#warnings")
    text = page.locator("#warnings").inner_text()
    assert "tỷ lệ đơn quá hạn" in text and "Xã Tam Đường" in text
    assert page.locator("#warnings button").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"warnings-list-{width}.png"), full_page=True)
