"""A resident on a 360-px phone opens the commune's public page, reads the satisfaction
index with its number of answers, and follows the figure to its formula."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.reports.models import IndicatorValue
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS


def _put(unit, period: str, satisfied: int, answered: int, made: int) -> None:
    figures = {
        "surveys.respondents": answered,
        "surveys.answered.overall": answered,
        "surveys.satisfied.overall": satisfied,
        "surveys.answered.access": answered,
        "surveys.satisfied.access": satisfied - 2,
        "disclosures.made": made,
        "disclosures.late": 1,
        "disclosures.categories_covered": 5,
        "disclosures.categories_missing": 8,
        "dialogues.communes_required": 1,
        "dialogues.communes_met": 1,
    }
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            unit=unit, path=unit.path, province=unit.parent, period=period, indicator=c, value=n
        )
        for c, n in figures.items()
    )


@pytest.fixture
def surveyed():
    p = province("Lai Châu")
    a = commune(p, "Xã Than Uyên")
    b = commune(p, "Xã Mường Than")
    year = timezone.localdate().year
    for back in range(4):
        _put(a, str(year - back), 26 - back, 31, 10 + back)
        _put(b, str(year - back), 20, 35, 4)
    user = User.objects.create_user("canbo", password="mat-khau-demo", full_name="Cán bộ")
    RoleAssignment.objects.create(user=user, unit=a, role=Role.COMMUNE_OFFICIAL)
    return a


def test_the_index_with_its_answers_links_to_its_formula(live_server, browser_page, surveyed):
    page = browser_page
    page.goto(f"{live_server.url}/units/{surveyed.code}/")
    figure = page.locator("#satisfaction-figure")
    expect(figure).to_have_text("83,9 %")
    expect(page.locator("#satisfaction-answers")).to_contain_text("31 câu trả lời")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("#satisfaction").screenshot(path=str(ARTIFACTS / "indices-commune-block.png"))
    page.screenshot(path=str(ARTIFACTS / "indices-commune-page.png"), full_page=True)
    figure.click()
    page.wait_for_url("**/indices/**#formula-satisfaction")
    expect(page.locator("#formula-satisfaction")).to_be_visible()
    expect(page.locator("#satisfaction-figure")).to_contain_text("83,9 %")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "indices-public-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "indices-public-desktop.png"), full_page=True)


def test_officials_page_on_a_phone(live_server, browser_page, surveyed):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "canbo")
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/app/units/{surveyed.code}/indices/")
    expect(page.locator("#participation-figure")).to_be_visible()
    expect(page.locator("#parts a").first).to_be_visible()  # numbers link to records
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "indices-official-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "indices-official-desktop.png"), full_page=True)
