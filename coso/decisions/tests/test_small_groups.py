"""A secret round decided village by village publishes a village's counts only from the
minimum group of `vote.secret.min_group`; below it, the village's verdict alone, saying
why — on the outcome page, the public result page, the minutes and the portal (issue 17,
point 5). The decisions app serves no JSON API and no other export of a round's results.
The stored outcome keeps every count: it is the counting board's record."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from docx import Document

from coso import rules
from coso.decisions import catalogue, services
from coso.decisions.models import HouseholdCode, Matter
from coso.decisions.outcome import withhold_small_groups
from coso.decisions.selectors import outcome_published
from coso.decisions.tests.factories import BOARD
from coso.people.models import Household
from coso.people.tests.factories import adult, make_household
from coso.units.tests.factories import village

DAY = dt.date(2026, 11, 23)
RULE = {"min": 10, "citation": "Nghị định 59/2023/NĐ-CP, điều 4"}
REASON = "Không công bố số phiếu của thôn dưới 10 hộ để giữ bí mật lá phiếu."
COMPLEMENT = "để số phiếu của thôn dưới 10 hộ không suy ra được từ tổng toàn xã"

# (households, yes): the village of 2 splits 1–1 and fails; 11 is withheld with it so its
# counts cannot be worked out from the commune's totals; 12 (unanimous) and 14 are shown.
PLAN = [(2, 1), (11, 8), (12, 12), (14, 10)]


def _v(code: str, eligible: int, present: int, yes: int, **extra) -> dict:
    return {
        "code": code,
        "name": f"Thôn {code}",
        "eligible": eligible,
        "present": present,
        "tally": {"yes": yes, "no": present - yes},
        "yes": yes,
        "pct": "x",
        "passed": yes * 3 >= eligible * 2,
        **extra,
    }


def _codes(result: dict) -> dict:
    return {v["code"]: v.get("withheld", "") for v in result["villages"]}


class TestWithhold:
    def test_a_village_below_the_minimum_keeps_its_verdict_alone(self):
        result = {"villages": [_v("A", 9, 9, 9), _v("B", 10, 10, 7), _v("C", 30, 30, 20)]}
        shown = withhold_small_groups(result, RULE)
        a = shown["villages"][0]
        assert set(a) == {"code", "name", "eligible", "passed", "withheld"}
        assert a["passed"] and "dưới 10 hộ" in a["withheld"]
        # At exactly the minimum a village is published; here it is the smallest, so it
        # is withheld with A (9 + 10 ballots), else A's counts = totals − the others'.
        assert "suy ra" in shown["villages"][1]["withheld"]
        assert shown["villages"][2]["yes"] == 20
        assert shown["withheld"] == {"min": 10, "citation": RULE["citation"]}
        assert result["villages"][0]["yes"] == 9  # the stored outcome is not changed

    def test_villages_at_the_minimum_are_published_whole(self):
        result = {"villages": [_v("A", 10, 10, 10), _v("B", 10, 10, 3)]}
        assert withhold_small_groups(result, RULE) is result  # unanimous A too

    def test_too_few_taking_part_withholds_a_large_villages_counts(self):
        result = {"villages": [_v("A", 40, 1, 0), _v("B", 40, 40, 30), _v("C", 50, 50, 1)]}
        shown = _codes(withhold_small_groups(result, RULE))
        assert "có dưới 10 hộ tham gia" in shown["A"]
        assert "suy ra" in shown["B"] and shown["C"] == ""  # the smaller by ballots cast

    def test_small_villages_that_hold_the_minimum_together_need_no_complement(self):
        result = {"villages": [_v("A", 2, 2, 2), _v("B", 9, 9, 6), _v("C", 12, 12, 0)]}
        shown = _codes(withhold_small_groups(result, RULE))
        assert "dưới 10 hộ" in shown["A"] and "dưới 10 hộ" in shown["B"] and shown["C"] == ""

    def test_a_village_carried_from_an_open_meeting_keeps_its_figures(self):
        result = {"villages": [_v("A", 3, 3, 2, carried=True), _v("B", 30, 30, 20)]}
        assert withhold_small_groups(result, RULE) is result


@pytest.fixture
def villages(tree):
    """Tam Đường with four villages of 2, 11, 12 and 14 households."""
    places = [tree.village_a] + [village(tree.a, f"Thôn {n}") for n in (2, 3, 4)]
    for i, (place, (size, _yes)) in enumerate(zip(places, PLAN, strict=True)):
        for j in range(size):
            make_household(place, f"S{i}-{j}", members=[adult(f"Chủ hộ {i}-{j}")])
    return places


def _secret_round(official, tree, places, *, publish: bool = True) -> Matter:
    matter = services.matter_create(
        actor=official,
        unit=tree.a,
        matter_type="1",
        title="Góp tiền bê tông hóa đường thôn",
        method="ballot",
        secret=True,
        counting_board=BOARD,
    )
    services.matter_open(actor=official, matter=matter, on=DAY)
    codes = dict(HouseholdCode.objects.filter(matter=matter).values_list("household_id", "code"))
    for place, (size, yes) in zip(places, PLAN, strict=True):
        ids = Household.objects.filter(village=place).values_list("id", flat=True)
        services.stubs_key_in(actor=official, matter=matter, codes=[codes[h] for h in ids])
        services.paper_ballots_key_in(
            actor=official,
            matter=matter,
            counts={"yes": yes, "no": size - yes},
            cluster=place.code,
        )
    services.matter_count_encrypted(
        actor=official, matter=matter, shares=matter.board_shares[:3], on=DAY
    )
    if publish:
        services.matter_publish(actor=official, matter=matter, chair="A", secretary="B")
    matter.refresh_from_db()
    return matter


def _rows(page: str, places) -> list[list[str]]:
    """The per-village table: each village's cells, tags stripped, in `places`' order
    (the first cell is the name and its verdict)."""
    table = page.split('id="village-results"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        rows[cells[0]] = cells
    return [next(r for k, r in rows.items() if k.startswith(p.name)) for p in places]


@pytest.mark.django_db
class TestEveryPublicPath:
    def test_the_rule_is_frozen_when_a_secret_round_opens(self):
        frozen = catalogue.freeze(
            matter_type="1", method="ballot", unit_kind="commune", on=DAY, secret=True
        )
        assert frozen["min_group"]["min"] == rules.value("vote.secret.min_group", on=DAY) == 10
        assert "điều 4" in frozen["min_group"]["citation"]
        assert "min_group" not in catalogue.freeze(
            matter_type="1", method="ballot", unit_kind="commune", on=DAY
        )

    def test_pages_show_the_small_villages_verdict_without_counts(
        self, villages, official_a, tree, client, django_assert_num_queries
    ):
        matter = _secret_round(official_a, tree, villages)
        assert matter.outcome["passed"]  # 3 of 4 villages approve
        # The stored outcome, the counting board's record, keeps every count.
        assert matter.outcome["villages"][0]["yes"] == 1
        url = reverse("decisions:public_result", args=[matter.pk])
        # The round, its unit, options, its record; the province's id (the page cache's).
        with django_assert_num_queries(5):
            public = client.get(url).content.decode()
        client.force_login(official_a)
        detail = client.get(reverse("decisions:matter", args=[matter.pk])).content.decode()
        for page in (public, detail):
            small, withheld, unanimous, large = _rows(page, villages)
            # Its verdict, the households of the roll, then the reason alone.
            assert small == [f"{villages[0].name} không đạt", "2", REASON]
            assert withheld[1] == "11" and COMPLEMENT in withheld[2] and len(withheld) == 3
            assert unanimous[1:] == ["12", "12", "12", "100,0 %"]
            assert large[1:] == ["14", "14", "10", "71,4 %"]
            assert "50,0 %" not in page and 'id="withheld-note"' in page
            assert "31 đồng ý" in page  # the commune's totals are still published
        portal = client.get(reverse("portal:unit", args=[tree.a.code])).content.decode()
        assert matter.title in portal and "50,0 %" not in portal

    def test_the_minutes_show_the_small_villages_verdict_without_counts(
        self, villages, official_a, tree, client
    ):
        matter = _secret_round(official_a, tree, villages)
        client.force_login(official_a)
        docx = client.get(reverse("decisions:minutes", args=[matter.pk]))
        document = Document(io.BytesIO(docx.content))
        table = next(t for t in document.tables if t.rows[0].cells[0].text == "Thôn, tổ dân phố")
        rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
        small, withheld, unanimous, large = (rows[p.name] for p in villages)
        assert small == ["2", "—", "—", "—", "Không tán thành (*)"]
        assert withheld == ["11", "—", "—", "—", "Tán thành (*)"]
        assert unanimous == ["12", "12", "12", "100,0\u00a0%", "Tán thành"]
        assert large == ["14", "14", "10", "71,4\u00a0%", "Tán thành"]
        text = "\n".join(p.text for p in document.paragraphs)
        assert f"(*) {villages[0].name}: {REASON}" in text
        assert "50,0" not in text and "50,0" not in "".join(
            c.text for t in document.tables for r in t.rows for c in r.cells
        )

    def test_an_open_round_publishes_every_villages_counts(self, villages, official_a, tree):
        matter = _secret_round(official_a, tree, villages)
        Matter.objects.filter(pk=matter.pk).update(secret=False)
        matter.refresh_from_db()
        assert outcome_published(matter=matter) == matter.outcome

    def test_a_round_opened_before_the_rule_takes_the_rulebooks_version(
        self, villages, official_a, tree
    ):
        matter = _secret_round(official_a, tree, villages, publish=False)
        del matter.rules["min_group"]
        shown = outcome_published(matter=matter)
        assert shown["villages"][0]["withheld"] == REASON
