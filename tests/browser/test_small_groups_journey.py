"""A resident reads a commune-wide secret round's result on a 360-px phone: the village
of 2 households shows whether it approved and why its counts are not published; the
larger villages show their counts (issue 17, point 5)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coso.decisions.tests.test_small_groups import REASON, _secret_round
from coso.decisions.tests.test_small_groups import villages as villages  # the fixture
from tests.browser.conftest import ARTIFACTS


@pytest.mark.parametrize("width", [360, 1280])
def test_a_small_villages_verdict_is_published_without_its_counts(
    live_server, browser_page, villages, official_a, tree, width
):
    matter = _secret_round(official_a, tree, villages)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("decisions:public_result", args=[matter.pk]))
    small = page.locator("#village-results tbody tr").first
    expect(small).to_contain_text("không đạt")
    expect(small).to_contain_text(REASON)
    expect(small.locator("td")).to_have_count(3)  # name and verdict, households, reason
    expect(page.locator("#village-results")).to_contain_text("100,0 %")
    expect(page.locator("#withheld-note")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"secret-small-villages-{width}.png"), full_page=True)
