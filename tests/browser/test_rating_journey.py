"""A resident whose feedback was resolved rates the answer by its tracking code, on a
360 px phone: from the tracking page's link to the form and the thank-you page; the
commune's official reads the rating, comment included, in the unit's list. The code
travels in POST bodies only, never in a URL the browser asks for."""

from coso.accounts.models import Role, RoleAssignment, User
from coso.petitions import services
from coso.ratings.models import Rating
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS

CHOSEN = {"timeliness": 4, "clarity": 5, "attitude": 5, "outcome": 4, "overall": 5}


def _resolved(c, official):
    petition = services.petition_submit(
        actor=official,
        unit=c,
        data=services.Submission(
            kind="feedback", subject="Đèn đường không sáng", description="Đèn trước chợ hỏng."
        ),
    )
    services.petition_accept(actor=official, petition=petition)
    return services.petition_resolve(
        actor=official, petition=petition, resolution="Đã thay bóng đèn và dây điện."
    )


def _shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(ARTIFACTS / f"{name}-wide.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})


def test_a_resident_rates_a_resolved_petition_by_its_tracking_code(live_server, browser_page):
    p = province("Lai Châu")
    c = commune(p, "Xã Than Uyên")
    official = User.objects.create_user("canbo", password="mat-khau-demo")
    RoleAssignment.objects.create(user=official, unit=c, role=Role.COMMUNE_OFFICIAL)
    code = _resolved(c, official).tracking_code
    resident, seen = browser_page, []
    resident.on("request", lambda request: seen.append(request.url))

    resident.goto(f"{live_server.url}/petitions/track/")
    resident.fill("#code", code)
    resident.locator("#track button").click()
    resident.wait_for_selector("#rate-link")
    _shot(resident, "rating-track")
    resident.get_by_role("button", name="Đánh giá kết quả giải quyết").click()
    resident.wait_for_selector("form#rate")
    assert "Đèn đường không sáng" in resident.locator("#case-title").inner_text()
    for key, points in CHOSEN.items():
        resident.check(f"input[name='score_{key}'][value='{points}']")
    resident.fill("#id_comment", "Cán bộ đến sửa ngay trong tuần, rất cảm ơn.")
    assert resident.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(resident, "rating-form")
    resident.get_by_role("button", name="Gửi đánh giá").click()
    resident.wait_for_selector("#thanks")
    assert "Đèn đường không sáng" in resident.locator("#thanks").inner_text()
    assert resident.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(resident, "rating-thanks")
    rating = Rating.objects.get()
    assert rating.satisfied and {s.criterion: s.points for s in rating.scores.all()} == CHOSEN
    assert not [url for url in seen if code in url]

    official_page = resident.context.browser.new_context(
        viewport={"width": 360, "height": 740}
    ).new_page()
    official_page.goto(f"{live_server.url}/accounts/login/?next=/app/units/{c.code}/ratings/")
    official_page.fill("#id_username", "canbo")
    official_page.fill("#id_password", "mat-khau-demo")
    official_page.get_by_role("button", name="Đăng nhập").click()
    official_page.wait_for_selector("#ratings")
    listed = official_page.locator("#ratings").inner_text()
    assert "Đèn đường không sáng" in listed and "rất cảm ơn" in listed
    assert official_page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(official_page, "rating-list")
