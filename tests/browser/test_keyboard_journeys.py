"""Keyboard alone (WCAG 2.1 2.1.1): a resident sends a petition and a household votes
online with Tab, arrows, Space, Enter and typing only, never a click."""

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services
from coso.decisions.models import HouseholdCode, OnlineOptIn
from coso.people.tests.factories import make_household
from coso.petitions.models import Petition
from coso.units.tests.factories import commune, province, village

FOCUSED = """() => {
  const e = document.activeElement;
  const label = e.labels && e.labels.length ? e.labels[0].textContent : e.textContent;
  return {id: e.id, tag: e.tagName, type: e.type || "", name: (label || "").trim()};
}"""


def tab_to(page, *, id: str = "", name: str = "") -> dict:
    """Presses Tab until the element with this id, or whose label or text is `name`,
    has the focus; fails when 80 presses do not reach it."""
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if (id and focused["id"] == id) or (name and focused["name"] == name):
            return focused
        if name and focused["type"] == "radio":
            # Within a group the arrows move; Tab leaves it.
            for _ in range(10):
                page.keyboard.press("ArrowDown")
                if page.evaluate(FOCUSED)["name"] == name:
                    return page.evaluate(FOCUSED)
    raise AssertionError(f"Tab never reached {id or name!r}")


def choose(page, select_id: str, label: str) -> None:
    """Picks an option of a closed <select> with the arrow keys."""
    tab_to(page, id=select_id)
    page.keyboard.press("Home")
    for _ in range(200):
        if page.evaluate(f"() => {{ const s = document.getElementById('{select_id}'); "
                         f"return s.options[s.selectedIndex].text; }}").strip() == label:  # fmt: skip
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label!r} is not in #{select_id}")


def test_petition_by_keyboard(live_server, browser_page):
    p = province("Lai Châu")
    c = commune(p, "Xã Than Uyên")
    page = browser_page
    page.goto(f"{live_server.url}/petitions/new/")
    # An empty submit: the error summary takes the focus.
    tab_to(page, name="Gửi đơn")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    # Autofocus lands when the page is next rendered, not always before the selector.
    page.wait_for_function("() => document.activeElement.className === 'error-summary'")

    choose(page, "id_province", p.name)
    page.locator(f"#id_commune option[value='{c.code}']").wait_for(state="attached")
    choose(page, "id_commune", c.name)
    tab_to(page, id="id_subject")
    page.keyboard.type("Đường vào bản bị sạt lở")
    tab_to(page, id="id_description")
    page.keyboard.type("Sau mưa lớn, đoạn đường qua suối bị sạt, xe máy không qua được.")
    tab_to(page, name="Gửi đơn")
    page.keyboard.press("Enter")
    page.wait_for_selector("#tracking-code")
    code = page.locator("#tracking-code").inner_text()
    assert Petition.objects.get(tracking_code=code).subject == "Đường vào bản bị sạt lở"


def test_online_vote_by_keyboard(live_server, browser_page):
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
    page = browser_page
    page.goto(f"{live_server.url}/vote/#code={code}")
    page.wait_for_selector("text=Chọn ngày hội bản")
    tab_to(page, name="Đồng ý")
    page.keyboard.press("Space")
    tab_to(page, name="Gửi ý kiến")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Đã ghi nhận ý kiến của hộ")
    assert services.tally_counts(matter)["yes"] == 1
