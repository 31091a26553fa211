"""The demo's seeds for a commune's decisions and boards run, say what they made, and
add nothing the second time (`make demo` may be run again at any time)."""

import pytest

from coso.decisions.models import Matter
from coso.decisions.seed import seed_commune_matter, seed_matters
from coso.followups.models import FollowUp
from coso.oversight.models import Member, Plan, Project
from coso.oversight.seed import SUPERVISORS, seed_oversight
from coso.people.tests.factories import make_household
from coso.units.tests.factories import village

pytestmark = pytest.mark.django_db


def test_the_demo_commune_decides_and_supervises(tree, administrator):
    places = [tree.village_a, village(tree.a, "Bản Hai"), village(tree.a, "Bản Ba")]
    for n, place in enumerate(places):
        for i in range(12):
            make_household(place, f"D{n}-{i:02d}")
    seed_matters(village=tree.village_a, actor=administrator)
    assert seed_commune_matter(commune=tree.a, actor=administrator) == 1
    assert seed_oversight(commune=tree.a, village=tree.village_a, actor=administrator) == 1
    hall = Matter.objects.get(unit=tree.a, matter_type="2")
    # Two villages in three approve: 2/3 of the villages, the matter passes.
    assert [v["passed"] for v in hall.outcome["villages"]] == [True, True, False]
    assert hall.outcome["passed"]
    assert Member.objects.filter(commune=tree.a, term_to__isnull=True).count() == 3
    assert FollowUp.objects.filter(unit=tree.a).count() == 2  # a recommendation, a visit's
    project = Project.objects.get(commune=tree.a)
    board = [(s.name, s.role) for s in project.supervisors.order_by("position")]
    assert [name for name, _role in board] == SUPERVISORS and project.board_elected_by is not None
    assert [role for _name, role in board][:3] == ["head", "deputy", "member"]
    assert Member.objects.filter(commune=tree.a, role="head").count() == 1
    # The road's dues are what the households decided: 500.000 đồng × the 12 households.
    assert project.approved_by.matter_type == "1" and project.due_per_household == 500_000
    assert sorted(project.dues.values_list("amount", flat=True)) == [500_000] * 12
    assert project.payments.count() == 9
    assert seed_commune_matter(commune=tree.a, actor=administrator) == 0
    assert seed_oversight(commune=tree.a, village=tree.village_a, actor=administrator) == 0
    assert Plan.objects.count() == 1 and Project.objects.count() == 1
