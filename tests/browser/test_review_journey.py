"""The province's steering committee reviews the first half of 2026 on a phone and on a
desktop: the dashboard for 2026-H1, every column of its communes table within reach,
the overdue petitions figure down to one commune's list holding the same count (as it
stood on 30 June), the way back, the province's report with whose reports it adds up
and who is missing — no page wider than the screen."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from coso.accounts.models import Role, RoleAssignment, User
from coso.petitions import services as petitions
from coso.petitions.models import Petition, Status
from coso.reports import selectors
from coso.reports import services as reports
from coso.reports.models import ReportType
from coso.reports.tests.test_reports import _submit
from coso.units.tests.factories import commune, province
from tests.browser.conftest import ARTIFACTS

PASSWORD = "mat-khau-demo-2026"


def _user(name: str, unit, role: str) -> User:
    user = User.objects.create_user(name, password=PASSWORD, email=f"{name}@example.vn")
    RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


def _petition(unit, day: dt.date, subject: str) -> Petition:
    with transaction.atomic():
        return petitions.petition_submit(
            actor=None,
            unit=unit,
            data=petitions.Submission(
                kind="feedback", subject=subject, description="…", received_on=day
            ),
        )


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [360, 1280])
def test_a_six_month_review_from_the_dashboard_to_the_records(live_server, browser_page, width):
    lai_chau = province("Lai Châu")
    tam_duong, binh_lu = (commune(lai_chau, n) for n in ("Xã Tam Đường", "Xã Bình Lư"))
    march = [_petition(tam_duong, dt.date(2026, 3, 2), f"Đường bản Nà Luông {i}") for i in range(3)]
    for i in range(2):  # overdue today, not on 30 June
        _petition(tam_duong, dt.date(2026, 10, 1), f"Đèn đường tháng 10 số {i}")
    _petition(binh_lu, dt.date(2026, 4, 1), "Nước sinh hoạt")
    Petition.objects.filter(pk=march[0].pk).update(
        status=Status.RESOLVED, closed_on=dt.date(2026, 8, 3), next_due=None
    )
    call_command("indicators", "refresh", "--since", "2026", stdout=io.StringIO())
    six_months = ReportType.objects.get(code="so-ket-6-thang")
    writer = _user("tamduong", tam_duong, Role.COMMUNE_OFFICIAL)
    _submit(
        writer,
        reports.report_draft(
            actor=writer, report_type=six_months, unit=tam_duong, period="2026-H1"
        ),
    )
    viewer = _user("tinh", lai_chau, Role.PROVINCE_VIEWER)
    report = reports.report_draft(
        actor=viewer, report_type=six_months, unit=lai_chau, period="2026-H1"
    )
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("#headline")
    page.goto(f"{live_server.url}/app/units/{lai_chau.code}/dashboard/?period=2026-H1")
    page.wait_for_selector("#units")
    _fits(page, width)
    # Every column of the communes table is there and can be scrolled to, the commune's
    # name staying in view beside it.
    headers = page.locator("#units thead th")
    assert headers.count() == len(selectors.HEADLINE) + 1
    last = headers.last
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width + 1 and last.is_visible()
    name = page.locator("#units tbody th", has_text="Xã Tam Đường")
    name_box = name.bounding_box()
    assert name_box is not None and 0 <= name_box["x"] < width / 2
    page.screenshot(path=str(ARTIFACTS / f"review-dashboard-{width}.png"), full_page=True)

    page.locator("#headline a", has_text="Đơn quá hạn").click()
    page.wait_for_selector("#breakdown")
    assert "period=2026-H1" in page.url
    row = page.locator("#breakdown tbody tr", has_text="Xã Tam Đường")
    shown = row.locator("td").inner_text()
    assert shown == "3"
    _fits(page, width)
    row.locator("a").click()
    page.wait_for_selector("#worklist")
    assert page.locator("#worklist tbody tr").count() == 3
    assert page.locator("#list-count").inner_text().startswith("3 đơn quá hạn tại ngày 30/06/2026")
    _fits(page, width)
    page.screenshot(path=str(ARTIFACTS / f"review-worklist-{width}.png"), full_page=True)
    page.locator("#back").click()
    page.wait_for_selector("#headline")
    assert "period=2026-H1" in page.url

    page.goto(f"{live_server.url}/app/reports/{report.pk}/")
    page.wait_for_selector("#coverage")
    assert "1/2" in page.locator("#coverage").inner_text()
    assert page.locator("#coverage-missing").inner_text().startswith("Xã Bình Lư")
    _fits(page, width)
    page.screenshot(path=str(ARTIFACTS / f"review-report-{width}.png"), full_page=True)
    page.goto(
        f"{live_server.url}/app/units/{lai_chau.code}/reports/so-ket-6-thang/2026-H1/completeness/"
    )
    page.wait_for_selector(".missing")
    assert page.locator(".missing a", has_text="Xã Bình Lư").count() == 1
    _fits(page, width)
    page.screenshot(path=str(ARTIFACTS / f"review-completeness-{width}.png"), full_page=True)
