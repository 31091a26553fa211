"""Projects recorded before the contribution had its own fields keep what their rows
said: the amount most households were asked for, or the percentage written in their
sources; their board, one name a line, becomes one member a row."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coso.oversight.models import MemberRole, Project
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, province, village

BEFORE = [("oversight", "0004_project_board_elected_by")]
AFTER = [("oversight", "0007_project_board_as_supervisors")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_projects_keep_their_contribution_and_board():
    place = commune(province("Lai Châu"), "Xã Cũ")
    homes = [make_household(village(place, "Bản Cũ"), f"C-{i}") for i in range(3)]
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldProject, OldDue = old.get_model("oversight", "Project"), old.get_model("oversight", "Due")
    common = {
        "commune_id": place.pk,
        "budget": 100_000_000,
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2026, 6, 1),
    }
    with_dues = OldProject.objects.create(
        name="Đường", sources="Nhân dân", board="Lò Văn A\n\nTòng Thị B\n", **common
    )
    for home, amount in zip(homes, (500_000, 500_000, 300_000), strict=True):
        OldDue.objects.create(project_id=with_dues.pk, household_id=home.pk, amount=amount)
    in_words = OldProject.objects.create(
        name="Nhà văn hóa", sources="Nhân dân đóng góp 30,5%, ngân sách 69,5%", **common
    )
    unknown = OldProject.objects.create(name="Cầu", sources="Ngân sách xã", **common)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    first, second, third = (Project.objects.get(pk=p.pk) for p in (with_dues, in_words, unknown))
    assert (first.due_per_household, first.residents_share) == (500_000, None)
    assert (second.due_per_household, second.residents_share) == (None, Decimal("30.5"))
    assert (third.due_per_household, third.residents_share) == (None, None)
    board = list(first.supervisors.order_by("position").values_list("name", "role"))
    assert board == [("Lò Văn A", MemberRole.MEMBER), ("Tòng Thị B", MemberRole.MEMBER)]
    assert not second.supervisors.exists()
