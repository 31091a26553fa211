"""The village head prints a household's sign-in code (after confirming what new codes
cancel); on a phone the household scans it (the code travels after "#", never to the
server), is refused a weak PIN and sets its own, chooses online voting, votes in the
village's round from its page without typing a code, sends a petition from its own
commune, and comments on two clauses of the commune's draft; the village head revokes
it and the household's session ends. No request line — as the browser sent it, and as
the server received it — holds the activation code, the vote code or the tracking code."""

import datetime as dt

from django.core.signals import request_started

from coso.accounts.models import Role, RoleAssignment, User
from coso.consultations import services as consultations
from coso.consultations.models import Opinion
from coso.decisions import services as decisions
from coso.decisions.models import HouseholdCode, OnlineOptIn
from coso.people.tests.factories import make_household
from coso.petitions.models import Petition
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
    seen: list[str] = []  # every URL the browsers asked for
    received: list[str] = []  # every request line the live server received

    def record(environ, **kwargs):
        received.append(f"{environ.get('PATH_INFO')}?{environ.get('QUERY_STRING', '')}")

    request_started.connect(record)
    try:
        activation = _journey(live_server, browser_page, ban, household, draft, seen)
    finally:
        request_started.disconnect(record)
    assert any(line.startswith("/ho/") for line in received)
    secrets = [
        HouseholdCode.objects.get(household=household).code,
        Petition.objects.get(household=household).tracking_code,
        activation,
    ]
    assert len(secrets) == 3
    for secret in secrets:
        assert not [url for url in seen if secret in url]
        assert not [line for line in received if secret in line]


def _journey(live_server, page, ban, household, draft, seen) -> str:
    """The steps; returns the activation code printed for the household."""
    page.on("request", lambda request: seen.append(request.url))

    page.goto(f"{live_server.url}/accounts/login/?next=/app/units/{ban.code}/household-logins/")
    page.fill("#id_username", "truongthon")
    page.fill("#id_password", "mat-khau-demo-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Cấp mã cho tất cả các hộ").click()
    page.wait_for_selector("#confirm")
    assert "Cấp mã mới cho 1 hộ?" in page.locator("#confirm").inner_text()
    page.screenshot(path=str(ARTIFACTS / "household-codes-confirm.png"), full_page=True)
    page.get_by_role("button", name="Xác nhận: cấp mã mới cho 1 hộ").click()
    page.wait_for_selector("#sheet")
    login = page.locator("#sheet code").first.inner_text()
    code = page.locator("#sheet code.activation").inner_text()
    assert "Lò Văn Pọm" in page.locator("#sheet").inner_text()
    page.screenshot(path=str(ARTIFACTS / "household-codes.png"), full_page=True)

    phone = page.context.browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN"
    ).new_page()
    phone.on("request", lambda request: seen.append(request.url))
    phone.goto(f"{live_server.url}/ho/dang-nhap/#login={login}&code={code}")
    assert phone.input_value("#id_login") == login
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.fill("#id_pin", "123456")
    phone.fill("#id_again", "123456")
    phone.get_by_role("button", name="Lưu mã PIN").click()
    phone.wait_for_selector("text=dãy số liên tiếp tăng hoặc giảm")
    phone.screenshot(path=str(ARTIFACTS / "household-weak-pin.png"), full_page=True)
    phone.fill("#id_pin", "482915")
    phone.fill("#id_again", "482915")
    phone.get_by_role("button", name="Lưu mã PIN").click()
    phone.get_by_role("button", name="Chọn bỏ phiếu trực tuyến").click()
    phone.wait_for_selector("text=Hộ đã chọn bỏ phiếu trực tuyến")
    assert OnlineOptIn.objects.filter(household=household).exists()
    # The header says who is signed in.
    assert phone.locator("#signed-in").inner_text() == "Hộ Lò Văn Pọm"
    # The village opens a round: the household votes from its page, no code typed.
    head = User.objects.get(username="truongthon")
    matter = decisions.matter_create(
        actor=head, unit=ban, matter_type="6", title="Chọn ngày hội bản", method="ballot"
    )
    decisions.matter_open(actor=head, matter=matter)
    phone.goto(f"{live_server.url}/ho/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(ARTIFACTS / "household-home.png"), full_page=True)
    phone.locator("#rounds").get_by_role("link", name="Biểu quyết").click()
    phone.get_by_label("Đồng ý", exact=True).check()
    phone.screenshot(path=str(ARTIFACTS / "household-vote.png"), full_page=True)
    phone.get_by_role("button", name="Gửi ý kiến").click()
    phone.wait_for_selector("#rounds >> text=Hộ đã biểu quyết")
    assert decisions.tally_counts(matter)["yes"] == 1
    phone.set_viewport_size({"width": 1280, "height": 800})
    phone.screenshot(path=str(ARTIFACTS / "household-home-1280.png"), full_page=True)
    phone.set_viewport_size({"width": 360, "height": 740})
    # A petition starts in the household's own commune.
    phone.get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    assert phone.input_value("#id_province") == ban.parent.parent.code
    assert phone.input_value("#id_commune") == ban.parent.code
    phone.select_option("#id_category", "roads")
    phone.fill("#id_subject", "Đèn đường ngã ba bản hỏng")
    phone.fill("#id_description", "Đèn không sáng từ tuần trước.")
    phone.get_by_role("button", name="Gửi đơn").click()
    tracking = phone.locator("#tracking-code").inner_text()
    assert phone.url == f"{live_server.url}/petitions/track/"
    assert tracking == Petition.objects.get(household=household).tracking_code
    # Comments on two clauses of the commune's draft.
    phone.goto(f"{live_server.url}/consultations/{draft.pk}/")
    for n, text in ((1, "Nêu rõ các tổ dân phố"), (2, "Họp thôn mỗi tháng")):
        phone.locator(f"#clause-{n} textarea").fill(text)
        phone.locator(f"#clause-{n} button").click()
        phone.wait_for_selector(f"#clause-{n} .opinions li:has-text('{text}')")
    assert Opinion.objects.filter(household=household).count() == 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(ARTIFACTS / "household-comments.png"), full_page=True)

    phone.goto(f"{live_server.url}/ho/")
    assert phone.url.endswith("/ho/")  # still signed in
    page.goto(f"{live_server.url}/app/units/{ban.code}/household-logins/")
    page.get_by_role("button", name="Thu hồi").click()
    page.wait_for_selector("text=đã thu hồi")
    phone.goto(f"{live_server.url}/ho/")
    assert phone.url.endswith("/ho/dang-nhap/")
    return code
