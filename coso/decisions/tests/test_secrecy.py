"""A secret ballot attacked as someone holding the whole database would attack it.

Sixty households vote — 20 online by typing their code, 20 online signed in as their
household (the server claims the household's code: no code typed), 20 on paper forms
keyed in one at a time — in an order the test knows (or, for a commune-wide round
counted village by village, all 60 on paper). The attacker then lines up every ordering the database offers —
each column of each table, SQLite's rowid, PostgreSQL's ctid and xmin — on the side
that names households against the side that holds choices, and joins the two sides on
every shared value. For a secret round no attack may beat guessing; the same attack on
an open round must find every household's choice, which shows the attack can succeed.
"""

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services
from coso.decisions.models import Channel, HouseholdCode, Matter, OnlineOptIn, Participation
from coso.decisions.tests.factories import BOARD
from coso.people.models import Household
from coso.people.tests.factories import adult, make_household
from coso.residents import services as residents

HOUSEHOLDS = 60
KEYS = ("yes", "no", "other")
# Each option is chosen by 20 households: blind guessing gets 20 of 60 right.
GUESSING = HOUSEHOLDS // len(KEYS)
# An attack that gets more than half right has learned something.
LEARNED = HOUSEHOLDS // 2


def _system_columns() -> str:
    if connection.vendor == "postgresql":
        return (
            "(ctid::text::point)[0] AS _ctid_block, (ctid::text::point)[1] AS _ctid_item, "
            "xmin::text::bigint AS _xmin"
        )
    return "rowid AS _rowid"


def _table_rows(table: str) -> list[dict[str, Any]]:
    """Every row of `table` with its system columns, in physical order."""
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_system_columns()}, * FROM {quoted}")
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _orderings(rows: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    """The rows in physical order, then sorted by each column (ctid as block, item)."""
    yield rows
    if rows and "_ctid_block" in rows[0]:
        yield sorted(rows, key=lambda r: (r["_ctid_block"], r["_ctid_item"]))
    for column in rows[0] if rows else ():
        values = [r[column] for r in rows]
        if any(v is None for v in values) or isinstance(values[0], dict | list):
            continue
        try:
            yield sorted(rows, key=lambda r, c=column: r[c])
        except TypeError:
            continue


def _sides(matter: Matter) -> tuple[list[list[dict]], list[list[dict]], set[int]]:
    """Tables naming the round's households, tables holding its choices, its options."""
    households = set(
        Household.objects.filter(village__path__startswith=matter.unit.path).values_list(
            "id", flat=True
        )
    )
    options = set(matter.options.values_list("id", flat=True))
    people, choices = [], []
    for table in connection.introspection.table_names():
        rows = _table_rows(table)
        if not rows:
            continue
        if "household_id" in rows[0]:
            mine = [r for r in rows if r["household_id"] in households]
            if "matter_id" in rows[0]:
                mine = [r for r in mine if r["matter_id"] == matter.pk]
            people.append(mine)
        if "option_id" in rows[0]:
            choices.append(_with_references(table, [r for r in rows if r["option_id"] in options]))
    return people, choices, options


def _with_references(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row of a choice table with the columns of the rows its foreign keys point
    to (a mark with its ballot's form number), so the attack also joins through them."""
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, table)
    for column, (ref_column, ref_table) in relations.items():
        if column == "option_id" or not rows:
            continue
        referenced = {r[ref_column]: r for r in _table_rows(ref_table)}
        for row in rows:
            found = referenced.get(row[column], {})
            row.update({f"{column}.{k}": v for k, v in found.items()})
    return rows


def _by_rank(people: list[dict], choices: list[dict], truth: dict[int, int]) -> int:
    """Best score of pairing the k-th household with the k-th choice, from either end."""
    best = 0
    for hs, cs in ((people, choices), (people[::-1], choices[::-1])):
        best = max(
            best,
            sum(
                truth.get(h["household_id"]) == c["option_id"] for h, c in zip(hs, cs, strict=False)
            ),
        )
    return best


def _by_equal_value(people: list[dict], choices: list[dict], truth: dict[int, int]) -> int:
    """Best score of joining households to choices on any pair of equal values (the
    same transaction id, the same timestamp, the same number)."""
    best = 0
    for hc in people[0] if people else ():
        for cc in choices[0] if choices else ():
            found: dict[Any, set[int]] = defaultdict(set)
            for c in choices:
                if c[cc] is not None:
                    found[(type(c[cc]), c[cc])].add(c["option_id"])
            score = 0
            for h in people:
                candidates = found.get((type(h[hc]), h[hc]), set())
                if len(candidates) == 1:
                    score += truth.get(h["household_id"]) == next(iter(candidates))
            best = max(best, score)
    return best


def best_attack(matter: Matter, truth: dict[int, int]) -> int:
    """How many households' choices the best attack recovers."""
    people_tables, choice_tables, _options = _sides(matter)
    return attack(people_tables, choice_tables, truth)


def attack(people_tables: list[list[dict]], choice_tables: list[list[dict]], truth: dict) -> int:
    """The best of every join and every pair of orderings of a table naming households
    and a table holding choices (`truth`: household id -> its choice)."""
    best = 0
    for people_rows in people_tables:
        for choice_rows in choice_tables:
            best = max(best, _by_equal_value(people_rows, choice_rows, truth))
            for people in _orderings(people_rows):
                for choices in _orderings(choice_rows):
                    best = max(best, _by_rank(people, choices, truth))
    return best


def _signed_in_voter(login: dict[str, str]) -> Client:
    """A browser session signed in as the household (its printed activation code)."""
    browser = Client()
    response = browser.post(
        reverse("residents:sign_in"), {"login": login["login"], "secret": login["code"]}
    )
    assert response.status_code == 302, response.content.decode()
    return browser


def _vote_signed_in(login: dict[str, str], matter: Matter, key: str) -> None:
    """The whole path a signed-in household takes: sign in, then vote by the round's
    page, without its code."""
    browser = _signed_in_voter(login)
    url = reverse("decisions:vote_signed_in", args=[matter.pk])
    response = browser.post(url, {"choice": key})
    if matter.encrypted:  # the answer shows the ballot's receipt
        assert response.status_code == 200 and 'id="receipt"' in response.content.decode()
    else:
        assert response.status_code == 302


@override_settings(COSO_RATE_LIMITS={k: "100000/m" for k in settings.COSO_RATE_LIMITS})
def _vote_round(
    secret: bool, by_village: bool = False
) -> tuple[Matter, dict[int, int], dict[int, int]]:
    """Open a household-ballot round in a fresh village, then cast 20 online votes by
    code, 20 online votes signed in and key in 20 paper forms one by one, in a shuffled
    order the test remembers. With `by_village`, a commune-wide contribution (paper
    forms only, GDL art. 17) in a commune of three villages, counted village by village
    (GDL art. 21(1)). A secret round is encrypted (a board of 5, docs/secret-ballot.md):
    its paper stubs and ballots are keyed in apart. Returns the round, every household's
    choice, and the choices of the households that voted signed in."""
    from coso.units.tests.factories import commune, province, village

    place = commune(province("Lai Châu"), "Xã Bình Lư")
    villages = [village(place, f"Bản {n}") for n in ("Chu Va", "Nà Khum", "Sì Thâu")]
    unit = place if by_village else villages[0]
    head = User.objects.create_user("head", password="pw")
    role = Role.COMMUNE_OFFICIAL if by_village else Role.VILLAGE_HEAD
    RoleAssignment.objects.create(user=head, unit=unit, role=role)
    for i in range(HOUSEHOLDS):
        home = villages[i % 3] if by_village else unit
        household = make_household(home, f"H{i:03d}", members=[adult(f"Lò Văn {i}")])
        OnlineOptIn.objects.create(unit=home, household=household)
    logins = {}
    if not by_village:  # households sign in with the codes the village head printed
        sheet = residents.issue_codes(actor=head, village=unit)
        ids = dict(Household.objects.filter(village=unit).values_list("code", "id"))
        logins = {ids[row["household"]]: row for row in sheet}
    matter = services.matter_create(
        actor=head,
        unit=unit,
        matter_type="1" if by_village else "6",
        title="Góp công làm đường liên thôn" if by_village else "Chọn ngày hội bản",
        method="ballot",
        secret=secret,
        counting_board=BOARD,
    )
    services.matter_open(actor=head, matter=matter, on=dt.date(2026, 11, 2))
    assert matter.online_allowed != by_village and matter.secret == secret
    assert len(matter.villages) == (3 if by_village else 0)
    by_code = 0 if by_village else HOUSEHOLDS // 3
    signed_in = 0 if by_village else HOUSEHOLDS // 3
    rng = random.Random(20261125)
    chosen = [key for key in KEYS for _ in range(GUESSING)]
    rng.shuffle(chosen)
    codes = list(HouseholdCode.objects.filter(matter=matter).order_by("form_number"))
    rng.shuffle(codes)
    options = {o.key: o.pk for o in matter.options.all()}
    truth, signed_in_truth = {}, {}
    for n, (code, key) in enumerate(zip(codes, chosen, strict=True)):
        truth[code.household_id] = options[key]
        if n < by_code:
            services.vote_online(code=code.code, choice=[key])
        elif n < by_code + signed_in:
            _vote_signed_in(logins[code.household_id], matter, key)
            signed_in_truth[code.household_id] = options[key]
        elif secret:  # the stub marks participation; the ballot is keyed in apart
            services.stubs_key_in(actor=head, matter=matter, codes=[code.code])
            services.paper_ballots_key_in(
                actor=head, matter=matter, counts={key: 1}, cluster=code.cluster
            )
        else:
            services.ballots_key_in(actor=head, matter=matter, entries=[(code.form_number, [key])])
    if not secret:  # a secret round's ballots are summed only at counting, encrypted
        assert services.tally_counts(matter) == {key: GUESSING for key in KEYS}
    online = Participation.objects.filter(matter=matter, channel=Channel.ONLINE)
    assert online.count() == by_code + signed_in
    return matter, truth, signed_in_truth


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("by_village", [False, True], ids=["village", "commune-by-village"])
def test_nothing_links_a_secret_choice_to_its_household(by_village, settings):
    """Every ballot of a secret round is an encrypted ballot (no household, no option
    id), online or paper, and paper ballots are keyed in apart from their stubs."""
    settings.COSO_BALLOT_KEY_BITS = 512
    matter, truth, signed_in = _vote_round(secret=True, by_village=by_village)
    assert matter.encrypted_ballots.count() == HOUSEHOLDS
    recovered = best_attack(matter, truth)
    assert recovered <= LEARNED, f"an attack recovered {recovered} of {HOUSEHOLDS} choices"
    # Votes cast signed in (the server claimed the household's code) taken alone: no
    # better than chance among them either.
    found = best_attack(matter, signed_in) if signed_in else 0
    assert found <= len(signed_in) // 2, f"{found} of {len(signed_in)} signed-in choices"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("by_village", [False, True], ids=["village", "commune-by-village"])
def test_the_attack_finds_the_link_in_an_open_vote(by_village):
    matter, truth, signed_in = _vote_round(secret=False, by_village=by_village)
    assert best_attack(matter, truth) == HOUSEHOLDS
    # The same attack finds every vote cast signed in, too.
    assert best_attack(matter, signed_in) == len(signed_in) == (0 if by_village else 20)
