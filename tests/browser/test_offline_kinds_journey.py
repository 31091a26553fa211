"""More of the field page's work done with no signal, on a 360-px phone: an inspection
board member's findings, a secret round's paper keyed in at the ballot box (its stubs,
then apart its ballots); and signing out from any page while entries still wait asks
first, since signing out clears them from the phone; an open round's numbered paper
forms keyed in as one batch."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions.models import Ballot, EncryptedBallot, Participation
from coso.decisions.tests.factories import ballot_round, secret_round
from coso.field.models import FieldEntry
from coso.oversight.models import Plan
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_offline_journey import _go_offline, _open_field, _place

PASSWORD = "mat-khau-demo"


def test_an_inspection_members_findings_entered_offline_are_recorded_once(
    live_server, browser_page
):
    place = commune(province("Lai Châu"), "Xã Than Uyên")
    member = User.objects.create_user("ttnd", password=PASSWORD)
    RoleAssignment.objects.create(user=member, unit=place, role=Role.INSPECTION_MEMBER)
    plan = Plan.objects.create(
        commune=place,
        subject="Kiểm tra việc thu quỹ làm đường",
        starts_on=dt.date.today() - dt.timedelta(days=3),
        notified_on=dt.date.today() - dt.timedelta(days=20),
    )
    page = browser_page
    _open_field(live_server, page, "#finding-section", "ttnd")
    expect(page.locator("#visit-section")).to_be_hidden()  # not a petition handler
    _go_offline(page)
    page.select_option("#plan", str(plan.pk))
    page.fill("#findings", "Thu đúng mức đã họp dân quyết định, có sổ sách, có biên lai.")
    page.get_by_role("button", name="Lưu kết quả kiểm tra").click()
    expect(page.locator("#waiting-count")).to_have_text("1")
    plan.refresh_from_db()
    assert plan.findings == "" and plan.finished_on is None
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.context.set_offline(False)
    expect(page.locator("#waiting-count")).to_have_text("0", timeout=15000)
    expect(page.locator("#results li.sent")).to_contain_text(
        "Đã ghi kết quả kiểm tra: Kiểm tra việc thu quỹ làm đường."
    )
    page.screenshot(path=str(ARTIFACTS / "field-finding-online.png"), full_page=True)
    plan.refresh_from_db()
    assert plan.findings.startswith("Thu đúng mức") and plan.finished_on == dt.date.today()
    # Sent again (a lost answer): recorded once, the same answer.
    page.get_by_role("button", name="Gửi ngay").click()
    expect(page.locator("#results li.sent")).to_have_count(1)
    assert FieldEntry.objects.count() == 1


def test_a_secret_rounds_paper_keyed_in_offline(live_server, browser_page, settings):
    settings.COSO_BALLOT_KEY_BITS = 512
    matter, head, codes = secret_round(households=4)
    head.set_password(PASSWORD)
    head.save()
    page = browser_page
    # Identifiers made in falling order: the phone's store, which keeps entries by
    # identifier, then holds the ballots before the stubs they need; sent in the order
    # made, the stubs still go first.
    page.context.add_init_script(
        "(() => { let n = 9; crypto.randomUUID = () => `0000000${n--}-0000-4000-8000-000000000000`; })()"
    )
    _open_field(live_server, page, "#paper-section", head.username)
    _go_offline(page)
    page.fill("#stub-codes", "\n".join(c.code for c in codes[:3]))
    page.get_by_role("button", name="Lưu cuống phiếu").click()
    expect(page.locator("#waiting-count")).to_have_text("1")
    page.fill("#paper-counts input[data-key=yes]", "2")
    page.fill("#paper-spoiled", "1")
    page.get_by_role("button", name="Lưu số phiếu").click()
    expect(page.locator("#waiting-count")).to_have_text("2")
    expect(page.locator("#paper-counts input[data-key=yes]")).to_have_value("0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "field-paper-offline.png"), full_page=True)
    assert not Participation.objects.filter(matter=matter).exists()

    page.context.set_offline(False)
    expect(page.locator("#waiting-count")).to_have_text("0", timeout=15000)
    expect(page.locator("#results li.sent")).to_have_count(2)
    expect(page.locator("#results")).to_contain_text("Đã nhận 3 cuống phiếu")
    expect(page.locator("#results")).to_contain_text("Đã nhập 3 phiếu giấy (đã mã hoá)")
    assert Participation.objects.filter(matter=matter).count() == 3
    assert EncryptedBallot.objects.filter(matter=matter).count() == 2
    # Once answered, what was keyed in of the secret round leaves the phone.
    kept = page.evaluate(
        """() => new Promise((done) => {
            const req = indexedDB.open('coso-field');
            req.onsuccess = () => {
                const all = req.result.transaction('queue').objectStore('queue').getAll();
                all.onsuccess = () => done(all.result.map((e) => e.data));
            };
        })"""
    )
    assert kept == [None, None]


def test_a_rounds_numbered_forms_keyed_in_offline_as_one_batch(live_server, browser_page):
    matter, head, _codes = ballot_round(households=5)
    head.set_password(PASSWORD)
    head.save()
    page = browser_page
    _open_field(live_server, page, "#forms-section", head.username)
    _go_offline(page)
    expect(page.locator("#forms-round")).to_have_value(str(matter.pk))
    rows = page.locator("#form-rows .form-row")
    # Three forms: two choices and one spoiled (nothing ticked), rows added by keyboard.
    for n, choice in enumerate(["Đồng ý", None, "Không đồng ý"], 1):
        if n > 1:
            page.get_by_role("button", name="Thêm phiếu").press("Enter")
            expect(page.get_by_label("Số in trên phiếu").nth(n - 1)).to_be_focused()
        row = rows.nth(n - 1)
        row.get_by_label("Số in trên phiếu").fill(str(n + 1))
        if choice:
            row.get_by_label(choice, exact=True).check()
    # One choice per form here: the other option cannot be ticked too.
    expect(rows.nth(0).get_by_label("Không đồng ý", exact=True)).to_be_disabled()
    page.screenshot(path=str(ARTIFACTS / "field-forms-offline.png"), full_page=True)
    page.get_by_role("button", name="Lưu các phiếu").click()
    expect(page.locator("#waiting-count")).to_have_text("1")
    expect(rows).to_have_count(1)
    expect(rows.nth(0).get_by_label("Số in trên phiếu")).to_have_value("")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not Participation.objects.filter(matter=matter).exists()

    page.context.set_offline(False)
    expect(page.locator("#waiting-count")).to_have_text("0", timeout=15000)
    expect(page.locator("#results li.sent")).to_contain_text(
        "Đã nhập 3 phiếu giấy: Chọn ngày hội bản."
    )
    page.screenshot(path=str(ARTIFACTS / "field-forms-online.png"), full_page=True)
    ballots = Ballot.objects.filter(matter=matter).order_by("form_number")
    assert [(b.form_number, b.spoiled) for b in ballots] == [(2, False), (3, True), (4, False)]
    assert Participation.objects.filter(matter=matter).count() == 3
    # Sent again (a lost answer): recorded once.
    page.get_by_role("button", name="Gửi ngay").click()
    expect(page.locator("#results li.sent")).to_have_count(1)
    assert Ballot.objects.filter(matter=matter).count() == 3 and FieldEntry.objects.count() == 1


@pytest.mark.parametrize("answer", ["dismiss", "accept"])
def test_signing_out_from_another_page_asks_while_entries_wait(live_server, browser_page, answer):
    _place()
    page = browser_page
    _open_field(live_server, page, "#petition-form")
    _go_offline(page)
    page.fill("#subject", "Đường vào bản sạt lở")
    page.fill("#description", "Đoạn qua suối sạt sau mưa lớn.")
    page.get_by_role("button", name="Lưu đơn").click()
    expect(page.locator("#waiting-count")).to_have_text("1")
    # The connection returns, but the sync does not get through: the entry still waits.
    page.context.route("**/field/sync", lambda route: route.abort())
    page.context.set_offline(False)
    page.goto(f"{live_server.url}/app/")
    expect(page.locator("#field-link")).to_be_visible()
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), getattr(d, answer)()))
    with page.expect_event("dialog"):  # asked once the queue is read, not at once
        page.get_by_role("button", name="Đăng xuất").click()
    if answer == "dismiss":
        expect(page.locator("#signed-in")).to_have_text("truongban")
        assert page.url.endswith("/app/")
    else:
        expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()
    assert asked == ["Còn 1 mục chưa gửi: đăng xuất sẽ xoá chúng khỏi máy này. Vẫn đăng xuất?"]


def test_signing_out_with_nothing_waiting_asks_nothing_and_makes_no_queue(
    live_server, browser_page
):
    _place()
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "truongban")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#field-link")).to_be_visible()
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    # The sign-out itself clears the site's storage: held back here (204, the page
    # stays), to see that looking for a queue made none.
    page.route("**/accounts/logout/", lambda route: route.fulfill(status=204))
    with page.expect_request("**/accounts/logout/"):
        page.get_by_role("button", name="Đăng xuất").click()
    names = page.evaluate("indexedDB.databases().then((dbs) => dbs.map((d) => d.name))")
    assert asked == [] and "coso-field" not in names
    page.unroute("**/accounts/logout/")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()
