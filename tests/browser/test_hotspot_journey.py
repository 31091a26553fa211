"""The province's steering committee sees a hotspot on its dashboard and follows it to
the five households' records — on a phone 360 px wide, without horizontal scrolling,
and without any resident's name. The records are petitions the five households sent:
the rules found their topic, the fifth opened the hotspot."""

import pytest

from coso.concerns.tests.hotspot_factories import households_of
from coso.petitions import services as petitions
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS, province_viewer_signs_in


@pytest.mark.parametrize("width", [360, 1280])
def test_province_follows_a_hotspot_to_its_five_records(live_server, browser_page, width):
    lai_chau = province("Lai Châu")
    place = village(commune(lai_chau, "Xã Tam Đường"), "Bản Nà Luông")
    for home in households_of(place, 5):
        petitions.petition_submit(
            actor=None,
            unit=place.parent,
            data=petitions.Submission(
                kind="feedback",
                subject="Kiến nghị",
                description="Đền bù giải phóng mặt bằng chưa thỏa đáng",
                household=home,
            ),
        )
    page = browser_page
    province_viewer_signs_in(live_server, page, lai_chau, width)
    page.wait_for_selector("#hotspots-block")  # the monitoring role lands on its dashboard
    assert page.locator("#hotspots-count").inner_text() == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"hotspot-dashboard-{width}.png"), full_page=True)

    page.locator("#hotspots-block a", has_text="Xã Tam Đường").first.click()
    page.wait_for_selector("#records-list")
    assert page.locator("#households").inner_text() == "5"
    assert page.locator("#records-list li").count() == 5
    assert "Lò Văn" not in page.content()
    assert page.locator("#close").count() == 0  # monitoring: no closing
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"hotspot-detail-{width}.png"), full_page=True)

    page.locator("#drill-down").click()  # the commune's records on the topic
    page.wait_for_selector("#records")
    assert page.locator("#records > li").count() == 5
    assert "Lò Văn" not in page.content() and "Đền bù" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"hotspot-records-{width}.png"), full_page=True)
    page.go_back()

    page.locator("#hotspots-all, a", has_text="Các điểm nóng của xã").first.click()
    page.wait_for_selector("#hotspots")
    assert page.locator("#hotspots li").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"hotspot-list-{width}.png"), full_page=True)
