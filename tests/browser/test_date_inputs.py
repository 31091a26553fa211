"""Dates read day/month/year whatever the browser's language (issue 23): on a phone set
to American English, a commune official sees dd/mm/yyyy in a meeting's date box, types
the 13th or later day of a month that way, and the meeting is recorded on that day, not
on a month read as a day; a date written month first is refused. The steering committee
chooses a dashboard's period from a list of named periods ("Quý IV/2026"), not by typing
a code. A meeting's start time reads on a 24-hour clock (19:05, never 7:05 PM), and the
reception schedule's month is chosen by its Vietnamese name ("Tháng 11/2026")."""

import datetime as dt

from django.db import connections
from playwright.sync_api import expect, sync_playwright

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services as decisions
from coso.decisions.models import Matter
from coso.dialogues.models import Meeting
from coso.people.models import Household
from coso.people.tests.factories import make_household
from coso.reports import periods
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS, CHROMIUM, FLAGS

PASSWORD = "mat-khau-demo-2026"


def sign_in(page, url, username, next_url):
    page.goto(f"{url}/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def a_day_that_cannot_be_a_month() -> dt.date:
    """The latest day, today or before, whose day of the month is above 12."""
    day = dt.date.today()
    while day.day <= 12:
        day -= dt.timedelta(days=1)
    return day


def test_an_english_browser_types_dates_day_first(live_server, monkeypatch):
    lai_chau = province("Lai Châu")
    tam_duong = commune(lai_chau, "Xã Tam Đường")
    official = User.objects.create_user("xa", password=PASSWORD)
    RoleAssignment.objects.create(user=official, unit=tam_duong, role=Role.COMMUNE_OFFICIAL)
    viewer = User.objects.create_user("tinh", password=PASSWORD)
    RoleAssignment.objects.create(user=viewer, unit=lai_chau, role=Role.PROVINCE_VIEWER)
    day = a_day_that_cannot_be_a_month()
    ARTIFACTS.mkdir(exist_ok=True)
    # As the browser_page fixture does (its browser speaks Vietnamese; this one English).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
        page = context.new_page()
        assert page.evaluate("navigator.language") == "en-US"

        sign_in(page, live_server.url, "xa", f"/app/units/{tam_duong.code}/meetings/new/")
        box = page.locator("#id_date")
        expect(box).to_have_attribute("type", "text")
        expect(box).to_have_attribute("placeholder", "dd/mm/yyyy")
        box.fill(day.strftime("%d/%m/%Y"))
        page.fill("#id_place", "Hội trường UBND xã")
        page.fill("#id_chair", "Ông Lò Văn Chủ")
        page.fill("#id_people_residents", "120")
        page.fill("#id_people_officials", "14")
        page.screenshot(path=str(ARTIFACTS / "date-input-en-us.png"), full_page=True)
        page.get_by_role("button", name="Lưu").click()
        page.wait_for_selector("#item-form")
        assert Meeting.objects.get().date == day

        # A month-first date is refused, in Vietnamese, and nothing is recorded.
        page.goto(f"{live_server.url}/app/units/{tam_duong.code}/meetings/new/")
        page.fill("#id_date", "12/31/2025")
        page.fill("#id_place", "Nhà văn hóa")
        page.fill("#id_chair", "Ông Lò Văn Chủ")
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_text("Nhập một ngày hợp lệ.")).to_be_visible()
        assert Meeting.objects.count() == 1
        assert page.evaluate("document.querySelector('#id_date').validity.valid")
        page.fill("#id_date", "31 thg 12")
        assert not page.evaluate("document.querySelector('#id_date').validity.valid")

        page.context.clear_cookies()
        sign_in(page, live_server.url, "tinh", f"/app/units/{lai_chau.code}/dashboard/")
        quarter = periods.of_kind(periods.QUARTER, dt.date.today())
        picker = page.locator("select#period")
        expect(picker.locator(f"option[value='{quarter.code}']")).to_have_text(quarter.label)
        picker.select_option(quarter.code)
        page.screenshot(path=str(ARTIFACTS / "period-picker.png"), full_page=True)
        picker.locator("xpath=ancestor::form").get_by_role("button", name="Xem").click()
        page.wait_for_url(f"**period={quarter.code}")
        expect(page.locator("select#period")).to_have_value(quarter.code)
        browser.close()
    connections.close_all()


def english_phone(page):
    """A second page in the audited browser (axe-core checks it too), set to American
    English."""
    context = page.context.browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-US"
    )
    english = context.new_page()
    assert english.evaluate("navigator.language") == "en-US"
    return english


def test_an_english_browser_types_a_meetings_time_on_a_24_hour_clock(live_server, browser_page):
    tam_duong = commune(province("Lai Châu"), "Xã Tam Đường")
    na_luong = village(tam_duong, "Bản Nà Luông")
    head = User.objects.create_user("truongban", password=PASSWORD)
    RoleAssignment.objects.create(user=head, unit=na_luong, role=Role.VILLAGE_HEAD)
    for i in range(6):
        make_household(na_luong, f"M{i:02d}")
    matter = decisions.matter_create(
        actor=head, unit=na_luong, matter_type="6", title="Làm đường bê tông"
    )
    decisions.matter_open(actor=head, matter=matter)
    present = list(Household.objects.values_list("pk", flat=True)[:5])
    decisions.attendance_record(actor=head, matter=matter, household_ids=present)
    decisions.tally_record(actor=head, matter=matter, counts={"yes": 4, "no": 1})
    decisions.matter_count(actor=head, matter=matter)
    page = english_phone(browser_page)

    sign_in(page, live_server.url, "truongban", f"/app/matters/{matter.pk}/")
    box = page.locator("#id_starts_at")
    expect(box).to_have_attribute("type", "text")
    expect(box).to_have_attribute("inputmode", "numeric")
    expect(box).to_have_attribute("placeholder", "giờ:phút")
    expect(page.locator(f"#{box.get_attribute('aria-describedby')}")).to_have_text(
        "Giờ:phút, ví dụ 07:30"
    )
    # The browser itself lets no AM/PM through; the server refuses an hour past 23.
    box.fill("7:05 PM")
    assert not box.evaluate("b => b.validity.valid")
    box.fill("25:00")
    page.fill("#id_venue", "Nhà văn hóa bản")
    page.fill("#id_chair", "Lò Văn Tiến")
    page.fill("#id_secretary", "Tòng Thị Mai")
    page.get_by_role("button", name="Công bố", exact=True).click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("ví dụ 07:30 hoặc 19:05")
    expect(page.locator("#id_starts_at")).to_have_value("25:00")
    assert Matter.objects.get(pk=matter.pk).starts_at is None
    page.fill("#id_starts_at", "19g05")
    page.screenshot(path=str(ARTIFACTS / "time-input-en-us.png"), full_page=True)
    page.get_by_role("button", name="Công bố", exact=True).click()
    expect(page.locator("#meeting-record")).to_contain_text("Bắt đầu lúc 19:05")
    assert Matter.objects.get(pk=matter.pk).starts_at == dt.time(19, 5)


def test_the_reception_month_is_chosen_by_its_vietnamese_name(live_server, browser_page):
    tam_duong = commune(province("Lai Châu"), "Xã Tam Đường")
    official = User.objects.create_user("xa", password=PASSWORD)
    RoleAssignment.objects.create(user=official, unit=tam_duong, role=Role.COMMUNE_OFFICIAL)
    page = english_phone(browser_page)
    this_month = dt.date.today().replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    name = f"Tháng {last_month.month}/{last_month.year}"

    sign_in(page, live_server.url, "xa", f"/app/units/{tam_duong.code}/reception/")
    picker = page.get_by_label("Tháng", exact=True)
    expect(picker).to_have_value(f"{this_month:%Y-%m}")
    assert page.locator("input[type=month]").count() == 0
    picker.select_option(label=name)
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url(f"**month={last_month:%Y-%m}")
    expect(page.get_by_label("Tháng", exact=True)).to_have_value(f"{last_month:%Y-%m}")
    page.screenshot(path=str(ARTIFACTS / "reception-month-picker.png"), full_page=True)
    page.get_by_role("link", name=f"Tháng {this_month.month}/{this_month.year} »").click()
    expect(page.get_by_label("Tháng", exact=True)).to_have_value(f"{this_month:%Y-%m}")
