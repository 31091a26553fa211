"""A village head records a meeting on a 360-px phone: attendance, counts, the outcome
with its citations, and the minutes as DOCX."""

from docx import Document
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS


def test_village_head_records_a_meeting(live_server, browser_page):
    v = village(commune(province("Lai Châu"), "Xã Than Uyên"), "Bản Nà Cang")
    for i in range(12):
        make_household(v, f"NC-{i:02d}")
    head = User.objects.create_user("truongban", password="mat-khau-demo")
    RoleAssignment.objects.create(user=head, unit=v, role=Role.VILLAGE_HEAD)
    page = browser_page

    page.goto(f"{live_server.url}/accounts/login/?next=/app/units/{v.code}/matters/new/")
    page.fill("#id_username", "truongban")
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.select_option("#id_matter_type", "1")
    page.fill("#id_title", "Đóng góp làm đường bê tông nội bản")
    page.fill("#id_proposal", "Mỗi hộ góp 500.000 đồng và 3 ngày công.")
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_role("button", name="Bắt đầu cuộc họp").click()

    page.locator("#attendance-link").click()
    boxes = page.locator(".checklist input[type=checkbox]")
    expect(boxes).to_have_count(12)
    for i in range(10):
        boxes.nth(i).check()
    page.screenshot(path=str(ARTIFACTS / "meeting-attendance.png"), full_page=True)
    page.get_by_role("button", name="Lưu điểm danh").click()
    assert "10 hộ có mặt" in page.content()

    page.fill("#id_count_yes", "8")
    page.fill("#id_count_no", "1")
    page.fill("#id_count_other", "1")
    page.get_by_role("button", name="Lưu số biểu quyết").click()
    page.locator("#count-button").click()
    outcome = page.locator(".outcome").inner_text()
    assert "Thông qua" in outcome
    assert "8 đồng ý = 66,7 % tổng số: thông qua" in outcome
    assert "ít nhất 2/3 tổng số hộ" in outcome and "điều 21 khoản 1" in outcome
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "meeting-outcome.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải biên bản (DOCX)").click()
    document = Document(str(download.value.path()))
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Đồng ý", "8"] in rows
