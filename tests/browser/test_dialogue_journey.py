"""A commune official records a dialogue on a phone: three questions, two commitments.
One commitment passes its due date and the province's dashboard shows it overdue, down
to the record; the owner marks it done with a photo; the resident who raised it confirms
with the code handed to them; the public page shows it kept, with the days it took."""

import datetime as dt
import io

from django.core.management import call_command
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64
WIDTH = 360


def sign_in(page, url, username, password="mat-khau-demo-2026", next_url=""):
    page.goto(f"{url}/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Đăng nhập").click()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_a_promise_at_a_dialogue_is_kept_to_the_end(live_server, browser_page, time_machine):
    today = dt.date.today()
    time_machine.move_to(dt.datetime.combine(today, dt.time(2), dt.UTC), tick=True)
    lai_chau = province("Lai Châu")
    tam_duong = commune(lai_chau, "Xã Tam Đường")
    official = User.objects.create_user("xa", password="mat-khau-demo-2026", email="xa@x.vn")
    RoleAssignment.objects.create(user=official, unit=tam_duong, role=Role.COMMUNE_OFFICIAL)
    viewer = User.objects.create_user("tinh", password="mat-khau-demo-2026")
    RoleAssignment.objects.create(user=viewer, unit=lai_chau, role=Role.PROVINCE_VIEWER)
    page = browser_page

    # The meeting, then its questions, on a phone.
    sign_in(page, live_server.url, "xa", next_url=f"/app/units/{tam_duong.code}/meetings/new/")
    page.fill("#id_date", today.isoformat())
    page.fill("#id_place", "Hội trường UBND xã")
    page.fill("#id_chair", "Ông Lò Văn Chủ, Chủ tịch UBND xã")
    page.fill("#id_people_residents", "120")
    page.fill("#id_people_officials", "14")
    page.check("input[name=topics][value=roads]")
    assert fits(page)
    page.screenshot(path=str(ARTIFACTS / "dialogue-new.png"), full_page=True)
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("#item-form")
    questions = [
        (
            "Đường vào bản Nà Luông sạt lở, bao giờ sửa?",
            "Xã sẽ sửa",
            "Sửa đường vào bản Nà Luông",
            5,
        ),
        ("Khi nào có điện lưới ở bản Hon?", "Điện lực đang lập dự án, dự kiến năm 2027.", "", 0),
        ("Chợ phiên thiếu nhà vệ sinh", "", "Xây nhà vệ sinh chợ phiên", 60),
    ]
    for text, answer, commitment, days in questions:
        page.fill("#id_text", text)
        page.fill("#id_asker_name", "Bà Lò Thị Hỏi")
        page.fill("#id_asker_contact", "0912345678")
        page.fill("#id_answer", answer)
        page.fill("#id_commitment", commitment)
        if commitment:
            page.fill("#id_owner_name", "Ông Lò Văn Chủ, Chủ tịch UBND xã")
            page.select_option("#id_owner", label="xa")
            page.fill("#id_due_on", (today + dt.timedelta(days=days)).isoformat())
        page.get_by_role("button", name="Thêm câu hỏi").click()
        page.wait_for_selector(f"#items li:has-text('{text}')")
    expect(page.locator("#items > li")).to_have_count(3)
    expect(page.locator("#items a[href*='/app/followups/']")).to_have_count(2)
    assert fits(page)
    page.screenshot(path=str(ARTIFACTS / "dialogue-detail.png"), full_page=True)
    meeting_url = page.url
    code = page.locator("#items li:has-text('Nà Luông') code").inner_text()
    followup_url = page.locator("#items a[href*='/app/followups/']").first.get_attribute("href")

    # Ten days later the first commitment is overdue: the province sees it.
    time_machine.move_to(dt.datetime.combine(today + dt.timedelta(days=10), dt.time(2), dt.UTC))
    call_command("indicators", "refresh", "--current", stdout=io.StringIO())
    province_page = page.context.browser.new_context(
        viewport={"width": WIDTH, "height": 800}, locale="vi-VN"
    ).new_page()
    sign_in(province_page, live_server.url, "tinh")
    province_page.wait_for_selector("#headline")
    province_page.locator("#headline a", has_text="Việc quá hạn").click()
    province_page.wait_for_selector("#breakdown")
    assert province_page.locator("#total").inner_text() == "1"
    province_page.locator("#breakdown a", has_text="Xã Tam Đường").click()
    province_page.wait_for_selector("#followups")
    assert "which=overdue" in province_page.url
    expect(province_page.locator("#followups tbody tr")).to_have_count(1)
    assert "Sửa đường vào bản Nà Luông" in province_page.content()
    assert fits(province_page)
    province_page.screenshot(path=str(ARTIFACTS / "dialogue-province-overdue.png"), full_page=True)

    # The owner marks it done, with a photo.
    sign_in(page, live_server.url, "xa", next_url=followup_url)
    page.check("input[name=status][value=done]")
    page.fill("#id_note", "Đã đổ bê tông 120 m đường, thông xe.")
    page.set_input_files(
        "#id_evidence", files=[{"name": "duong.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("#status:has-text('Đã thực hiện')")
    expect(page.locator("a:has-text('duong.png')")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "followup-done.png"), full_page=True)

    # The resident who raised it confirms, with the code handed to them.
    resident = page.context.browser.new_context(
        viewport={"width": WIDTH, "height": 800}, locale="vi-VN"
    ).new_page()
    resident.goto(f"{live_server.url}/followups/respond/")
    resident.fill("#code", code)
    resident.get_by_role("button", name="Xem").click()
    resident.wait_for_selector("#respond")
    resident.check("input[name=answer][value=confirm]")
    resident.get_by_role("button", name="Gửi ý kiến").click()
    resident.wait_for_selector("#thanks")
    assert fits(resident)
    resident.screenshot(path=str(ARTIFACTS / "followup-confirmed.png"), full_page=True)

    # The public page: kept, with the days it took; nobody's name or the code.
    public = meeting_url.replace("/app/meetings/", "/dialogues/")
    resident.goto(public)
    kept = resident.locator("#items li:has-text('Nà Luông') .commitment").inner_text()
    assert "xong sau 10 ngày" in kept and "người nêu đã xác nhận" in kept
    body = resident.content()
    assert "Lò Thị Hỏi" not in body and "0912345678" not in body and code not in body
    assert fits(resident)
    resident.screenshot(path=str(ARTIFACTS / "dialogue-public.png"), full_page=True)
