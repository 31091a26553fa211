"""On a phone 360 px wide: the signed-in household chooses Zalo on its page (its phone
shown masked), and a sender on the tracking page stops notices for their petition with
its code (their number masked). The choices are stored; no page shows a whole number."""

from coso.accounts.models import Role, RoleAssignment, User
from coso.notices.services import resident_preference
from coso.people.tests.factories import make_household
from coso.petitions import services as petitions
from coso.petitions.models import Kind
from coso.residents import services as residents
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS


def test_residents_choose_their_channel_or_stop_notices(live_server, browser_page):
    page = browser_page
    tam_duong = commune(province("Lai Châu"), "Xã Tam Đường")
    ban = village(tam_duong, "Bản Nà Luông")
    household = make_household(ban, "NL-1")
    household.phone = "0912 345 678"
    household.save()
    head = User.objects.create_user("truongthon")
    RoleAssignment.objects.create(user=head, unit=ban, role=Role.VILLAGE_HEAD)
    (slip,) = residents.issue_codes(actor=head, village=ban, households=[household])

    page.goto(f"{live_server.url}/ho/dang-nhap/")
    page.fill("#id_login", slip["login"])
    page.fill("#id_secret", slip["code"])
    page.get_by_role("button", name="Đăng nhập").click()
    page.fill("#id_pin", "482915")
    page.fill("#id_again", "482915")
    page.get_by_role("button", name="Lưu mã PIN").click()
    assert page.locator("#notices-phone").inner_text() == "*******678"
    choose(page, "Tin nhắn Zalo", "Đã ghi cách nhận thông báo của hộ.")
    assert resident_preference(f"household:{household.pk}") == ("zalo", False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("#notices").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "household-notices.png"))
    assert "345 678" not in page.content()

    petition = petitions.petition_submit(
        actor=None,
        unit=tam_duong,
        data=petitions.Submission(
            kind=Kind.FEEDBACK,
            subject="Đèn đường ngã ba bản hỏng",
            description="Đèn đường ở ngã ba bản tắt đã một tuần.",
            sender_contact="0987 654 321",
        ),
    )
    page.goto(f"{live_server.url}/petitions/track/")
    page.fill("#code", petition.tracking_code)
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("#notices-contact").inner_text() == "*******321"
    choose(page, "Không nhận thông báo", "Đã ghi cách nhận thông báo về đơn.")
    assert resident_preference(f"petition:{petition.pk}") == ("sms", True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert "654 321" not in page.content()
    page.screenshot(path=str(ARTIFACTS / "track-notices.png"), full_page=True)


def choose(page, label, saved):
    """Pick `label` in the page's choice of notices, save, and wait to be told `saved`."""
    page.locator("#notices").get_by_label(label).check()
    page.locator("#notices").get_by_role("button", name="Lưu lựa chọn").click()
    page.wait_for_selector(f"text={saved}")
