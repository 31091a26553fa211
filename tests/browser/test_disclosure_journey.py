"""An official publishes a disclosure in the browser; a resident finds it without signing
in; the compliance page shows what the commune has still not made public."""

from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS


def test_publish_find_and_check_compliance(live_server, browser_page):
    p = province("Lai Châu")
    c = commune(p, "Xã Than Uyên")
    user = User.objects.create_user("canbo", password="mat-khau-demo")
    RoleAssignment.objects.create(user=user, unit=c, role=Role.COMMUNE_OFFICIAL)
    page = browser_page

    page.goto(f"{live_server.url}/accounts/login/?next=/app/units/{c.code}/disclosures/new/")
    page.fill("#id_username", "canbo")
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.select_option("#id_category", "2")
    page.fill("#id_title", "Công khai dự toán ngân sách xã năm 2027")
    page.fill("#id_body", "Tổng thu, tổng chi và các khoản chi chủ yếu.")
    page.get_by_label("Niêm yết tại trụ sở, nhà văn hóa thôn, tổ dân phố").check()
    page.set_input_files(
        "#id_documents",
        files=[
            {"name": "du-toan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
        ],
    )
    page.screenshot(path=str(ARTIFACTS / "disclosure-form.png"), full_page=True)
    page.get_by_role("button", name="Công khai").click()
    page.wait_for_url("**/d/**")
    assert page.locator("h1").inner_text() == "Công khai dự toán ngân sách xã năm 2027"

    # A resident, not signed in, finds it on the commune's page by a search without accents.
    resident = page.context.browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    resident.goto(f"{live_server.url}/units/{c.code}/")
    resident.get_by_role("link", name="Thông tin công khai").click()
    resident.fill("#q", "du toan ngan sach")
    resident.locator(".disclosures a", has_text="dự toán ngân sách").wait_for()
    resident.screenshot(path=str(ARTIFACTS / "disclosure-public.png"), full_page=True)
    resident.locator(".disclosures a", has_text="dự toán ngân sách").click()
    expect(resident.locator("a", has_text="du-toan.pdf")).to_have_count(1)

    page.goto(f"{live_server.url}/app/units/{c.code}/compliance/")
    missing = page.locator("#missing li")
    expect(missing).to_have_count(12)
    assert "Dự toán" not in page.locator("#missing").inner_text()
    assert "Kế hoạch phát triển kinh tế" in page.locator("#missing").inner_text()
    page.screenshot(path=str(ARTIFACTS / "disclosure-compliance.png"), full_page=True)
