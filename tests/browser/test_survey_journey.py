"""On a 360 px phone a signed-in household opens its commune's satisfaction survey from
its own page, answers it (a plain form, no script), and lands on the thank-you
page; the commune official's survey page shows one answer, its results sealed until
the survey closes, then the results per element once it is closed."""

from coso.accounts.models import Role, RoleAssignment, User
from coso.people.tests.factories import adult, make_household
from coso.residents import services as residents
from coso.surveys import services
from coso.surveys.models import Participation
from coso.surveys.tests.factories import make_survey
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS


def test_a_signed_in_household_answers_a_survey(live_server, browser_page):
    tam_duong = commune(province("Lai Châu"), "Xã Tam Đường")
    ban = village(tam_duong, "Bản Nà Luông")
    household = make_household(ban, "NL-1", members=[adult("Lò Văn Pọm")])
    make_household(ban, "NL-2", members=[adult("Lò Thị Xuân")])
    official = User.objects.create_user("xa", password="mat-khau-demo-2026")
    RoleAssignment.objects.create(user=official, unit=tam_duong, role=Role.COMMUNE_OFFICIAL)
    survey = make_survey(official, tam_duong, title="Khảo sát sự hài lòng năm 2026")
    services.survey_draw(actor=official, survey=survey)
    sheet = residents.issue_codes(actor=official, village=ban, households=[household])[0]

    page = browser_page
    page.goto(f"{live_server.url}/ho/dang-nhap/")
    page.fill("#id_login", sheet["login"])
    page.fill("#id_secret", sheet["code"])
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/ho/")  # the household's page lists what it is asked
    page.locator("#surveys").get_by_role("link", name="Khảo sát sự hài lòng năm 2026").click()
    page.wait_for_selector("#answer")
    page.locator("#id_used_0").check()
    page.locator("#id_access_satisfaction_4").check()
    page.locator("#id_official_satisfaction_3").check()
    page.locator("#id_overall_4").check()
    page.fill("#id_comment", "Cán bộ một cửa hướng dẫn tận tình.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "survey-answer-360.png"), full_page=True)
    page.get_by_role("button", name="Gửi câu trả lời").click()
    page.wait_for_selector("#thanks")
    page.screenshot(path=str(ARTIFACTS / "survey-thanks-360.png"), full_page=True)
    assert Participation.objects.filter(survey=survey, household=household).exists()
    page.goto(f"{live_server.url}/ho/khao-sat/")
    assert "Hiện không có khảo sát nào" in page.locator("#open-surveys").inner_text()

    page.context.clear_cookies()  # the household leaves; the official signs in
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "xa")
    page.fill("#id_password", "mat-khau-demo-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/app/surveys/{survey.pk}/")
        assert page.locator("#answers").inner_text() == "1"
        assert page.locator("#pending").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"survey-official-open-{width}.png"), full_page=True)
    page.get_by_role("button", name="Kết thúc khảo sát").click()
    page.wait_for_selector("#results")
    assert "100,0 %" in page.locator("#results").inner_text()
    page.screenshot(path=str(ARTIFACTS / "survey-official-closed-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "survey-official-closed-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
