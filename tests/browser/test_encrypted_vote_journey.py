"""An encrypted secret round on a 360-px phone: the village head opens it and the five
members of the counting board save their shares; a household votes online and keeps its
receipt; three members count with their shares; the household finds its receipt on the
published list."""

import re

from django.test import override_settings
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services
from coso.decisions.models import HouseholdCode, Matter, OnlineOptIn
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS

BOARD = ["Lò Văn An", "Tòng Thị Bình", "Quàng Văn Cường", "Lường Thị Dung", "Cầm Văn Én"]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _wide(page, name: str) -> None:
    """The same page on a desk's screen, then back to the phone."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(ARTIFACTS / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})


@override_settings(COSO_BALLOT_KEY_BITS=512)
def test_encrypted_round_from_opening_to_receipt(live_server, browser_page):
    v = village(commune(province("Lai Châu"), "Xã Mường So"), "Bản Mường So")
    for i in range(6):
        OnlineOptIn.objects.create(unit=v, household=make_household(v, f"MS-{i}"))
    head = User.objects.create_user("truongban", password="mat-khau-demo")
    RoleAssignment.objects.create(user=head, unit=v, role=Role.VILLAGE_HEAD)
    page = browser_page

    page.goto(f"{live_server.url}/accounts/login/?next=/app/units/{v.code}/matters/new/")
    page.fill("#id_username", "truongban")
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.select_option("#id_matter_type", "6")
    page.fill("#id_title", "Chọn ngày hội bản")
    page.select_option("#id_method", "ballot")
    page.check("#id_secret")
    page.fill("#id_counting_board", "\n".join(BOARD))
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_role("button", name="Phát phiếu").click()

    page.wait_for_selector("#shares-once")
    assert "3 trên 5" in page.content()
    slips = page.locator(".share-slip")
    expect(slips).to_have_count(5)
    shares = [slips.nth(i).locator(".share-text").inner_text() for i in range(5)]
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "encrypted-shares.png"), full_page=True)
    _wide(page, "encrypted-shares")
    for i in range(5):
        slips.nth(i).get_by_role("button", name="Đã lưu").click()
        expect(slips.nth(i).locator(".saved")).to_be_visible()
    matter = Matter.objects.get(title="Chọn ngày hội bản")
    assert matter.board_members.filter(confirmed_at__isnull=False).count() == 5

    # A household votes with the code on its form and keeps its receipt.
    codes = list(HouseholdCode.objects.filter(matter=matter).order_by("form_number"))
    page.goto(f"{live_server.url}/vote/#code={codes[0].code}")
    page.wait_for_selector("text=Chọn ngày hội bản")
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_selector("#receipt")
    receipt = page.locator("#receipt .share-text").inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", receipt)
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "encrypted-receipt.png"), full_page=True)
    for code, key in ((codes[1], "no"), (codes[2], "yes")):
        services.vote_online(code=code.code, choice=[key])

    # The printed forms: a stub with the household's code, a ballot with none.
    page.goto(f"{live_server.url}/app/matters/{matter.pk}/codes/")
    forms = page.locator(".stub-form")
    expect(forms).to_have_count(6)
    assert codes[3].code not in forms.nth(3).locator(".ballot").inner_text()
    assert codes[3].code in forms.nth(3).locator(".stub").inner_text()
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "encrypted-stub-forms.png"), full_page=True)
    _wide(page, "encrypted-stub-forms")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=str(ARTIFACTS / "encrypted-stub-forms-a4.png"))
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 360, "height": 740})

    # The board keys in two stubs, then two ballots that carry no code.
    page.goto(f"{live_server.url}/app/matters/{matter.pk}/")
    page.fill("#id_codes", f"{codes[3].code}\n{codes[4].code}")
    page.locator("#stubs-form button").click()
    page.wait_for_selector("text=Đã nhận 2 cuống phiếu.")
    page.fill("#id_count_yes", "1")
    page.fill("#id_count_no", "1")
    page.locator("#paper-form button").click()
    page.wait_for_selector("text=Đã nhập 2 phiếu giấy (đã mã hoá).")
    expect(page.locator("#paper-progress")).to_contain_text("2 cuống phiếu, 2 phiếu giấy")

    # Three members of the board count with their shares.
    expect(page.locator("#board li")).to_have_count(5)
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "encrypted-matter.png"), full_page=True)
    page.locator("#count-button").click()
    page.fill("#id_share_1", shares[0])
    page.fill("#id_share_3", shares[2])
    page.fill("#id_share_5", shares[4])
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "encrypted-count.png"), full_page=True)
    _wide(page, "encrypted-count")
    page.locator("#count-shares").click()
    page.wait_for_selector("text=Đã kiểm phiếu")
    matter.refresh_from_db()
    assert matter.outcome["tally"] == {"yes": 3, "no": 2, "other": 0}
    services.matter_publish(actor=head, matter=matter)

    # Anyone finds the receipt on the published list.
    page.goto(f"{live_server.url}/m/{matter.pk}/")
    page.get_by_role("link", name="Tìm biên nhận phiếu của hộ").click()
    page.fill("#id_receipt", receipt)
    page.locator("#find-receipt").click()
    page.wait_for_selector("#receipt-found")
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "encrypted-receipt-found.png"), full_page=True)
    _wide(page, "encrypted-receipt-found")
