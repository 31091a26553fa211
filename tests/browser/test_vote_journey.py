"""A household scans the QR code on its form and votes on a 360-px phone; the one-time
code never appears in a request line the server sees (and so in no access log)."""

from django.core.signals import request_started

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services
from coso.decisions.models import HouseholdCode, OnlineOptIn
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS


def test_household_votes_from_the_qr_code(live_server, browser_page):
    v = village(commune(province("Lai Châu"), "Xã Mường So"), "Bản Mường So")
    for i in range(4):
        OnlineOptIn.objects.create(unit=v, household=make_household(v, f"MS-{i}"))
    head = User.objects.create_user("truongban", password="mat-khau-demo")
    RoleAssignment.objects.create(user=head, unit=v, role=Role.VILLAGE_HEAD)
    matter = services.matter_create(
        actor=head, unit=v, matter_type="6", title="Chọn ngày hội bản", method="ballot"
    )
    services.matter_open(actor=head, matter=matter)
    code = HouseholdCode.objects.filter(matter=matter).first().code
    seen: list[str] = []

    def record(environ, **kwargs):
        seen.append(f"{environ.get('PATH_INFO')}?{environ.get('QUERY_STRING', '')}")

    request_started.connect(record)
    try:
        page = browser_page
        # What the printed QR code holds (see the code sheet).
        page.goto(f"{live_server.url}/vote/#code={code}")
        page.wait_for_selector("text=Chọn ngày hội bản")
        assert "#" not in page.url  # the code is gone from the address bar too
        page.get_by_label("Đồng ý", exact=True).check()
        page.screenshot(path=str(ARTIFACTS / "vote-choice.png"), full_page=True)
        page.get_by_role("button", name="Gửi ý kiến").click()
        page.wait_for_selector("text=Đã ghi nhận ý kiến của hộ")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.screenshot(path=str(ARTIFACTS / "vote-done.png"), full_page=True)
    finally:
        request_started.disconnect(record)
    assert any(line.startswith("/vote/") for line in seen)
    assert not [line for line in seen if code in line]
    assert services.tally_counts(matter)["yes"] == 1
