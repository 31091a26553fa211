"""The petitions under the law as it stands since 1 July 2026 (Law 136/2025/QH15,
Decrees 154 and 155/2026): complaint acceptance, the commune chair's reception days,
and the suspension of a complaint's resolution. Dates are worked out by hand."""

import datetime as dt

import pytest
from django.urls import reverse

from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.petitions import reception, services
from coso.petitions.models import Action, Kind, Status, Suspension
from coso.petitions.suspension import SuspensionData, complaint_resume, complaint_suspend

D = dt.date
JULY_1, JULY_6, JULY_20 = D(2026, 7, 1), D(2026, 7, 6), D(2026, 7, 20)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC), tick=False)


def complaint(unit, received, round_=1):
    return services.petition_submit(
        actor=None,
        unit=unit,
        data=services.Submission(
            kind=Kind.COMPLAINT,
            complaint_round=round_,
            subject="Quyết định thu hồi đất",
            description="Không đồng ý mức bồi thường.",
            received_on=received,
        ),
    )


def accepted(tree, official, received=JULY_1, on=JULY_6):
    p = complaint(tree.a, received)
    services.petition_accept(actor=official, petition=p, on=on)
    return p


def suspend(official, p, day=JULY_20, number="12/QĐ-UBND"):
    return complaint_suspend(
        actor=official,
        petition=p,
        data=SuspensionData(decision_number=number, decided_on=day, reason="Người khiếu nại ốm"),
    )


class TestAcceptance:
    def test_complaints_received_on_30_june_and_1_july_2026(self, tree):
        # By hand: from Tuesday 30/6, ten working days end Tuesday 14/7; from
        # Wednesday 1/7, seven working days (Decree 155/2026 art. 10) end Friday 10/7.
        for round_ in (1, 2):
            assert complaint(tree.a, D(2026, 6, 30), round_).accept_due == D(2026, 7, 14)
            assert complaint(tree.a, D(2026, 7, 1), round_).accept_due == D(2026, 7, 10)


class TestReceptionDays:
    def test_weeks_until_30_june_and_two_days_a_month_from_1_july(self, tree, official_a):
        add = lambda day: reception.session_create(  # noqa: E731
            actor=official_a, unit=tree.a, date=day, leader="Chủ tịch"
        )
        add(D(2026, 6, 3))
        add(D(2026, 6, 17))
        june = reception.month_check(unit=tree.a, year=2026, month=6)
        # Weeks of 8/6, 22/6 and 29–30/6 held none: two days did not make June.
        assert june.short and len(june.missing_weeks) == 3
        add(D(2026, 7, 2))
        july = reception.month_check(unit=tree.a, year=2026, month=7)
        assert july.short and july.missing_weeks == [] and "2 ngày mỗi tháng" in july.required
        add(D(2026, 7, 16))
        assert not reception.month_check(unit=tree.a, year=2026, month=7).short


class TestSuspension:
    def test_the_due_date_moves_by_the_suspended_days(self, tree, official_a):
        p = accepted(tree, official_a)
        assert p.due_on == D(2026, 8, 5)  # accepted Monday 6/7: 30 days
        s = suspend(official_a, p)
        p.refresh_from_db()
        assert p.status == Status.SUSPENDED and p.due_on is None and p.next_due is None
        assert s.due_before == D(2026, 8, 5)
        complaint_resume(
            actor=official_a, petition=p, resumed_on=D(2026, 8, 10), decision_number="15/QĐ"
        )
        p.refresh_from_db()
        # Suspended 20/7, continued 10/8: 21 days not counted; 5/8 + 21 = Wed 26/8.
        assert (p.status, p.due_on, p.next_due) == (Status.ACCEPTED, D(2026, 8, 26), D(2026, 8, 26))
        assert p.suspended_days == 21
        s.refresh_from_db()
        assert (s.resumed_on, s.resume_number, s.days) == (D(2026, 8, 10), "15/QĐ", 21)
        actions = list(p.events.values_list("action", flat=True))
        assert actions[-2:] == [Action.SUSPENDED, Action.RESUMED]
        audited = AuditEntry.objects.filter(model="petitions.suspension", object_pk=str(s.pk))
        assert audited.count() == 2

    def test_two_suspensions_and_an_extension_add_up(self, tree, official_a):
        p = accepted(tree, official_a)
        suspend(official_a, p, D(2026, 7, 10))
        complaint_resume(actor=official_a, petition=p, resumed_on=D(2026, 7, 13))  # 3 days
        suspend(official_a, p, D(2026, 7, 20), number="13/QĐ")
        complaint_resume(actor=official_a, petition=p, resumed_on=D(2026, 7, 30))  # 10 days
        assert p.due_on == D(2026, 8, 18)  # 5/8 + 13 days, a Tuesday
        services.petition_extend(actor=official_a, petition=p, reason="Phức tạp")
        # Complex: 45 days from 6/7 end Thursday 20/8; with the 13 days, Wednesday 2/9,
        # National Day: the end moves to the next working day the calendar knows.
        from coso import rules

        expected = D(2026, 9, 2)
        assert not rules.is_working_day(expected)
        while not rules.is_working_day(expected):
            expected += dt.timedelta(days=1)
        assert p.due_on == expected

    def test_a_complaint_accepted_before_1_july_can_be_suspended_from_then(self, tree, official_a):
        p = accepted(tree, official_a, received=D(2026, 6, 15), on=D(2026, 6, 22))
        with pytest.raises(DomainError, match="áp dụng từ 01/07/2026") as error:
            suspend(official_a, p, D(2026, 6, 30))
        assert error.value.field == "decided_on"
        suspend(official_a, p, D(2026, 7, 2))  # D155 art. 22(1): pending cases too
        assert p.status == Status.SUSPENDED

    def test_what_cannot_be_suspended_or_continued(self, tree, official_a):
        feedback = services.petition_submit(
            actor=None,
            unit=tree.a,
            data=services.Submission(kind=Kind.FEEDBACK, subject="x", description="y"),
        )
        with pytest.raises(DomainError, match="khiếu nại"):
            suspend(official_a, feedback)
        received = complaint(tree.a, D(2026, 7, 1))
        with pytest.raises(DomainError, match="đã thụ lý"):
            suspend(official_a, received)
        p = accepted(tree, official_a)
        with pytest.raises(DomainError) as error:
            suspend(official_a, p, D(2026, 7, 3))  # before acceptance on 6/7
        assert error.value.field == "decided_on"
        with pytest.raises(DomainError):
            complaint_resume(actor=official_a, petition=p, resumed_on=D(2026, 8, 1))
        suspend(official_a, p)
        with pytest.raises(DomainError) as error:
            complaint_resume(actor=official_a, petition=p, resumed_on=D(2026, 7, 19))
        assert error.value.field == "resumed_on"
        with pytest.raises(DomainError):
            services.petition_resolve(actor=official_a, petition=p, resolution="xong")
        assert Suspension.objects.filter(petition=p).count() == 1

    def test_a_stale_second_suspension_is_refused(self, tree, official_a):
        p = accepted(tree, official_a)
        stale = type(p).objects.get(pk=p.pk)
        suspend(official_a, p)
        with pytest.raises(DomainError, match="tải lại"):
            suspend(official_a, stale)
        assert Suspension.objects.filter(petition=p).count() == 1

    def test_pages_show_it_and_another_unit_gets_404(self, client, tree, official_a, official_b):
        p = accepted(tree, official_a)
        url = reverse("petitions:suspend", args=[p.pk])
        form = {"decision_number": "12/QĐ", "decided_on": "2026-07-20", "reason": "Ốm"}
        client.force_login(official_b)
        assert client.post(url, form).status_code == 404
        p.refresh_from_db()
        assert p.status == Status.ACCEPTED
        client.force_login(official_a)
        assert client.post(url, form).status_code == 302
        p.refresh_from_db()
        assert p.status == Status.SUSPENDED
        page = client.get(reverse("petitions:detail", args=[p.pk])).content.decode()
        assert "Quyết định số 12/QĐ ngày 20/07/2026" in page and 'id="resume"' in page
        client.logout()
        track = client.get(reverse("petitions:track"), {"code": p.tracking_code})
        assert "Tạm đình chỉ" in track.content.decode()
        client.force_login(official_a)
        resume = reverse("petitions:resume", args=[p.pk])
        assert client.post(resume, {"resumed_on": "2026-08-10"}).status_code == 302
        p.refresh_from_db()
        assert p.due_on == D(2026, 8, 26)

    def test_a_suspended_complaint_stays_on_the_work_list(self, client, tree, official_a):
        """No deadline runs while suspended, yet the complaint is still the commune's to
        handle: it is listed under its own filter, with its count."""
        p = accepted(tree, official_a)
        suspend(official_a, p)
        client.force_login(official_a)
        url = reverse("petitions:worklist", args=[tree.a.code])
        listed = client.get(url, {"which": "suspended"})
        assert [r.pk for r in listed.context["page"].items] == [p.pk]
        assert listed.context["page"].count == 1
        assert "Tạm đình chỉ" in listed.content.decode()
