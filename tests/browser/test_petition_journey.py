"""A resident sends feedback without an account and follows it by code while an official
accepts, extends and resolves it. The tracking code never appears in a request line,
as the browser sent it or as the server received it: it travels in the session and in
POST bodies only (access logs keep request lines)."""

from django.core.signals import request_started
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS


def test_feedback_from_submission_to_resolution(live_server, browser_page):
    p = province("Lai Châu")
    c = commune(p, "Xã Than Uyên")
    official = User.objects.create_user("canbo", password="mat-khau-demo")
    RoleAssignment.objects.create(user=official, unit=c, role=Role.COMMUNE_OFFICIAL)
    seen: list[str] = []  # every URL the browsers asked for
    received: list[str] = []  # every request line the live server received

    def record(environ, **kwargs):
        received.append(f"{environ.get('PATH_INFO')}?{environ.get('QUERY_STRING', '')}")

    request_started.connect(record)
    try:
        code = _journey(live_server, browser_page, c, p, seen)
    finally:
        request_started.disconnect(record)
    assert any(line.startswith("/petitions/track/") for line in received)
    assert not [url for url in seen if code in url]
    assert not [line for line in received if code in line]


def _journey(live_server, resident, c, p, seen) -> str:
    """The steps; returns the petition's tracking code."""
    resident.on("request", lambda request: seen.append(request.url))

    resident.goto(f"{live_server.url}/petitions/new/")
    resident.select_option("#id_province", p.code)
    resident.locator(f"#id_commune option[value='{c.code}']").wait_for(state="attached")
    resident.select_option("#id_commune", c.code)
    resident.select_option("#id_category", "roads")
    resident.fill("#id_subject", "Đường vào bản bị sạt lở")
    resident.fill(
        "#id_description", "Sau mưa lớn, đoạn đường qua suối bị sạt, xe máy không qua được."
    )
    resident.screenshot(path=str(ARTIFACTS / "petition-form.png"), full_page=True)
    resident.get_by_role("button", name="Gửi đơn").click()
    code = resident.locator("#tracking-code").inner_text()
    assert len(code) == 10
    assert resident.locator("#status").inner_text() == "Đã tiếp nhận"

    official_page = resident.context.browser.new_context(
        viewport={"width": 360, "height": 740}
    ).new_page()
    official_page.on("request", lambda request: seen.append(request.url))
    official_page.goto(f"{live_server.url}/accounts/login/?next=/app/units/{c.code}/petitions/")
    official_page.fill("#id_username", "canbo")
    official_page.fill("#id_password", "mat-khau-demo")
    official_page.get_by_role("button", name="Đăng nhập").click()
    official_page.get_by_role("link", name="Đường vào bản bị sạt lở").click()
    official_page.get_by_role("button", name="Thụ lý").click()
    assert official_page.locator("#status").inner_text() == "Đã thụ lý"
    official_page.locator("summary", has_text="Gia hạn").click()
    official_page.fill("#id_reason", "Cần khảo sát hiện trường cùng huyện đội")
    official_page.get_by_role("button", name="Gia hạn").click()
    assert "đã gia hạn 1 lần" in official_page.locator("#due").inner_text()
    official_page.fill("#id_resolution", "Đã đắp lại đoạn đường và làm rãnh thoát nước.")
    official_page.get_by_role("button", name="Ghi kết quả giải quyết").click()
    assert official_page.locator("#status").inner_text() == "Đã giải quyết"

    # Later, on the tracking page: the code is typed into its form, which posts it.
    resident.goto(f"{live_server.url}/petitions/track/")
    resident.fill("#code", code)
    resident.get_by_role("button", name="Tra cứu").click()
    steps = resident.locator(".steps li")
    expect(steps).to_have_count(4)  # received, accepted, extended, resolved
    assert "Đã đắp lại đoạn đường" in resident.content()
    assert resident.evaluate("document.documentElement.scrollWidth") <= 360
    resident.screenshot(path=str(ARTIFACTS / "petition-track.png"), full_page=True)
    return code


def test_a_complaints_resolution_suspended_and_continued(live_server, browser_page):
    """An official records the suspension of a complaint's resolution and later the
    decision to continue; the sender sees "Tạm đình chỉ" meanwhile; the due date moves
    by the 21 days suspended (5/8/2026 → 26/8/2026)."""
    import datetime as dt

    from coso.petitions import services

    p = province("Điện Biên")
    c = commune(p, "Xã Mường Phăng")
    official = User.objects.create_user("canbo", password="mat-khau-demo")
    RoleAssignment.objects.create(user=official, unit=c, role=Role.COMMUNE_OFFICIAL)
    complaint = services.petition_submit(
        actor=official,
        unit=c,
        data=services.Submission(
            kind="complaint",
            subject="Khiếu nại quyết định thu hồi đất",
            description="Không đồng ý mức bồi thường.",
            received_on=dt.date(2026, 7, 1),
        ),
    )
    services.petition_accept(actor=official, petition=complaint, on=dt.date(2026, 7, 6))
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/?next=/app/petitions/{complaint.pk}/")
    page.fill("#id_username", "canbo")
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    assert "05/08/2026" in page.locator("#due").inner_text()
    page.locator("summary", has_text="Tạm đình chỉ giải quyết").click()
    page.fill("#suspend_decision_number", "12/QĐ-UBND")
    page.fill("#suspend_decided_on", "2026-07-20")
    page.fill("#suspend_reason", "Người khiếu nại ốm nặng, đang điều trị tại tỉnh")
    page.get_by_role("button", name="Ghi quyết định tạm đình chỉ").click()
    assert page.locator("#status").inner_text() == "Tạm đình chỉ"
    assert "Quyết định số 12/QĐ-UBND ngày 20/07/2026" in page.locator("#suspensions").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "petition-suspended.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(ARTIFACTS / "petition-suspended-wide.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})

    sender = page.context.browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    sender.goto(f"{live_server.url}/petitions/track/")  # the code posted, never in a URL
    sender.fill("#code", complaint.tracking_code)
    sender.locator("#track button").click()
    sender.wait_for_selector("#status")
    assert sender.locator("#status").inner_text() == "Tạm đình chỉ"
    assert "Người khiếu nại ốm nặng" in sender.content()
    sender.screenshot(path=str(ARTIFACTS / "petition-track-suspended.png"), full_page=True)

    page.fill("#resume_resumed_on", "2026-08-10")
    page.fill("#resume_decision_number", "15/QĐ-UBND")
    page.get_by_role("button", name="Ghi quyết định tiếp tục").click()
    assert page.locator("#status").inner_text() == "Đã thụ lý"
    due = page.locator("#due").inner_text()
    assert "26/08/2026" in due and "21 ngày tạm đình chỉ" in due
    page.screenshot(path=str(ARTIFACTS / "petition-continued.png"), full_page=True)
