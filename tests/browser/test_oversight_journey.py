"""A commune official, on a phone, names the People's Inspection Board's head and a
deputy, opens the village road the households decided to fund at 500.000 đồng each and
finds its money reconciled, issues the dues again after confirming on a page of its own
(no script), and the public page shows the same figures."""

import datetime as dt

from playwright.sync_api import expect

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions.seed import seed_matters
from coso.oversight.models import Project
from coso.oversight.seed import seed_oversight
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_dialogue_journey import fits, sign_in


def _shots(page, name):
    """The page at 360 px (it must fit) and at 1280 px."""
    assert fits(page), name
    page.screenshot(path=str(ARTIFACTS / f"{name}-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})


def test_the_boards_head_and_the_roads_money(live_server, browser_page, time_machine):
    today = dt.date.today()
    time_machine.move_to(dt.datetime.combine(today, dt.time(2), dt.UTC), tick=True)
    tam_duong = commune(province("Lai Châu"), "Xã Tam Đường")
    places = [village(tam_duong, name) for name in ("Bản Nà Luông", "Bản Hai", "Bản Ba")]
    for n, place in enumerate(places):
        for i in range(12):
            make_household(place, f"D{n}-{i:02d}")
    admin = User.objects.create_superuser("quantri", password="mat-khau-demo-2026")
    RoleAssignment.objects.create(user=admin, unit=None, role=Role.ADMINISTRATOR)
    seed_matters(village=places[0], actor=admin)
    seed_oversight(commune=tam_duong, village=places[0], actor=admin)
    official = User.objects.create_user("xa", password="mat-khau-demo-2026", email="xa@x.vn")
    RoleAssignment.objects.create(user=official, unit=tam_duong, role=Role.COMMUNE_OFFICIAL)
    page = browser_page

    # The board: the Front's choice of head and deputy, shown first in the list.
    sign_in(page, live_server.url, "xa", next_url=f"/app/units/{tam_duong.code}/pib/")
    page.wait_for_selector("#roles")
    page.select_option("#id_head", label="Tòng Thị Xuân")
    page.get_by_label("Cầm Văn Khâm").check()
    page.get_by_role("button", name="Ghi phân công").click()
    expect(page.locator("#members li").first).to_contain_text("Tòng Thị Xuân")
    expect(page.locator("#members li").first).to_contain_text("Trưởng ban")
    _shots(page, "oversight-board")

    # The road: dues as decided, the sums adding up.
    project = Project.objects.get(commune=tam_duong)
    page.goto(f"{live_server.url}/app/projects/{project.pk}/")
    expect(page.locator("#dues-line")).to_contain_text("12 hộ × 500.000 đồng")
    expect(page.locator("#due")).to_have_text("6.000.000")
    expect(page.locator("#collected")).to_have_text("4.500.000")
    expect(page.locator("#outstanding")).to_have_text("1.500.000")
    _shots(page, "oversight-project")

    # Issuing the dues again replaces them: a page asks first.
    page.get_by_role("button", name="Phát lại mức đóng góp theo quyết định").click()
    expect(page.locator("#replaced")).to_contain_text("12 khoản phải đóng, tổng 6.000.000 đồng")
    _shots(page, "oversight-confirm")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".message").first).to_contain_text("12 hộ × 500.000 đồng = 6.000.000")

    # The public page: the same figures and the board, head first.
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    expect(page.locator("#due")).to_have_text("6.000.000")
    expect(page.locator("#members li").first).to_contain_text("Trưởng ban")
    _shots(page, "oversight-public-project")
