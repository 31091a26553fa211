"""The province's steering committee opens the concerns view, follows the land topic to
the communes where it concentrates (a chart and its table), then to one commune's
records — topics shown, never a text nor a name — on a phone and on a desktop, without
horizontal scrolling."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from coso.concerns.models import Channel
from coso.concerns.tests.factories import TEXT, raised
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS, province_viewer_signs_in


def _concerns() -> object:
    lai_chau = province("Lai Châu")
    names = ("Xã Tam Đường", "Xã Bình Lư", "Xã Bản Bo")
    communes = [commune(lai_chau, name) for name in names]
    today = timezone.localdate()
    for n, unit in enumerate(communes):
        place = village(unit, f"Bản {n}")
        for i in range(3 - n + 1):
            home = make_household(place, f"H{n}-{i}")
            raised(
                Channel.PETITION, unit, today, ["land.compensation"], household=home, village=place
            )
        raised(Channel.QUESTION, unit, today, ["roads.damaged"], village=place)
        raised(Channel.OPINION, unit, today - dt.timedelta(days=366), ["land"])
    raised(Channel.SURVEY, communes[0], today, ["environment.waste", "land.disputes"])
    for year in (today.year, today.year - 1):
        call_command("indicators", "refresh", "--period", str(year), stdout=io.StringIO())
    return lai_chau


@pytest.mark.parametrize("width", [360, 1280])
def test_province_follows_a_topic_down_to_a_communes_records(live_server, browser_page, width):
    lai_chau = _concerns()
    page = browser_page
    province_viewer_signs_in(live_server, page, lai_chau, width)

    page.goto(f"{live_server.url}/app/units/{lai_chau.code}/concerns/")
    page.wait_for_selector("#topics")
    first = page.locator("#topics tbody tr").first
    assert first.get_attribute("data-topic") == "land"  # the most households
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"concerns-{width}.png"), full_page=True)

    first.locator("a").click()
    page.wait_for_selector("#where")
    assert page.locator("svg.chart rect").count() == 3
    assert page.locator("#where tbody th").first.inner_text() == "Xã Tam Đường"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"concerns-topic-{width}.png"), full_page=True)

    page.locator("#where a", has_text="Xã Tam Đường").click()
    page.wait_for_selector("#records")
    assert page.locator("#records > li").count() == 5
    body = page.content()
    assert "Bồi thường" in body and TEXT not in body and "Nguyễn Thị Gửi" not in body
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"concerns-records-{width}.png"), full_page=True)
