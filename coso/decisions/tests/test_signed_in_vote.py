"""A signed-in household's vote claims its own code on the typed code's path: two
votes at once (both read the code unused) count once — the conditional UPDATE in the
vote's transaction refuses the second."""

import pytest

from coso.core.errors import DomainError
from coso.decisions import services
from coso.decisions.services import ballots
from coso.people.tests.factories import make_household

pytestmark = pytest.mark.django_db


def test_two_votes_at_once_by_one_household_count_once(tree, village_head, monkeypatch):
    homes = [make_household(tree.village_a, f"NL-{n}") for n in (1, 2)]
    for home in homes:
        services.online_opt_in(household=home)
    matter = services.matter_create(
        actor=village_head, unit=tree.village_a, matter_type="6", title="Ngày hội", method="ballot"
    )
    services.matter_open(actor=village_head, matter=matter)
    # Both requests read the household's code before either wrote.
    stale = services.code_of_household(household=homes[0], matter=matter)
    services.vote_signed_in(household=homes[0], matter=matter, choice=["yes"])
    monkeypatch.setattr(ballots, "code_of_household", lambda **kwargs: stale)
    with pytest.raises(DomainError, match="mỗi hộ chỉ biểu quyết một lần"):
        services.vote_signed_in(household=homes[0], matter=matter, choice=["no"])
    assert services.tally_counts(matter) == {"yes": 1, "no": 0, "other": 0}
