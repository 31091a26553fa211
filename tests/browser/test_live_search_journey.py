"""The public pages' searches answer as one types, and the petition form's communes
follow its province, without a page load and without htmx (issue 23, point 2: coso.js's
liveForms); the searches' address follows them, and the focus stays where one types."""

from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.disclosures.services import DisclosureData, disclosure_publish
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS

# Set before acting, read after: a page load would have cleared it.
MARK = "() => { window.__samePage = true; }"
SAME_PAGE = "() => window.__samePage === true"


def no_htmx(page) -> None:
    assert page.evaluate("() => typeof window.htmx") == "undefined"


def test_searches_and_communes_update_in_place(live_server, browser_page):
    p = province("Lai Châu")
    c = commune(p, "Xã Than Uyên")
    commune(p, "Xã Mường Than")
    other = province("Điện Biên")
    commune(other, "Xã Mường Phăng")
    official = User.objects.create_user("canbo", password="mat-khau-demo")
    RoleAssignment.objects.create(user=official, unit=c, role=Role.COMMUNE_OFFICIAL)
    for category, title in (("2", "Dự toán ngân sách xã năm 2027"), ("1", "Kế hoạch phát triển")):
        disclosure_publish(
            actor=official,
            unit=c,
            data=DisclosureData(category=category, title=title, channels=["notice_board"]),
        )
    page = browser_page

    # The front page's search.
    page.goto(live_server.url + "/")
    no_htmx(page)
    page.evaluate(MARK)
    page.locator("#q").press_sequentially("than uyen")
    expect(page.locator("#results .search-results a", has_text="Xã Than Uyên")).to_have_count(1)
    expect(page).to_have_url(f"{live_server.url}/?q=than+uyen")
    assert page.evaluate(SAME_PAGE)
    assert page.evaluate("() => document.activeElement.id") == "q"
    expect(page.locator("#provinces li")).to_have_count(2)  # the rest of the page stays
    page.screenshot(path=str(ARTIFACTS / "live-search-home.png"), full_page=True)
    # Enter: the same answer, still in place.
    page.locator("#q").fill("muong")
    page.locator("#q").press("Enter")
    expect(page.locator("#results .search-results li")).to_have_count(2)
    expect(page).to_have_url(f"{live_server.url}/?q=muong")
    assert page.evaluate(SAME_PAGE)

    # A province's page filters its communes.
    page.goto(f"{live_server.url}/units/{p.code}/")
    page.evaluate(MARK)
    page.locator("#q").press_sequentially("muong")
    expect(page.locator("#children li")).to_have_count(1)
    expect(page.locator("#children a", has_text="Xã Mường Than")).to_have_count(1)
    expect(page).to_have_url(f"{live_server.url}/units/{p.code}/?q=muong")
    assert page.evaluate(SAME_PAGE)

    # A commune's disclosures: by words, then by kind of content.
    page.goto(f"{live_server.url}/units/{c.code}/disclosures/")
    no_htmx(page)
    expect(page.locator("#disclosures .disclosures li")).to_have_count(2)
    page.evaluate(MARK)
    page.locator("#q").press_sequentially("ngan sach")
    expect(page.locator("#disclosures .disclosures li")).to_have_count(1)
    expect(page.locator("#disclosures a", has_text="Dự toán ngân sách")).to_have_count(1)
    expect(page).to_have_url(f"{live_server.url}/units/{c.code}/disclosures/?q=ngan+sach&category=")
    page.locator("#q").fill("")
    page.select_option("#category", "1")
    expect(page.locator("#disclosures a", has_text="Kế hoạch phát triển")).to_have_count(1)
    expect(page.locator("#disclosures .disclosures li")).to_have_count(1)
    expect(page).to_have_url(f"{live_server.url}/units/{c.code}/disclosures/?q=&category=1")
    assert page.evaluate(SAME_PAGE)

    # The petition form: a province's communes, then another's.
    page.goto(f"{live_server.url}/petitions/new/")
    no_htmx(page)
    page.evaluate(MARK)
    page.select_option("#id_province", p.code)
    expect(page.locator("#id_commune option")).to_have_count(3)  # "—" and two communes
    page.select_option("#id_commune", c.code)
    page.select_option("#id_province", other.code)
    expect(page.locator("#id_commune option")).to_have_count(2)
    expect(page.locator("#id_commune option", has_text="Xã Mường Phăng")).to_have_count(1)
    assert page.evaluate(SAME_PAGE)
    assert page.url == f"{live_server.url}/petitions/new/"


def test_without_javascript_the_forms_still_work(client):
    """What the browser sends without coso.js: a plain GET search, a plain POST."""
    p = province("Lai Châu")
    c = commune(p, "Xã Than Uyên")
    home = client.get("/", {"q": "than uyen"}).content.decode()
    assert 'role="search" method="get"' in home and "Xã Than Uyên" in home
    assert "<!doctype html>" in home[:200] and 'id="provinces"' in home
    # The petition form sent with a province and no commune comes back with its communes.
    answer = client.post("/petitions/new/", {"province": p.code}).content.decode()
    assert f'<option value="{c.code}">Xã Than Uyên</option>' in answer
