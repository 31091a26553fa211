"""A report returned by the level above tells the officials who write it at its unit,
by e-mail, with what to complete: not another unit's officials, not those who only
read; once per return."""

import datetime as dt

import pytest

from coso.accounts.models import Role, RoleAssignment, User
from coso.notices.models import Channel, Notice
from coso.reports import services
from coso.reports.models import ReportType
from coso.reports.services.reports import writers_tell_returned
from coso.reports.tests.test_reports import PERIOD, SIX_MONTHS, _submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _summer(time_machine):
    time_machine.move_to(dt.datetime(2026, 7, 5, 3, tzinfo=dt.UTC), tick=False)


def _holder(name: str, role: str, unit, *, email: str = "", active: bool = True) -> User:
    user = User.objects.create_user(name, password="pw", email=email, is_active=active)
    RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


def _returned() -> dict[str, str]:
    rows = Notice.objects.filter(key__startswith="reports.returned:")
    return {n.to: n.body for n in rows if n.channel == Channel.EMAIL}


def test_a_returned_report_tells_its_units_writers_only(
    tree, official_a, province_viewer, time_machine
):
    official_a.email = "can-bo-a@example.vn"
    official_a.save(update_fields=["email"])
    _holder("writer_a2", Role.COMMUNE_OFFICIAL, tree.a, email="van-thu-a@example.vn")
    _holder("no_address", Role.COMMUNE_OFFICIAL, tree.a)
    _holder("gone", Role.COMMUNE_OFFICIAL, tree.a, email="da-nghi@example.vn", active=False)
    _holder("front_a", Role.FRONT_OFFICER, tree.a, email="mat-tran-a@example.vn")  # reads
    _holder("head_a", Role.VILLAGE_HEAD, tree.village_a, email="truong-ban@example.vn")
    _holder("writer_b", Role.COMMUNE_OFFICIAL, tree.b, email="can-bo-b@example.vn")
    six_months = ReportType.objects.get(code=SIX_MONTHS)
    report = services.report_draft(
        actor=official_a, report_type=six_months, unit=tree.a, period=PERIOD
    )
    _submit(official_a, report)

    services.report_review(
        actor=province_viewer, report=report, accept=False, comment="Bổ sung số liệu đối thoại"
    )

    told = _returned()
    assert set(told) == {"can-bo-a@example.vn", "van-thu-a@example.vn"}
    body = told["can-bo-a@example.vn"]
    assert "Bổ sung số liệu đối thoại" in body and tree.a.name in body
    assert f"/app/reports/{report.pk}/" in body
    notice = Notice.objects.get(to="can-bo-a@example.vn")
    assert notice.user == official_a and "trả lại" in notice.subject
    assert writers_tell_returned(report) == 0  # the same return tells no one twice

    # Sent again and returned again: told again; accepted: no one is told.
    time_machine.shift(dt.timedelta(hours=2))
    _submit(official_a, report)
    services.report_review(actor=province_viewer, report=report, accept=False, comment="Ký lại")
    assert Notice.objects.filter(key__startswith="reports.returned:").count() == 4
    time_machine.shift(dt.timedelta(hours=2))
    _submit(official_a, report)
    services.report_review(actor=province_viewer, report=report, accept=True)
    assert Notice.objects.filter(key__startswith="reports.returned:").count() == 4
