"""A village head records a meeting and a petition with no signal, on a 360-px phone:
the field page opens offline from its service worker, the entries wait in IndexedDB
with the count shown, and are sent when the connection returns — recorded once however
often the queue is sent, with the outcome entering them online gives. A round counted
by someone else meanwhile comes back as a conflict with the server's message."""

import datetime as dt
import json
from pathlib import Path

from django.contrib.staticfiles import finders
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services as decisions
from coso.decisions.models import Participation, Status, Tally
from coso.field.models import FieldEntry
from coso.field.views import ASSETS
from coso.people.models import Household
from coso.people.tests.factories import make_household
from coso.petitions.models import Petition
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS


def _place():
    v = village(commune(province("Lai Châu"), "Xã Than Uyên"), "Bản Nà Cang")
    for i in range(12):
        make_household(v, f"NC-{i:02d}")
    head = User.objects.create_user("truongban", password="mat-khau-demo")
    RoleAssignment.objects.create(user=head, unit=v, role=Role.VILLAGE_HEAD)
    return v, head


def _meeting(head, v, title="Đóng góp làm đường bê tông nội bản"):
    matter = decisions.matter_create(actor=head, unit=v, matter_type="1", title=title)
    decisions.matter_open(actor=head, matter=matter)
    return matter


def _open_field(live_server, page, ready="#meeting-form", username="truongban"):
    page.goto(f"{live_server.url}/accounts/login/?next=/field/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/field/")
    expect(page.locator(ready)).to_be_visible()
    # Controlled by the service worker (evaluated, not polled: the CSP forbids eval).
    page.evaluate(
        """navigator.serviceWorker.ready.then(() => new Promise((done) => {
            if (navigator.serviceWorker.controller) return done(true);
            navigator.serviceWorker.addEventListener("controllerchange", () => done(true));
        }))"""
    )


def _go_offline(page):
    page.context.set_offline(True)
    page.reload()  # the page itself now comes from the service worker's cache
    expect(page.locator("#net")).to_have_text("Mất mạng: mục nhập được lưu trên máy")


def _enter_meeting(page, matter, counts):
    page.select_option("#meeting", str(matter.pk))
    boxes = page.locator("#households input[type=checkbox]")
    expect(boxes).to_have_count(12)
    for i in range(12):
        boxes.nth(i).check()
    for key, n in counts.items():
        page.fill(f"#counts input[data-key={key}]", str(n))
    page.get_by_role("button", name="Lưu điểm danh và biểu quyết").click()


def test_offline_meeting_and_petition_sent_once(live_server, browser_page):
    v, head = _place()
    matter = _meeting(head, v)
    page = browser_page
    _open_field(live_server, page)
    _go_offline(page)

    counts = {"yes": 10, "no": 1, "other": 1}
    _enter_meeting(page, matter, counts)
    expect(page.locator("#waiting-count")).to_have_text("1")
    page.fill("#subject", "Đường vào bản sạt lở")
    page.fill("#description", "Đoạn qua suối Nậm Mu sạt sau mưa lớn, xe máy không qua được.")
    page.fill("#sender-name", "Lò Văn Pọm")
    page.get_by_role("button", name="Lưu đơn").click()
    expect(page.locator("#waiting-count")).to_have_text("2")
    assert Participation.objects.count() == 0 and Petition.objects.count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "field-offline.png"), full_page=True)
    # Signing out would clear the queue with the site's storage: the page asks first.
    notice = "Còn 2 mục chưa gửi: đăng xuất sẽ xoá chúng khỏi máy này."
    expect(page.locator("#unsent-notice")).to_have_text(notice)
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    with page.expect_event("dialog"):  # asked once the queue is read (coso.js)
        page.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator("#waiting-count")).to_have_text("2")
    assert asked == [f"{notice} Vẫn đăng xuất?"] and page.url.endswith("/field/")

    sent = []
    page.on(
        "request",
        lambda r: r.url.endswith("/field/sync") and sent.append(r.post_data),
    )
    page.context.set_offline(False)  # the page sends its queue when the connection returns
    expect(page.locator("#waiting-count")).to_have_text("0", timeout=15000)
    code = page.locator(".tracking-code").inner_text().split(": ")[1]
    page.screenshot(path=str(ARTIFACTS / "field-online.png"), full_page=True)

    petition = Petition.objects.get()
    assert petition.tracking_code == code and petition.channel == "in_person"
    households = list(Household.objects.filter(village=v).values_list("id", flat=True))
    assert sorted(
        Participation.objects.filter(matter=matter).values_list("household_id", flat=True)
    ) == sorted(households)
    # The outcome is the one the same meeting entered online gets.
    twin = _meeting(head, v)
    decisions.attendance_record(actor=head, matter=twin, household_ids=households)
    decisions.tally_record(actor=head, matter=twin, counts=counts)
    for m in (matter, twin):
        decisions.matter_count(actor=head, matter=m, on=dt.date(2026, 12, 7))
        m.refresh_from_db()
    assert matter.outcome == twin.outcome and matter.outcome["passed"]

    # The same queue sent again, as the phone would after losing the first answer.
    [body] = sent
    first = {e["id"] for e in json.loads(body)["entries"]}
    again = page.evaluate(
        """async (body) => {
            const token = (await (await fetch('/field/data.json')).json()).csrf;
            const r = await fetch('/field/sync', {method: 'POST', body,
                headers: {'Content-Type': 'application/json', 'X-CSRFToken': token}});
            return r.json();
        }""",
        body,
    )
    assert {r["id"] for r in again["results"]} == first
    assert {r["status"] for r in again["results"]} == {"ok"}
    assert [r.get("tracking_code") for r in again["results"]].count(code) == 1
    assert Petition.objects.count() == 1 and FieldEntry.objects.count() == 2
    assert Participation.objects.filter(matter=matter).count() == 12
    # The offline bundle: the page's files the service worker keeps.
    files = [finders.find(a) for a in (*ASSETS, "field/sw.js")]
    bundle = sum(Path(f).stat().st_size for f in files)
    print(f"offline bundle: {bundle} bytes")
    assert bundle < 300_000


def test_a_round_counted_meanwhile_comes_back_as_a_conflict(live_server, browser_page):
    v, head = _place()
    matter = _meeting(head, v)
    official = User.objects.create_user("canbo", password="mat-khau-demo")
    RoleAssignment.objects.create(user=official, unit=v.parent, role=Role.COMMUNE_OFFICIAL)
    page = browser_page
    _open_field(live_server, page)
    _go_offline(page)
    _enter_meeting(page, matter, {"yes": 12, "no": 0, "other": 0})
    expect(page.locator("#waiting-count")).to_have_text("1")

    # Meanwhile, at the commune office, the round is recorded and counted.
    some = list(Household.objects.filter(village=v).values_list("id", flat=True))[:9]
    decisions.attendance_record(actor=official, matter=matter, household_ids=some)
    decisions.tally_record(actor=official, matter=matter, counts={"yes": 8, "no": 1})
    decisions.matter_count(actor=official, matter=matter)
    matter.refresh_from_db()
    outcome = matter.outcome

    page.context.set_offline(False)
    conflict = page.locator("#results li.conflict")
    expect(conflict).to_contain_text("Không ghi được", timeout=15000)
    expect(conflict).to_contain_text("Không thể làm việc này khi nội dung đang ở trạng thái")
    expect(page.locator("#waiting-count")).to_have_text("0")
    page.screenshot(path=str(ARTIFACTS / "field-conflict.png"), full_page=True)
    matter.refresh_from_db()
    assert matter.status == Status.COUNTED and matter.outcome == outcome
    assert sorted(
        Participation.objects.filter(matter=matter).values_list("household_id", flat=True)
    ) == sorted(some)
    assert dict(Tally.objects.filter(matter=matter).values_list("option__key", "count")) == {
        "yes": 8,
        "no": 1,
        "other": 0,
    }
    page.get_by_role("button", name="Bỏ mục này").click()
    expect(page.locator("#results li")).to_have_count(0)


def test_a_commune_official_records_a_visit_and_a_dialogue_offline(live_server, browser_page):
    from coso.dialogues.models import Item, Kind, Meeting
    from coso.followups.models import FollowUp
    from coso.petitions.models import ReceptionSession

    v = village(commune(province("Lai Châu"), "Xã Than Uyên"), "Bản Nà Cang")
    official = User.objects.create_user("truongban", password="mat-khau-demo")
    RoleAssignment.objects.create(user=official, unit=v.parent, role=Role.COMMUNE_OFFICIAL)
    day = dt.date.today() - dt.timedelta(days=1)
    ReceptionSession.objects.create(unit=v.parent, date=day, leader="Chủ tịch UBND xã")
    meeting = Meeting.objects.create(
        kind=Kind.DIALOGUE, unit=v.parent, date=day, place="Hội trường", chair="Chủ tịch"
    )
    page = browser_page
    _open_field(live_server, page, ready="#visit-section")
    expect(page.locator("#finding-section")).to_be_hidden()  # not an inspection member
    _go_offline(page)
    page.fill("#visitor", "Lò Thị Ún")
    page.fill("#visit-subject", "Nước sinh hoạt")
    page.fill("#visit-description", "Bản thiếu nước sinh hoạt mùa khô.")
    page.get_by_role("button", name="Lưu lượt tiếp").click()
    page.fill("#question", "Bao giờ sửa đường vào bản?")
    page.fill("#answer", "Xã sửa trước mùa mưa.")
    page.fill("#promise", "Sửa đường vào bản")
    page.fill("#owner-name", "Chủ tịch UBND xã")
    page.fill("#due-on", f"{dt.date.today() + dt.timedelta(days=60):%d/%m/%Y}")
    # A second question, asked by another resident, in the same entry.
    page.get_by_role("button", name="Thêm câu hỏi").click()
    expect(page.locator("#question-2")).to_be_focused()
    expect(page.get_by_role("group", name="Câu hỏi 2")).to_be_visible()
    page.get_by_label("Câu hỏi, ý kiến").nth(1).fill("Bản có được hỗ trợ giống lúa không?")
    page.fill("#asker-name-2", "Lò Thị Ún")
    page.screenshot(path=str(ARTIFACTS / "field-two-questions.png"), full_page=True)
    page.get_by_role("button", name="Lưu câu hỏi").click()
    expect(page.locator("#waiting-count")).to_have_text("2")
    expect(page.locator("#questions .question")).to_have_count(1)  # a fresh form
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "field-commune-offline.png"), full_page=True)
    page.context.set_offline(False)
    expect(page.locator("#waiting-count")).to_have_text("0", timeout=15000)
    expect(page.locator("#results li.sent")).to_have_count(2)
    code = page.locator(".tracking-code").inner_text().split(": ")[1]
    page.screenshot(path=str(ARTIFACTS / "field-commune-online.png"), full_page=True)
    assert Petition.objects.get().tracking_code == code
    item, second = Item.objects.filter(meeting=meeting).order_by("number")
    assert item.answer == "Xã sửa trước mùa mưa." and item.followup is not None
    assert (second.text, second.asker_name, second.followup) == (
        "Bản có được hỗ trợ giống lúa không?",
        "Lò Thị Ún",
        None,
    )
    assert FollowUp.objects.count() == 1 and FieldEntry.objects.count() == 2
