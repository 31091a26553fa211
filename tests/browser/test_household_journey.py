"""The village head prints a household's sign-in code; on a phone the household scans
it (the code travels after "#", never to the server), sets its PIN, chooses online
voting and comments on two clauses of the commune's draft; the village head revokes it and the household's session ends."""

import datetime as dt

from coso.accounts.models import Role, RoleAssignment, User
from coso.consultations import services as consultations
from coso.consultations.models import Opinion
from coso.decisions.models import OnlineOptIn
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS


def test_a_household_signs_in_from_its_printed_code(live_server, browser_page):
    lai_chau = province("Lai Châu")
    tam_duong = commune(lai_chau, "Xã Tam Đường")
    ban = village(tam_duong, "Bản Nà Luông")
    household = make_household(ban, "NL-1")
    head = User.objects.create_user("truongthon", password="mat-khau-demo-2026")
    RoleAssignment.objects.create(user=head, unit=ban, role=Role.VILLAGE_HEAD)
    official = User.objects.create_user("xa")
    RoleAssignment.objects.create(user=official, unit=tam_duong, role=Role.COMMUNE_OFFICIAL)
    today = dt.date.today()
    draft = consultations.consultation_publish(
        actor=official,
        unit=tam_duong,
        draft=consultations.Draft(
            category="7",
            title="Dự thảo Quy chế dân chủ xã",
            clauses=["Điều 1. Phạm vi áp dụng.", "Điều 2. Họp thôn mỗi quý một lần."],
            forms=["meeting"],
            closes_on=today + dt.timedelta(days=30),
        ),
    )
    seen: list[str] = []
    page = browser_page
    page.on("request", lambda request: seen.append(request.url))

    page.goto(f"{live_server.url}/accounts/login/?next=/app/units/{ban.code}/household-logins/")
    page.fill("#id_username", "truongthon")
    page.fill("#id_password", "mat-khau-demo-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Cấp mã cho tất cả các hộ").click()
    page.wait_for_selector("#sheet")
    login = page.locator("#sheet code").first.inner_text()
    code = page.locator("#sheet code.activation").inner_text()
    page.screenshot(path=str(ARTIFACTS / "household-codes.png"), full_page=True)

    phone = page.context.browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN"
    ).new_page()
    phone.on("request", lambda request: seen.append(request.url))
    phone.goto(f"{live_server.url}/ho/dang-nhap/#login={login}&code={code}")
    assert phone.input_value("#id_login") == login
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.fill("#id_pin", "482915")
    phone.fill("#id_again", "482915")
    phone.get_by_role("button", name="Lưu mã PIN").click()
    phone.get_by_role("button", name="Chọn bỏ phiếu trực tuyến").click()
    phone.wait_for_selector("text=Hộ đã chọn bỏ phiếu trực tuyến")
    assert OnlineOptIn.objects.filter(household=household).exists()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(ARTIFACTS / "household-home.png"), full_page=True)
    # Comments on two clauses of the commune's draft.
    phone.goto(f"{live_server.url}/consultations/{draft.pk}/")
    for n, text in ((1, "Nêu rõ các tổ dân phố"), (2, "Họp thôn mỗi tháng")):
        phone.locator(f"#clause-{n} textarea").fill(text)
        phone.locator(f"#clause-{n} button").click()
        phone.wait_for_selector(f"#clause-{n} .opinions li:has-text('{text}')")
    assert Opinion.objects.filter(household=household).count() == 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(ARTIFACTS / "household-comments.png"), full_page=True)
    assert not [url for url in seen if code in url]  # the code never reached the server's logs

    phone.goto(f"{live_server.url}/ho/")
    assert phone.url.endswith("/ho/")  # still signed in
    page.goto(f"{live_server.url}/app/units/{ban.code}/household-logins/")
    page.get_by_role("button", name="Thu hồi").click()
    page.wait_for_selector("text=đã thu hồi")
    phone.goto(f"{live_server.url}/ho/")
    assert phone.url.endswith("/ho/dang-nhap/")
