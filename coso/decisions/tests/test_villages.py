"""A commune-wide contribution (items 1–2 of GDL art. 15) decided village by village:
each village approves with at least 2/3 of its own households, and the matter passes
when at least 2/3 of the commune's villages approve, whatever the commune-wide total
(GDL art. 21(1); `vote.approval.villages`)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from coso.core.errors import DomainError
from coso.decisions import catalogue, services
from coso.decisions.models import BallotBox, HouseholdCode, Matter, Status
from coso.decisions.outcome import compute
from coso.decisions.tests.factories import BOARD
from coso.people.models import Household
from coso.people.tests.factories import adult, make_household
from coso.units.tests.factories import village

DAY = dt.date(2026, 11, 23)
# Six small villages of 3 households and three large ones of 6: 36 in all.
SIZES = [3] * 6 + [6] * 3


def _rules(method: str = "meeting") -> dict:
    return catalogue.freeze(matter_type="1", method=method, unit_kind="commune", on=DAY)


def _villages(yes: list[int], present: list[int] | None = None) -> list[dict]:
    return [
        {
            "code": f"V{i}",
            "name": f"Thôn {i + 1}",
            "eligible": SIZES[i],
            "present": SIZES[i] if present is None else present[i],
            "tally": {"yes": n, "no": (SIZES[i] if present is None else present[i]) - n},
        }
        for i, n in enumerate(yes)
    ]


def _outcome(rules: dict, villages: list[dict], meeting: bool = True):
    yes = sum(v["tally"]["yes"] for v in villages)
    return compute(
        rules=rules,
        eligible=sum(v["eligible"] for v in villages),
        present=sum(v["present"] for v in villages),
        tally={"yes": yes},
        kind="proposal",
        seats=1,
        labels={"yes": "Đồng ý"},
        meeting=meeting,
        villages=villages,
    )


@pytest.mark.django_db
class TestOutcome:
    def test_six_of_nine_villages_pass_with_a_third_of_the_communes_households(self):
        # Six small villages at exactly 2/3 (2 of 3), the three large ones all against:
        # 12 of 36 households (33.3 %) commune-wide.
        result = _outcome(_rules(), _villages([2] * 6 + [0] * 3))
        assert result.passed
        assert [v["passed"] for v in result.villages] == [True] * 6 + [False] * 3
        assert any("6/9 thôn, tổ dân phố tán thành" in line for line in result.lines)
        assert any("12 đồng ý = 33,3 % tổng số hộ" in line for line in result.lines)

    def test_five_of_nine_villages_fail_with_most_of_the_communes_households(self):
        # The three large villages unanimous and two small ones at 2/3; the other four
        # small villages one short: 26 of 36 households (72.2 %, above 2/3) commune-wide.
        result = _outcome(_rules(), _villages([2, 2, 1, 1, 1, 1, 6, 6, 6]))
        assert not result.passed
        assert sum(v["passed"] for v in result.villages) == 5
        assert any("26 đồng ý = 72,2 % tổng số hộ" in line for line in result.lines)
        assert any("5/9 thôn, tổ dân phố tán thành" in line for line in result.lines)
        assert any("điều 21 khoản 1" in line for line in result.lines)

    def test_a_village_approves_at_two_thirds_of_its_own_households(self):
        at = _outcome(_rules(), _villages([2] * 6 + [4, 4, 4]))
        below = _outcome(_rules(), _villages([2] * 6 + [4, 4, 3]))
        assert [v["passed"] for v in at.villages][-3:] == [True, True, True]
        assert [v["passed"] for v in below.villages][-3:] == [True, True, False]

    def test_a_village_is_counted_on_all_its_households_not_those_present(self):
        # 2 of the 2 present in a village of 3 is 2/3 of its households: it approves;
        # 1 of 1 present is 1/3: it does not.
        villages = _villages([2, 1] + [0] * 7, present=[2, 1] + [3] * 6 + [6] * 3)
        result = _outcome(_rules(), villages)
        assert [v["passed"] for v in result.villages][:2] == [True, False]

    def test_thin_village_meetings_that_could_carry_it_call_for_household_ballots(self):
        # Four villages approve; three more met with too few households to reach 2/3:
        # ballots there could bring the count to seven, so the meeting is not final.
        present = [3] * 4 + [1, 1, 1] + [6, 6]
        thin = _outcome(_rules(), _villages([2] * 4 + [1, 1, 1, 0, 0], present=present))
        assert not thin.passed and thin.fallback_needed
        # Two thin villages can bring five at most: the meeting's result is final.
        present = [3] * 3 + [1, 1] + [3] + [6] * 3
        final = _outcome(_rules(), _villages([2] * 3 + [1, 1, 0, 0, 0, 0], present=present))
        assert not final.passed and not final.fallback_needed

    def test_only_a_communes_contribution_is_decided_village_by_village(self):
        assert "villages" in _rules()
        assert "villages" not in catalogue.freeze(
            matter_type="1", method="meeting", unit_kind="village", on=DAY
        )
        assert "villages" not in catalogue.freeze(
            matter_type="6", method="meeting", unit_kind="commune", on=DAY
        )


@pytest.fixture
def commune_villages(tree):
    """Tam Đường with nine villages (the tree's Bản Nà Luông and eight more)."""
    places = [tree.village_a] + [village(tree.a, f"Thôn {n}") for n in range(2, 10)]
    for i, (place, size) in enumerate(zip(places, SIZES, strict=True)):
        for j in range(size):
            make_household(place, f"T{i}-{j}", members=[adult(f"Chủ hộ {i}-{j}")])
    return places


def _households(place) -> list[int]:
    return list(Household.objects.filter(village=place).order_by("id").values_list("id", flat=True))


def _meeting(official, tree, places, yes: list[int]):
    matter = services.matter_create(
        actor=official, unit=tree.a, matter_type="1", title="Góp tiền làm đường liên thôn"
    )
    services.matter_open(actor=official, matter=matter, on=DAY)
    for place, n in zip(places, yes, strict=True):
        ids = _households(place)
        services.attendance_record(
            actor=official, matter=matter, household_ids=ids, cluster=place.code
        )
        services.tally_record(
            actor=official,
            matter=matter,
            counts={"yes": n, "no": len(ids) - n},
            cluster=place.code,
        )
    services.matter_count(actor=official, matter=matter, on=DAY)
    matter.refresh_from_db()
    return matter


class TestCommuneMeeting:
    def test_six_approving_villages_pass_and_the_outcome_shows_each(
        self, commune_villages, official_a, tree, client
    ):
        matter = _meeting(official_a, tree, commune_villages, [2] * 6 + [0] * 3)
        assert matter.rules["villages"]["code"] == "vote.approval.villages"
        assert {v["name"]: v["eligible"] for v in matter.villages} == {
            place.name: n for place, n in zip(commune_villages, SIZES, strict=True)
        }
        assert matter.status == Status.COUNTED and matter.outcome["passed"]
        assert matter.outcome["tally"]["yes"] == 12 and matter.eligible == 36
        client.force_login(official_a)
        page = client.get(reverse("decisions:matter", args=[matter.pk])).content.decode()
        assert 'id="village-results"' in page
        assert page.count("không đạt</span>") == 3
        for place in commune_villages:
            assert place.name in page
        # The minutes carry the same table, one row per village.
        docx = client.get(reverse("decisions:minutes", args=[matter.pk]))
        document = Document(io.BytesIO(docx.content))
        table = next(t for t in document.tables if t.rows[0].cells[0].text == "Thôn, tổ dân phố")
        rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
        assert len(rows) == 9
        assert rows["Bản Nà Luông"] == ["3", "3", "2", "66,7\u00a0%", "Tán thành"]
        assert sum(r[-1] == "Tán thành" for r in rows.values()) == 6

    def test_five_approving_villages_fail_whatever_the_commune_total(
        self, commune_villages, official_a, tree
    ):
        matter = _meeting(official_a, tree, commune_villages, [2, 2, 1, 1, 1, 1, 6, 6, 6])
        assert not matter.outcome["passed"] and matter.outcome["tally"]["yes"] == 26
        assert sum(v["passed"] for v in matter.outcome["villages"]) == 5
        # Every household came: no ballot round could change it.
        assert not Matter.objects.filter(fallback_of=matter).exists()

    def test_each_village_is_counted_apart(self, commune_villages, official_a, tree):
        matter = services.matter_create(
            actor=official_a, unit=tree.a, matter_type="2", title="Quỹ khuyến học"
        )
        services.matter_open(actor=official_a, matter=matter, on=DAY)
        first, second = commune_villages[:2]
        with pytest.raises(DomainError, match="theo từng thôn"):
            services.tally_record(actor=official_a, matter=matter, counts={"yes": 1})
        with pytest.raises(DomainError, match="không thuộc đơn vị"):
            services.attendance_record(
                actor=official_a,
                matter=matter,
                household_ids=_households(second),
                cluster=first.code,
            )
        services.attendance_record(
            actor=official_a,
            matter=matter,
            household_ids=_households(first)[:2],
            cluster=first.code,
        )
        # A village's counts cannot exceed its own households present.
        with pytest.raises(DomainError, match="vượt quá số có mặt"):
            services.tally_record(
                actor=official_a, matter=matter, counts={"yes": 3}, cluster=first.code
            )

    def test_the_attendance_page_asks_for_the_village_then_lists_only_its_households(
        self, commune_villages, official_a, tree, client
    ):
        matter = services.matter_create(
            actor=official_a, unit=tree.a, matter_type="1", title="Góp công làm kênh"
        )
        services.matter_open(actor=official_a, matter=matter, on=DAY)
        client.force_login(official_a)
        url = reverse("decisions:attendance", args=[matter.pk])
        page = client.get(url).content.decode()
        assert 'id="village-choice"' in page and page.count("?cluster=") == 9
        place = commune_villages[6]
        page = client.get(url, {"cluster": place.code}).content.decode()
        assert page.count('name="household"') == 6 and place.name in page
        detail = client.get(reverse("decisions:matter", args=[matter.pk])).content.decode()
        assert 'id="villages"' in detail and 'name="cluster"' in detail


class TestCommuneBallots:
    @pytest.mark.parametrize("secret", [True, False], ids=["secret", "open"])
    def test_paper_forms_are_counted_in_their_households_village(
        self, commune_villages, official_a, tree, secret
    ):
        matter = services.matter_create(
            actor=official_a,
            unit=tree.a,
            matter_type="1",
            title="Góp tiền điện chiếu sáng",
            method="ballot",
            secret=secret,
            counting_board=BOARD,
        )
        services.matter_open(actor=official_a, matter=matter, on=DAY)
        # A secret round: one ballot box per village.
        assert BallotBox.objects.filter(matter=matter).count() == (9 if secret else 0)
        codes = {c.household_id: c for c in HouseholdCode.objects.filter(matter=matter)}
        yes = [2] * 6 + [0] * 3
        for place, n in zip(commune_villages, yes, strict=True):
            ids = _households(place)
            if secret:  # the stubs, then the box's ballots, which carry no code
                services.stubs_key_in(
                    actor=official_a, matter=matter, codes=[codes[h].code for h in ids]
                )
                services.paper_ballots_key_in(
                    actor=official_a,
                    matter=matter,
                    counts={"yes": n, "no": len(ids) - n},
                    cluster=place.code,
                )
                continue
            services.ballots_key_in(
                actor=official_a,
                matter=matter,
                entries=[
                    (codes[h].form_number, ["yes"] if k < n else ["no"]) for k, h in enumerate(ids)
                ],
            )
        if secret:
            services.matter_count_encrypted(
                actor=official_a, matter=matter, shares=matter.board_shares[:3], on=DAY
            )
        else:
            services.matter_count(actor=official_a, matter=matter, on=DAY)
        matter.refresh_from_db()
        assert matter.outcome["passed"]
        results = {v["name"]: (v["present"], v["yes"]) for v in matter.outcome["villages"]}
        assert results["Bản Nà Luông"] == (3, 2) and results["Thôn 9"] == (6, 0)
        assert matter.outcome["tally"] == {"yes": 12, "no": 24, "other": 0}

    def test_a_household_that_moves_votes_in_the_village_its_form_was_issued_for(
        self, commune_villages, official_a, tree
    ):
        matter = services.matter_create(
            actor=official_a,
            unit=tree.a,
            matter_type="1",
            title="Góp tiền nạo vét mương",
            method="ballot",
        )
        services.matter_open(actor=official_a, matter=matter, on=DAY)
        mover = Household.objects.get(code="T0-0")
        code = HouseholdCode.objects.get(matter=matter, household=mover)
        # It moves to another village of the roll, then to a village that had nobody.
        mover.village = commune_villages[8]
        mover.save()
        empty = village(tree.a, "Thôn Mới")
        mover.village = empty
        mover.save()
        services.ballots_key_in(
            actor=official_a, matter=matter, entries=[(code.form_number, ["yes"])]
        )
        services.matter_count(actor=official_a, matter=matter, on=DAY)
        matter.refresh_from_db()
        counted = {v["name"]: v["yes"] for v in matter.outcome["villages"]}
        assert counted["Bản Nà Luông"] == 1 and sum(counted.values()) == 1

    def test_counts_of_a_ballot_round_cannot_be_corrected_as_a_meetings(
        self, commune_villages, official_a, tree
    ):
        matter = services.matter_create(
            actor=official_a, unit=tree.a, matter_type="1", title="Góp quỹ", method="ballot"
        )
        services.matter_open(actor=official_a, matter=matter, on=DAY)
        services.matter_count(actor=official_a, matter=matter, on=DAY)
        with pytest.raises(DomainError, match="Chỉ đính chính"):
            services.matter_correct(
                actor=official_a,
                matter=matter,
                counts={"yes": 3},
                reason="x",
                cluster=commune_villages[0].code,
            )


def test_a_thin_village_meeting_is_followed_by_ballots_in_those_villages_only(
    commune_villages, official_a, tree
):
    """Four villages approve at their meetings, two meet in full and refuse, three are
    too thin to decide: household ballots follow in those three only, and the matter
    passes when two of them approve (4 + 2 = 6 of 9), the meetings' verdicts kept."""
    matter = services.matter_create(
        actor=official_a, unit=tree.a, matter_type="1", title="Góp tiền làm cầu treo"
    )
    services.matter_open(actor=official_a, matter=matter, on=DAY)
    plan = [(3, 2)] * 4 + [(1, 1), (1, 1), (3, 3), (6, 0), (6, 0)]  # (present, yes)
    for place, (present, yes) in zip(commune_villages, plan, strict=True):
        ids = _households(place)[:present]
        services.attendance_record(
            actor=official_a, matter=matter, household_ids=ids, cluster=place.code
        )
        services.tally_record(
            actor=official_a,
            matter=matter,
            counts={"yes": yes, "no": present - yes},
            cluster=place.code,
        )
    services.matter_count(actor=official_a, matter=matter, on=DAY)
    matter.refresh_from_db()
    assert not matter.outcome["passed"] and matter.outcome["fallback_needed"]
    ballots = Matter.objects.get(fallback_of=matter)
    called = [place.code for place in commune_villages[4:7]]
    assert [v["code"] for v in ballots.villages if not v.get("carried")] == called
    assert ballots.eligible == 3 + 3 + 6
    codes = dict(
        HouseholdCode.objects.filter(matter=ballots).values_list("household_id", "form_number")
    )
    assert set(codes) == {h for place in commune_villages[4:7] for h in _households(place)}
    for place, yes in zip(commune_villages[4:7], [2, 2, 3], strict=True):
        ids = _households(place)
        services.ballots_key_in(
            actor=official_a,
            matter=ballots,
            entries=[(codes[h], ["yes"] if k < yes else ["no"]) for k, h in enumerate(ids)],
        )
    services.matter_count(actor=official_a, matter=ballots, on=DAY)
    ballots.refresh_from_db()
    verdicts = [(v.get("carried", False), v["passed"]) for v in ballots.outcome["villages"]]
    assert (
        verdicts
        == [(True, True)] * 4 + [(False, True), (False, True), (False, False)] + [(True, False)] * 2
    )
    assert ballots.outcome["passed"]
