import pytest

from coso.accounts.models import Role, RoleAssignment
from coso.core.scoping import scope_paths, scoped
from coso.people.models import Household
from coso.units.models import Unit


def test_anonymous_and_roleless_users_reach_nothing(tree, resident):
    from django.contrib.auth.models import AnonymousUser

    assert scope_paths(AnonymousUser()) == []
    assert scope_paths(resident) == []
    assert not scoped(Unit.objects.all(), resident, path_field="path").exists()


def test_superuser_and_nationwide_roles_reach_everything(tree, administrator, django_user_model):
    viewer = django_user_model.objects.create_user("central", password="pw")
    RoleAssignment.objects.create(user=viewer, unit=None, role=Role.CENTRAL_VIEWER)
    assert scope_paths(administrator) is None
    assert scope_paths(viewer) is None


def test_paths_under_another_are_dropped(tree, official_a):
    RoleAssignment.objects.create(user=official_a, unit=tree.village_a, role=Role.VILLAGE_HEAD)
    official_a._coso_assignments = None
    assert scope_paths(official_a) == [tree.a.path]


def test_official_reaches_own_commune_subtree_only(tree, households, official_a):
    units = set(scoped(Unit.objects.all(), official_a, path_field="path"))
    assert units == {tree.a, tree.village_a}
    visible = scoped(Household.objects.all(), official_a, path_field="village__path")
    assert list(visible) == [households.a]


def test_province_viewer_reaches_every_commune_of_the_province(tree, households, province_viewer):
    visible = scoped(Household.objects.all(), province_viewer, path_field="village__path")
    assert set(visible) == {households.a, households.b}


def test_role_filter_limits_to_roles_given(tree, province_viewer):
    assert scope_paths(province_viewer, roles={Role.COMMUNE_OFFICIAL}) == []


@pytest.mark.parametrize("persona", ["official_a", "village_head", "province_viewer"])
def test_scope_is_one_query(persona, request, tree, django_assert_num_queries):
    user = request.getfixturevalue(persona)
    with django_assert_num_queries(2):  # the role lookup, then the scoped query
        list(scoped(Unit.objects.all(), user, path_field="path"))
