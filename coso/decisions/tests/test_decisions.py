import datetime as dt
import io
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from docx import Document

from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.decisions import selectors, services
from coso.decisions.models import (
    Ballot,
    HouseholdCode,
    Mark,
    Matter,
    OnlineOptIn,
    Participation,
    Status,
)
from coso.decisions.tests.factories import BOARD
from coso.people.models import Household
from coso.people.tests.factories import make_household


@pytest.fixture
def village(tree):
    for i in range(10):
        make_household(tree.village_a, f"V{i:02d}")
    return tree.village_a


def household_ids(village):
    return list(
        Household.objects.filter(village=village).order_by("id").values_list("id", flat=True)
    )


def new_matter(actor, unit, **kw):
    values = {"matter_type": "6", "title": "Làm đường bê tông liên thôn"}
    values.update(kw)
    return services.matter_create(actor=actor, unit=unit, **values)


class TestMeeting:
    def test_meeting_flow_with_counts(self, village, village_head):
        matter = new_matter(village_head, village)
        services.matter_open(actor=village_head, matter=matter)
        assert matter.eligible == 10 and matter.rules["approval"]["code"] == "vote.approval.general"
        services.attendance_record(
            actor=village_head, matter=matter, household_ids=household_ids(village)[:8]
        )
        services.tally_record(
            actor=village_head, matter=matter, counts={"yes": 6, "no": 1, "other": 1}
        )
        services.matter_count(actor=village_head, matter=matter, on=dt.date(2026, 11, 20))
        matter.refresh_from_db()
        assert matter.status == Status.COUNTED and matter.outcome["passed"]
        # 5 working days after Friday 20/11/2026 (24/11 is one: no law makes it a day off).
        assert matter.report_due == dt.date(2026, 11, 27)
        services.matter_publish(
            actor=village_head, matter=matter, chair="Lò Văn Pọm", secretary="Lò Thị Dợ"
        )
        assert AuditEntry.objects.filter(model__startswith="decisions.").count() >= 5

    def test_counts_cannot_exceed_those_present(self, village, village_head):
        matter = new_matter(village_head, village)
        services.matter_open(actor=village_head, matter=matter)
        services.attendance_record(
            actor=village_head, matter=matter, household_ids=household_ids(village)[:3]
        )
        with pytest.raises(DomainError, match="vượt quá số có mặt"):
            services.tally_record(actor=village_head, matter=matter, counts={"yes": 3, "no": 1})

    def test_thin_meeting_starts_household_ballots(self, village, village_head):
        matter = new_matter(village_head, village, matter_type="1")
        services.matter_open(actor=village_head, matter=matter)
        services.attendance_record(
            actor=village_head, matter=matter, household_ids=household_ids(village)[:5]
        )
        services.tally_record(actor=village_head, matter=matter, counts={"yes": 5})
        services.matter_count(actor=village_head, matter=matter)
        fallback = Matter.objects.get(fallback_of=matter)
        assert fallback.method == "ballot" and fallback.status == Status.OPEN
        assert HouseholdCode.objects.filter(matter=fallback).count() == 10

    def test_forms_the_law_allows(self, village, village_head):
        with pytest.raises(DomainError) as error:
            new_matter(village_head, village, matter_type="3", method="ballot")
        assert error.value.field == "method"
        with pytest.raises(DomainError):
            new_matter(village_head, village, matter_type="1", method="online")

    def test_published_result_changes_only_by_correction(self, village, village_head):
        matter = new_matter(village_head, village)
        services.matter_open(actor=village_head, matter=matter)
        services.attendance_record(
            actor=village_head, matter=matter, household_ids=household_ids(village)
        )
        services.tally_record(actor=village_head, matter=matter, counts={"yes": 5, "no": 5})
        services.matter_count(actor=village_head, matter=matter)
        services.matter_publish(actor=village_head, matter=matter)
        assert not matter.outcome["passed"]
        with pytest.raises(DomainError):
            services.tally_record(actor=village_head, matter=matter, counts={"yes": 6})
        with pytest.raises(DomainError):
            services.matter_void(actor=village_head, matter=matter, reason="x")
        services.matter_correct(
            actor=village_head, matter=matter, counts={"yes": 6, "no": 4}, reason="Đếm sót một hộ"
        )
        matter.refresh_from_db()
        assert matter.outcome["passed"] and matter.corrections.count() == 1

    def test_other_units_official_cannot_run_it(self, village, official_b):
        with pytest.raises(DomainError):
            new_matter(official_b, village)


@pytest.fixture
def ballot_round(village, village_head):
    matter = new_matter(village_head, village, method="ballot")
    for household in Household.objects.filter(village=village)[:6]:
        OnlineOptIn.objects.create(unit=village, household=household)
    services.matter_open(actor=village_head, matter=matter)
    return matter


class TestBallots:
    def test_online_needs_more_than_half_opted_in(self, village, village_head, ballot_round):
        assert ballot_round.online_allowed
        other = new_matter(village_head, village, method="ballot", title="Khác")
        OnlineOptIn.objects.filter(household_id__in=household_ids(village)[:2]).delete()
        services.matter_open(actor=village_head, matter=other)
        assert not other.online_allowed  # 4 of 10 households

    def test_code_works_once_and_only_for_its_matter(self, village, village_head, ballot_round):
        code = HouseholdCode.objects.filter(matter=ballot_round).first()
        services.vote_online(code=code.code.lower(), choice=["yes"])
        with pytest.raises(DomainError, match="đã được dùng"):
            services.vote_online(code=code.code, choice=["no"])
        other = new_matter(village_head, village, method="ballot", title="Khác")
        services.matter_open(actor=village_head, matter=other)
        with pytest.raises(DomainError, match="Mã không đúng"):
            services.vote_online(code="ZZZZZZZZ", choice=["yes"])
        assert Participation.objects.filter(matter=ballot_round).count() == 1
        assert Participation.objects.filter(matter=other).count() == 0

    def test_paper_ballots_keyed_in_all_or_nothing(self, ballot_round, village_head):
        services.ballots_key_in(
            actor=village_head, matter=ballot_round, entries=[(1, ["yes"]), (2, ["no"]), (3, [])]
        )
        with pytest.raises(DomainError, match="Phiếu số 2"):
            services.ballots_key_in(
                actor=village_head, matter=ballot_round, entries=[(4, ["yes"]), (2, ["yes"])]
            )
        assert Ballot.objects.filter(matter=ballot_round).count() == 3
        assert services.tally_counts(ballot_round) == {"yes": 1, "no": 1, "other": 0}
        entry = AuditEntry.objects.get(model="decisions.ballot")
        assert entry.changes["keyed_in"][1]["forms"] == {"1": ["yes"], "2": ["no"], "3": []}

    def test_database_refuses_a_second_vote(self, ballot_round):
        household = household_ids(ballot_round.unit)[0]
        Participation.objects.create(matter=ballot_round, household_id=household, channel="paper")
        with pytest.raises(IntegrityError), transaction.atomic():
            Participation.objects.create(
                matter=ballot_round, household_id=household, channel="online"
            )

    def test_a_thin_election_meetings_ballot_round_is_encrypted_and_counted_by_its_board(
        self, village, village_head
    ):
        matter = new_matter(
            village_head,
            village,
            matter_type="4",
            method="meeting",
            candidates=["Lò Văn A", "Lò Văn B"],
            counting_board=BOARD[:3],
        )
        services.matter_open(actor=village_head, matter=matter)
        services.attendance_record(
            actor=village_head, matter=matter, household_ids=household_ids(village)[:3]
        )
        services.tally_record(actor=village_head, matter=matter, counts={"c1": 3})
        services.matter_count(actor=village_head, matter=matter)
        fallback = Matter.objects.get(fallback_of=matter)
        assert fallback.secret and fallback.encrypted and fallback.status == Status.OPEN
        # The meeting's board takes the fallback's shares, shown once with the count.
        assert [m.name for m in fallback.board_members.all()] == BOARD[:3]
        assert len(matter.fallback_shares) == 3
        # Its paper forms are not keyed in by number: stubs and ballots go in apart.
        with pytest.raises(DomainError):
            services.ballots_key_in(actor=village_head, matter=fallback, entries=[(1, ["c1"])])
        codes = HouseholdCode.objects.filter(matter=fallback).order_by("form_number")
        services.stubs_key_in(
            actor=village_head, matter=fallback, codes=[c.code for c in codes[:3]]
        )
        services.paper_ballots_key_in(
            actor=village_head, matter=fallback, counts={"c1": 2}, spoiled=1
        )
        assert not Ballot.objects.filter(matter=fallback).exists()
        assert not Mark.objects.filter(option__matter=fallback).exists()
        services.matter_count_encrypted(
            actor=village_head, matter=fallback, shares=matter.fallback_shares[1:]
        )
        fallback.refresh_from_db()
        assert fallback.outcome["tally"] == {"c1": 2, "c2": 0}
        assert selectors.spoiled_count(matter=fallback) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_votes_with_one_code_record_one(tree):
    if connection.vendor == "sqlite":
        pytest.skip(
            "the in-memory SQLite test database cannot take two writers at once; "
            "this runs on PostgreSQL"
        )
    from coso.accounts.models import Role, RoleAssignment, User

    head = User.objects.create_user("head", password="pw")
    RoleAssignment.objects.create(user=head, unit=tree.village_a, role=Role.VILLAGE_HEAD)
    for i in range(4):
        make_household(tree.village_a, f"C{i}")
    matter = new_matter(head, tree.village_a, method="ballot")
    for household in Household.objects.filter(village=tree.village_a):
        OnlineOptIn.objects.create(unit=tree.village_a, household=household)
    services.matter_open(actor=head, matter=matter)
    code = HouseholdCode.objects.filter(matter=matter).first().code
    results: list[str] = []
    barrier = threading.Barrier(2)

    def vote() -> None:
        barrier.wait()
        try:
            services.vote_online(code=code, choice=["yes"])
            results.append("ok")
        except (DomainError, IntegrityError):
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused"]
    assert Participation.objects.filter(matter=matter).count() == 1
    assert Ballot.objects.filter(matter=matter).count() == 1


class TestPages:
    def test_minutes_docx_holds_the_tally(self, client, village, village_head):
        matter = new_matter(village_head, village)
        services.matter_open(actor=village_head, matter=matter)
        services.attendance_record(
            actor=village_head, matter=matter, household_ids=household_ids(village)[:7]
        )
        services.tally_record(actor=village_head, matter=matter, counts={"yes": 6, "no": 1})
        services.matter_count(actor=village_head, matter=matter)
        client.force_login(village_head)
        response = client.get(reverse("decisions:minutes", args=[matter.pk]))
        document = Document(io.BytesIO(response.content))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "BIÊN BẢN" in text and "Họp Bản" in text
        rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
        assert (
            ["Tổng số hộ", "10"] in rows and ["Có mặt", "7"] in rows and ["Vắng mặt", "3"] in rows
        )
        assert ["Đồng ý", "6"] in rows and ["Không đồng ý", "1"] in rows

    def test_other_units_matter_is_404(self, client, village, village_head, official_b):
        matter = new_matter(village_head, village)
        client.force_login(official_b)
        assert client.get(reverse("decisions:matter", args=[matter.pk])).status_code == 404

    def test_published_results_are_public(self, client, village, village_head):
        matter = new_matter(village_head, village)
        services.matter_open(actor=village_head, matter=matter)
        services.attendance_record(
            actor=village_head, matter=matter, household_ids=household_ids(village)
        )
        services.tally_record(actor=village_head, matter=matter, counts={"yes": 9})
        url = reverse("decisions:public_result", args=[matter.pk])
        assert client.get(url).status_code == 404
        services.matter_count(actor=village_head, matter=matter)
        services.matter_publish(actor=village_head, matter=matter)
        page = client.get(url).content.decode()
        assert "Thông qua" in page and "điều 21 khoản 1" in page
        commune_page = client.get(reverse("portal:unit", args=[village.parent.code]))
        assert matter.title in commune_page.content.decode()

    def test_online_vote_page(self, client, ballot_round):
        code = HouseholdCode.objects.filter(matter=ballot_round).first().code
        page = client.post(reverse("decisions:vote"), {"code": code}).content.decode()
        assert ballot_round.title in page and 'name="cast"' in page
        empty = client.post(reverse("decisions:vote"), {"code": code, "cast": "1"})
        assert "Hãy chọn ý kiến" in empty.content.decode()
        done = client.post(reverse("decisions:vote"), {"code": code, "choice": "yes", "cast": "1"})
        assert "Đã ghi nhận" in done.content.decode()
        again = client.post(reverse("decisions:vote"), {"code": code, "choice": "no", "cast": "1"})
        assert "đã được dùng" in again.content.decode()

    def test_the_qr_code_keeps_the_code_out_of_the_url(self, client, ballot_round, village_head):
        client.force_login(village_head)
        sheet = client.get(reverse("decisions:codes", args=[ballot_round.pk])).content.decode()
        code = HouseholdCode.objects.filter(matter=ballot_round).first().code
        assert code in sheet and f"?code={code}" not in sheet

    @pytest.mark.parametrize("how", ["GET", "POST"])
    def test_every_bad_code_gets_its_message(self, client, how, village, village_head):
        paper = new_matter(village_head, village, method="ballot", title="Chỉ phiếu giấy")
        services.matter_open(actor=village_head, matter=paper)  # nobody opted in
        closed = new_matter(village_head, village, method="ballot", title="Đã kiểm")
        services.matter_open(actor=village_head, matter=closed)
        services.matter_count(actor=village_head, matter=closed)
        used = new_matter(village_head, village, method="ballot", title="Đã dùng")
        for household in Household.objects.filter(village=village):
            OnlineOptIn.objects.get_or_create(unit=village, household=household)
        services.matter_open(actor=village_head, matter=used)
        used_code = HouseholdCode.objects.filter(matter=used).first().code
        services.vote_online(code=used_code, choice=["yes"])
        cases = {
            "NOSUCH": "Mã không đúng",
            "": "",  # an empty code: the form asks for it
            HouseholdCode.objects.filter(matter=paper).first().code: "chỉ nhận phiếu giấy",
            HouseholdCode.objects.filter(matter=closed).first().code: "đã kết thúc",
            used_code: "đã được dùng",
        }
        send = client.get if how == "GET" else client.post
        for code, message in cases.items():
            response = send(reverse("decisions:vote"), {"code": code, "choice": "yes", "cast": "1"})
            assert response.status_code == 200, code
            assert message in response.content.decode(), code
            assert "Traceback" not in response.content.decode()
