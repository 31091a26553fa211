"""The administrator, on a phone, finds a topic by typing without diacritics, tries the
matching rules on a resident's sentence (HTMX, the page stays), adds a subtopic whose
phrase then suggests it, and retires it: gone from the petition form, kept in history."""

from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from tests.browser.test_dialogue_journey import sign_in
from tests.browser.test_oversight_journey import _shots


def test_the_administrator_keeps_the_catalogue(live_server, browser_page):
    admin = User.objects.create_superuser("quantri", password="mat-khau-demo-2026")
    RoleAssignment.objects.create(user=admin, unit=None, role=Role.ADMINISTRATOR)
    page = browser_page
    sign_in(page, live_server.url, "quantri", next_url="/app/topics/")
    expect(page.locator("#topics")).to_contain_text("Bồi thường, giải phóng mặt bằng")
    _shots(page, "topics-list")

    page.fill("#q", "den bu")
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator("#topics > li")).to_have_count(1)
    expect(page.locator("#topics")).to_contain_text("Đất đai, xây dựng")

    page.fill("#id_text", "Đền bù giải phóng mặt bằng chưa thỏa đáng")
    page.get_by_role("button", name="Thử", exact=True).click()
    expect(page.locator("#suggested-topics")).to_contain_text("Bồi thường, giải phóng mặt bằng")
    assert page.url.endswith("/app/topics/?q=den+bu")  # HTMX: the list stayed
    _shots(page, "topics-try")

    page.goto(f"{live_server.url}/app/topics/new/")
    page.fill("#id_code", "land.markets")
    page.fill("#id_label", "Chợ dân sinh")
    page.fill("#id_label_en", "Local markets")
    page.fill("#id_keywords", "chợ dân sinh\nsạp chợ")
    page.fill("#id_note", "Theo đề nghị của các xã")
    _shots(page, "topics-new")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".message").first).to_contain_text("Đã thêm chủ đề land.markets")

    page.goto(f"{live_server.url}/petitions/new/")
    expect(page.locator("#id_category option[value='land.markets']")).to_have_count(1)

    page.goto(f"{live_server.url}/app/topics/land.markets/edit/")
    page.locator("#retire-form button").click()
    expect(page.locator(".message").first).to_contain_text("Đã ngừng dùng chủ đề land.markets")
    expect(page.locator("#topic-land\\.markets .badge")).to_contain_text("ngừng dùng")
    page.goto(f"{live_server.url}/petitions/new/")
    expect(page.locator("#id_category option[value='land.markets']")).to_have_count(0)
    page.goto(f"{live_server.url}/app/topics/land.markets/revisions/")
    expect(page.locator("#revisions > li")).to_have_count(2)
    _shots(page, "topics-revisions")
