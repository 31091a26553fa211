import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from coso import rules
from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.rules.catalogue import RULES
from coso.rules.models import CalendarException, Rule
from coso.rules.services import RuleMissing, ratio_met, rule_revise

D = dt.date


@pytest.mark.django_db
@pytest.mark.parametrize("code", [entry[0] for entry in RULES])
def test_every_catalogue_rule_loads_with_its_citation(code):
    rule = Rule.objects.filter(code=code).order_by("effective_from").first()
    assert rule is not None
    assert rules.citation(code, on=rule.effective_from) == rule.citation
    assert "điều" in rule.citation or "chương" in rule.citation
    rules.value(code)  # each one is readable through the public interface


DOMAIN = Path(__file__).resolve().parents[4] / "shared" / "DOMAIN.md"


@pytest.mark.django_db
@pytest.mark.skipif(not DOMAIN.exists(), reason="shared/DOMAIN.md is not beside the checkout")
def test_every_code_in_domain_md_is_in_the_rulebook():
    codes = set()
    for line in DOMAIN.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `([a-z_.]+)`(?: / `([a-z_.]+)`)? \|", line)
        if match:
            codes |= {c for c in match.groups() if c}
    assert len(codes) > 60
    for code in sorted(codes):
        assert rules.citation(code), code


@pytest.mark.django_db
def test_domain_rules_are_all_present():
    codes = set(Rule.objects.values_list("code", flat=True))
    expected = {
        "disclosure.commune.catalogue",
        "disclosure.deadline",
        "disclosure.posting.min_days",
        "vote.approval.contribution",
        "vote.approval.general",
        "vote.village_head.timeline",
        "consultation.min_days",
        "oversight.cisb.reply_days",
        "agency.conference.quorum",
        "complaint.first.resolve",
        "complaint.second.resolve",
        "denunciation.extension",
        "feedback.forward",
        "workplace.dialogue.min_per_year",
        "reception.reply",
    }
    assert expected <= codes
    assert len(rules.value("disclosure.commune.catalogue")) == 14


class TestCalendar:
    pytestmark = pytest.mark.django_db

    def test_weekend_and_public_holidays(self):
        assert not rules.is_working_day(D(2026, 11, 21))  # Saturday
        assert not rules.is_working_day(D(2026, 9, 2))  # National Day
        assert not rules.is_working_day(D(2026, 2, 17))  # Tết
        assert rules.is_working_day(D(2026, 11, 23))

    def test_ten_working_days_across_tet(self):
        # 12/2/2026 is a Thursday; Tết closes 16–20/2 and two weekends pass.
        assert rules.add_working_days(D(2026, 2, 12), 10) == D(2026, 3, 5)

    def test_working_days_skip_a_weekend(self):
        assert rules.add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 23)
        assert rules.add_working_days(D(2026, 11, 20), 0) == D(2026, 11, 20)

    def test_make_up_saturday_from_the_package(self):
        assert rules.is_working_day(D(2026, 8, 22))

    def test_administrator_entered_make_up_day_and_day_off(self):
        saturday = D(2026, 12, 5)
        assert not rules.is_working_day(saturday)
        CalendarException.objects.create(date=saturday, kind="working_day", reason="Làm bù")
        assert rules.is_working_day(saturday)
        assert rules.add_working_days(D(2026, 12, 4), 1) == saturday
        CalendarException.objects.create(date=D(2026, 12, 7), kind="day_off", reason="Nghỉ")
        assert rules.add_working_days(saturday, 1) == D(2026, 12, 8)


class TestDueDates:
    pytestmark = pytest.mark.django_db

    def test_calendar_period_starts_the_day_after(self):
        # 30 days from 2/3/2026 (a Monday) ends 1/4/2026, a Wednesday.
        assert rules.due_date("complaint.first.resolve", D(2026, 3, 2)) == D(2026, 4, 1)

    def test_variants_for_complex_and_remote_cases(self):
        start = D(2026, 3, 2)
        assert rules.due_date("complaint.first.resolve", start, complex_case=True) == D(2026, 4, 16)
        assert rules.due_date(
            "complaint.second.resolve", start, remote_area=True, complex_case=True
        ) == D(2026, 5, 11)

    def test_deadline_on_a_day_off_moves_to_the_next_working_day(self):
        # 30 days from 25/3/2026 is Friday 24/4... from 27/3 it is Sunday 26/4,
        # then Hùng Kings day (observed) 27/4: the deadline is Tuesday 28/4.
        assert rules.due_date("complaint.first.resolve", D(2026, 3, 27)) == D(2026, 4, 28)

    def test_minimum_durations_do_not_move(self):
        assert rules.due_date("disclosure.posting.min_days", D(2026, 3, 27)) == D(2026, 4, 26)

    def test_working_day_period(self):
        assert rules.due_date("complaint.first.accept", D(2026, 2, 12)) == D(2026, 3, 5)

    def test_months(self):
        assert rules.due_date("agency.conference.deadline", D(2026, 11, 30)) == D(2027, 3, 1)

    def test_unknown_rule(self):
        with pytest.raises(RuleMissing):
            rules.due_date("no.such.rule", D(2026, 1, 5))

    def test_a_day_before_the_law_says_so(self):
        assert rules.first_day("complaint.first.accept") == D(2012, 7, 1)
        with pytest.raises(DomainError) as error:
            rules.due_date("complaint.first.accept", D(1, 1, 1))
        assert "01/01/0001" in error.value.message and "01/07/2012" in error.value.message


class TestRatios:
    pytestmark = pytest.mark.django_db

    def test_more_than_half_is_strict(self):
        assert not ratio_met("vote.approval.general", count=50, base=100)
        assert ratio_met("vote.approval.general", count=51, base=100)

    def test_two_thirds_is_inclusive(self):
        assert ratio_met("vote.approval.contribution", count=2, base=3)
        assert not ratio_met("vote.approval.contribution", count=65, base=98)


class TestVersions:
    pytestmark = pytest.mark.django_db

    def test_revision_keeps_the_old_version_and_old_cases_keep_it(self, administrator):
        code = "reception.reply"
        rule_revise(
            actor=administrator,
            code=code,
            value={"default": 7},
            effective_from=D(2027, 7, 1),
            note="Luật sửa đổi (thử)",
        )
        versions = list(Rule.objects.filter(code=code).order_by("effective_from"))
        assert [v.value["default"] for v in versions] == [10, 7]
        assert versions[0].effective_to == D(2027, 7, 1)
        # A petition received before 1/7/2027 keeps 10 working days.
        assert rules.due_date(code, D(2027, 6, 30)) == rules.add_working_days(D(2027, 6, 30), 10)
        assert rules.due_date(code, D(2027, 7, 1)) == rules.add_working_days(D(2027, 7, 1), 7)
        assert rules.value(code, on=D(2027, 6, 30)) == 10
        assert AuditEntry.objects.filter(model="rules.rule").count() == 2

    def test_revision_must_start_after_the_current_one(self, administrator):
        with pytest.raises(DomainError):
            rule_revise(
                actor=administrator,
                code="disclosure.deadline",
                value={"default": 3},
                effective_from=D(2020, 1, 1),
            )

    def test_admin_change_creates_a_new_version(self, client, administrator):
        rule = Rule.objects.get(code="disclosure.deadline")
        client.force_login(administrator)
        response = client.post(
            f"/admin/rules/rule/{rule.pk}/change/",
            {
                "value": '{"default": 3}',
                "citation": rule.citation,
                "note": "thử",
                "revision_from": "01/01/2027",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        assert Rule.objects.filter(code="disclosure.deadline").count() == 2
        assert Rule.objects.get(pk=rule.pk).value == {"default": 5}


@pytest.mark.django_db
def test_rules_list_command_prints_citations():
    out = io.StringIO()
    call_command("rules", "list", stdout=out)
    text = out.getvalue()
    assert "vote.approval.general: > 1/2 tổng số hộ" in text
    assert (
        "Căn cứ: Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (sửa đổi bởi Luật số "
        "47/2024/QH15 và Luật số 97/2025/QH15), điều 21 khoản 1" in text
    )


def test_public_interface_from_a_plain_shell(tmp_path):
    script = (
        "import django, datetime as dt; django.setup(); from coso import rules; "
        "rules_ok = rules.add_working_days(dt.date(2026, 2, 12), 10); print(rules_ok)"
    )
    import os

    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(DJANGO_SETTINGS_MODULE="coso.config.settings", COSO_VAR_DIR=str(tmp_path))
    subprocess.run(
        [sys.executable, "-m", "coso", "migrate", "-v0"], env=env, check=True, timeout=120
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "2026-03-05", result.stderr


class TestLaw136:
    """Law 136/2025/QH15 from 1 July 2026, as far as its text could be read."""

    def test_online_reception_from_its_effective_date(self, db, tree, official_a):
        from coso.petitions import reception

        with pytest.raises(DomainError, match="trực tuyến áp dụng từ 01/07/2026"):
            reception.session_create(
                actor=official_a, unit=tree.a, date=dt.date(2026, 6, 30), leader="A", form="online"
            )
        session = reception.session_create(
            actor=official_a, unit=tree.a, date=dt.date(2026, 7, 1), leader="A", form="online"
        )
        assert session.form == "online"
        assert "136/2025/QH15" in rules.citation("reception.forms", on=dt.date(2026, 7, 1))

    def test_commune_reception_days_on_30_june_and_1_july_2026(self, db):
        code = "reception.commune.frequency"
        assert rules.value(code, on=D(2026, 6, 30)) == {"times": 1, "per": "week"}
        assert rules.value(code, on=D(2026, 7, 1)) == {"times": 2, "per": "month"}
        assert "136/2025/QH15, điều 1 khoản 7" in rules.citation(code, on=D(2026, 7, 1))
        assert "136/2025" not in rules.citation(code, on=D(2026, 6, 30))

    def test_complaint_acceptance_on_30_june_and_1_july_2026(self, db):
        # Counted by hand: from Tuesday 30/6/2026, ten working days end Tuesday 14/7;
        # from Wednesday 1/7/2026, seven working days end Friday 10/7 (no holiday).
        for code in ("complaint.first.accept", "complaint.second.accept"):
            assert rules.due_date(code, D(2026, 6, 30)) == D(2026, 7, 14)
            assert rules.due_date(code, D(2026, 7, 1)) == D(2026, 7, 10)
            assert "155/2026/NĐ-CP, điều 10" in rules.citation(code, on=D(2026, 7, 1))

    def test_suspension_exists_from_1_july_2026(self, db):
        with pytest.raises(RuleMissing):
            rules.value("complaint.suspension", on=D(2026, 6, 30))
        assert (
            rules.value("complaint.suspension", on=D(2026, 7, 1))["suspended_days_counted"] is False
        )

    def test_suspended_days_move_the_end_by_hand(self, db):
        # Accepted Monday 6/7/2026: 30 days end Wednesday 5/8. Suspended on 20/7 and
        # continued on 10/8: 21 days not counted, the end is Wednesday 26/8.
        code = "complaint.first.resolve"
        assert rules.due_date(code, D(2026, 7, 6)) == D(2026, 8, 5)
        assert rules.due_date(code, D(2026, 7, 6), suspended_days=21) == D(2026, 8, 26)
        # Three days more land on Saturday 8/8: the end moves to Monday 10/8.
        assert rules.due_date(code, D(2026, 7, 6), suspended_days=3) == D(2026, 8, 10)


class TestCorrections:
    """Citations and dates of effect corrected on review (no change of the law)."""

    pytestmark = pytest.mark.django_db

    def test_decrees_of_2023_take_effect_on_their_own_dates(self):
        assert rules.first_day("vote.village_head.timeline") == D(2023, 8, 15)  # D59
        assert rules.first_day("oversight.pib.plan_notice") == D(2023, 8, 15)
        assert rules.first_day("vote.convention.comment_days") == D(2023, 8, 16)  # D61
        assert rules.first_day("vote.approval.general") == D(2023, 7, 1)  # the GDL

    def test_board_articles_and_notes(self):
        assert rules.citation("oversight.pib.reply_days").endswith("điều 40 khoản 1 điểm c")
        assert rules.citation("oversight.cisb.reply_days").endswith("điều 45 khoản 2 điểm c")
        assert rules.citation("oversight.cisb.notice_days").endswith("điều 45 khoản 1 điểm b")
        for code in ("vote.approval.villages", "oversight.pib.plan_notice"):
            assert "Chưa đối chiếu" not in Rule.objects.get(code=code).note

    def test_every_gdl_rule_says_whether_law_97_changed_it(self):
        gdl = Rule.objects.filter(citation__contains="10/2022/QH15")
        assert gdl.count() > 40
        for rule in gdl:
            assert "sửa đổi bởi Luật số 47/2024/QH15 và Luật số 97/2025/QH15" in rule.citation
            assert "Luật 97/2025/QH15:" in rule.note, rule.code

    def test_a_database_that_lived_is_corrected_like_a_new_one(self):
        from coso.rules.loader import correct_catalogue, load_revisions

        Rule.objects.filter(code="oversight.pib.reply_days").update(
            citation="Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, điều 39"
        )
        Rule.objects.filter(code="vote.village_head.timeline").update(effective_from=D(2023, 7, 1))
        assert correct_catalogue(Rule) == 2
        assert correct_catalogue(Rule) == 0
        assert load_revisions(Rule) == 0  # already in force: nothing twice
        assert rules.first_day("vote.village_head.timeline") == D(2023, 8, 15)
        assert "điều 40" in rules.citation("oversight.pib.reply_days")


class TestCultureDay:
    def test_24_november_is_a_working_day_until_a_legal_text_makes_it_a_day_off(self, db):
        day = dt.date(2026, 11, 24)  # a Tuesday
        assert rules.is_working_day(day)
        CalendarException.objects.create(
            date=day, kind="day_off", reason="(văn bản quy phạm pháp luật quy định ngày nghỉ)"
        )
        assert not rules.is_working_day(day)
        # Nor is the package's "observed" Monday a day off (24/11/2029 is a Saturday).
        assert rules.is_working_day(dt.date(2029, 11, 26))
