"""An official confirms the topics of a petition on its page: the widget shows what the
rules suggested and what the sender picked; the official changes them, the widget is
swapped in place (HTMX) and the petition's page is not reloaded."""

from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.concerns.models import Concern
from coso.petitions import services as petitions
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS


def test_an_official_confirms_a_petitions_topics(live_server, browser_page):
    c = commune(province("Lai Châu"), "Xã Than Uyên")
    official = User.objects.create_user("canbo", password="mat-khau-demo")
    RoleAssignment.objects.create(user=official, unit=c, role=Role.COMMUNE_OFFICIAL)
    sent = petitions.petition_submit(
        actor=None,
        unit=c,
        data=petitions.Submission(
            kind="feedback",
            subject="Bồi thường đất ven suối",
            description="Việc đền bù giải phóng mặt bằng chưa thỏa đáng với các hộ ven suối.",
            category="roads",
        ),
    )
    concern = Concern.objects.get(record_type="petitions.petition", record_id=str(sent.pk))
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/?next=/app/petitions/{sent.pk}/")
    page.fill("#id_username", "canbo")
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    widget = page.locator(f"#concern-{concern.pk}")
    expect(widget).to_contain_text("chưa xác nhận")
    widget.get_by_text("Xác nhận chủ đề").click()
    page.screenshot(path=str(ARTIFACTS / "classify-petition-360.png"), full_page=True)
    widget.get_by_role("checkbox", name="Đường sá, cầu cống").uncheck()
    widget.locator("select").select_option("land.disputes")
    widget.get_by_role("button", name="Lưu chủ đề").click()
    widget = page.locator(f"#concern-{concern.pk}")
    expect(widget).to_contain_text("đã xác nhận")
    assert page.url.endswith(f"/app/petitions/{sent.pk}/")
    concern.refresh_from_db()
    assert concern.confirmed == ["land.compensation", "land.disputes"]
    assert concern.suggested == ["land.compensation"] and concern.picked == ["roads"]
    page.screenshot(path=str(ARTIFACTS / "classify-done-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    widget.get_by_text("Sửa chủ đề").click()
    page.screenshot(path=str(ARTIFACTS / "classify-petition-1280.png"), full_page=True)
