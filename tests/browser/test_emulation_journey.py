"""The province's Front scores emulation on a phone and on a desktop: the run page with
its ranking and each commune's explained lines, scoring an assessed line with a note;
commune A's official opens its own breakdown and lodges an objection — no page wider
than the screen."""

import pytest

from coso.emulation import services
from coso.emulation.models import Line
from coso.emulation.tests.helpers import score_all, world
from tests.browser.conftest import ARTIFACTS


def _sign_in(page, url: str, name: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", "pw")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [360, 1280])
def test_scoring_a_run_and_objecting(live_server, browser_page, width, tree):
    from coso.emulation.tests.helpers import user

    w = world(tree)
    run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    score_all(w, run)
    user("official_a_emu", "commune_official", tree.a)
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    _sign_in(page, live_server.url, "front_province")
    line = Line.objects.get(result__run=run, result__unit=tree.b, criterion__code="mobilisation")
    page.goto(f"{live_server.url}/app/emulation/lines/{line.pk}/score/")
    page.fill("#id_points", "35")
    page.fill("#id_note", "Biên bản kiểm tra ngày 10/12/2025")
    page.click("#score button[type=submit]")
    page.wait_for_selector("#ranking")
    assert "69,00" in page.inner_text("#ranking") or "69.00" in page.inner_text("#ranking")
    _fits(page, width)
    page.screenshot(path=str(ARTIFACTS / f"emulation-run-{width}.png"), full_page=True)
    page.click("text=Công bố để đơn vị kiến nghị")
    page.wait_for_selector("#status")
    page.context.clear_cookies()
    _sign_in(page, live_server.url, "official_a_emu")
    result = run.results.get(unit=tree.a)
    page.goto(f"{live_server.url}/app/emulation/results/{result.pk}/")
    page.click("summary")
    own = Line.objects.get(result=result, criterion__code="mobilisation")
    page.fill(f"#reason-{own.pk}", "Xã đã có biên bản họp dân")
    page.click(f"#object-{own.pk} button[type=submit]")
    page.wait_for_selector(".objection")
    _fits(page, width)
    page.screenshot(path=str(ARTIFACTS / f"emulation-result-{width}.png"), full_page=True)
