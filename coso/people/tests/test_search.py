"""The household search against the plain rule it promises: a household is found when
its code contains the query, or one of its members' names contains it ignoring case and
Vietnamese marks — a piece anywhere, a word's middle too. On PostgreSQL the names are
read through their suffix index (people migration 0004), so these cases attack that
reading: pieces across words, characters a tsquery or a LIKE gives a meaning to."""

import pytest

from coso.core.text import fold
from coso.people.selectors import households_page
from coso.people.tests.factories import adult, child, make_household

NAMES = [
    ["Nguyễn Văn Hải", "Trần Thị Lan"],
    ["Nguyễn Văn Hùng"],
    ["Lò Văn Pọm", "Nguyễn Thị Huệ"],
    ["Trần Nguyễn Văn Hoà"],
    ["Đặng Đức Anh"],
    ["O'Brien Văn A", "Lê 100% Thị _B"],
    ["Hà Back\\slash"],
    ["Nguyễn Văn Hải"],
]
QUERIES = [
    "nguyen van h",  # the commonest name's start, three households and a fourth's middle
    "NGUYỄN văn H",  # case and marks
    "guyen van ha",  # starts in a word's middle
    "n van h",
    "van",
    "dang duc",  # Đ folds to d
    "văn hải",
    "ai",
    "hoa",  # "Hoà" folded
    "o'brien",  # a quote: a tsquery's delimiter
    "100%",  # LIKE's wildcards, as themselves
    "_b",
    "%",
    "back\\",  # a backslash: tsquery's and LIKE's escape
    "a & b",  # tsquery operators
    "!hai",
    "hai:*",
    "nguyen van hai tran",  # across two members: no one's name
    "hung nguyen",
    "s-0",  # a code
    "S-03",
    "zzz",
    "x" * 200,  # longer than any name
]


@pytest.fixture
def searched(tree):
    """The households of commune A with the names above, and one of commune B that
    every query about Nguyễn would find if the unit were not respected."""
    made = []
    for i, names in enumerate(NAMES):
        members = [adult(names[0])] + [child(name) for name in names[1:]]
        made.append(make_household(tree.village_a, f"S-{i:02d}", members=members))
    make_household(tree.village_b, "S-99", members=[adult("Nguyễn Văn Hải")])
    return made


def expected(households, query):
    text = fold(query)
    return [
        h.pk
        for h in households
        if query.upper() in h.code.upper() or any(text in fold(m) for m in NAMES[int(h.code[2:])])
    ]


def every_page(user, unit, query, size):
    found, after = [], None
    while True:
        page = households_page(user=user, under=unit, after=after, size=size, query=query)
        found += [h.pk for h in page.items]
        if page.next_after is None:
            return found
        after = page.next_after


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_exactly_the_households_whose_name_or_code_contains_it(
    tree, official_a, searched, query
):
    found = every_page(official_a, tree.a, query, size=2)
    assert found == expected(searched, query)


def test_search_pages_by_key_in_order(tree, official_a, searched):
    first = households_page(user=official_a, under=tree.a, after=None, size=2, query="nguyen")
    assert [h.pk for h in first.items] == [searched[0].pk, searched[1].pk]
    second = households_page(
        user=official_a, under=tree.a, after=first.next_after, size=2, query="nguyen"
    )
    assert [h.pk for h in second.items] == [searched[2].pk, searched[3].pk]
    assert second.items[0].member_count == 2
    assert second.items[0].representative_name == "Lò Văn Pọm"


def test_search_stays_in_the_unit(tree, official_a, searched):
    found = every_page(official_a, tree.province, "nguyen van hai", size=5)
    # The province is above the official's commune: still only commune A's households.
    assert found == [searched[0].pk, searched[7].pk]


def test_a_renamed_resident_is_found_by_the_new_name_only(tree, official_a, searched):
    """The names a search reads past their start are kept per distinct name on
    PostgreSQL (people migration 0005): a name given by an update is found too."""
    resident = searched[4].members.get()
    resident.full_name = "Đặng Đức Quýnh"
    resident.search_name = fold(resident.full_name)
    resident.save(update_fields=["full_name", "search_name"])
    assert every_page(official_a, tree.a, "uynh", size=2) == [searched[4].pk]
    assert every_page(official_a, tree.a, "duc anh", size=2) == []
