"""The boards' pages cost the same number of queries whatever the number of plans,
recommendations, requests, projects, payments and visits they show."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services as decisions
from coso.decisions.models import Status
from coso.oversight import services
from coso.oversight.models import Project
from coso.people.tests.factories import make_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(tree, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 3, tzinfo=dt.UTC), tick=False)
    user = User.objects.create_user("ttnd")
    RoleAssignment.objects.create(user=user, unit=tree.a, role=Role.INSPECTION_MEMBER)
    return user


def _plan(member, commune, n: int):
    plan = services.plan_create(
        actor=member,
        commune=commune,
        subject=f"Kiểm tra lần {n}",
        starts_on=dt.date(2026, 9, 9),
        notified_on=dt.date(2026, 9, 1),
    )
    services.plan_findings(actor=member, plan=plan, findings="Chưa công khai đủ", on=plan.starts_on)
    for i in range(n):
        services.recommend(
            actor=member, plan=plan, text=f"Kiến nghị {i}", owner_name="", on=plan.starts_on
        )
        services.request_receive(commune=commune, text=f"Đề nghị xem xét {i}", sender=f"Hộ {i}")
    return plan


def _project(official, member, commune, village, n: int):
    """A project approved by a published contribution of 500.000 đồng a household, with
    its dues (one per household of the village), `n` payments, spendings and visits."""
    name = f"Công trình {Project.objects.count() + 1}"
    matter = decisions.matter_create(
        actor=official, unit=village, matter_type="1", title=name, proposal="500.000 đồng mỗi hộ"
    )
    matter.status = Status.PUBLISHED
    matter.save()
    for i in range(n):
        make_household(village, f"{name[-2:].strip()}-{i}")
    project = services.project_create(
        actor=official,
        commune=commune,
        data=services.ProjectData(
            name=name,
            budget=100_000_000,
            sources="Nhân dân đóng góp",
            starts_on=dt.date(2026, 9, 1),
            ends_on=dt.date(2026, 12, 31),
            board="A\nB\nC\nD\nE",
            approved_by=matter,
            due_per_household=500_000,
        ),
    )
    for i in range(n):
        code = f"{name[-2:].strip()}-{i}"
        services.payment_record(
            actor=official, project=project, code=code, amount=200_000, paid_on=dt.date(2026, 9, 5)
        )
        services.spending_record(
            actor=official, project=project, what=f"Vật tư {i}", amount=100_000
        )
        services.visit_record(
            actor=member, project=project, findings=f"Lần {i}", recommendation=f"Sửa {i}"
        )
    return project


def _counts(client, urls) -> list[int]:
    counts = []
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        counts.append(len(seen))
    return counts


def test_board_and_project_pages_run_a_fixed_number_of_queries(
    client, tree, official_a, member, django_assert_num_queries
):
    code = tree.a.code

    def urls(plan, project):
        return [
            reverse("oversight:board", args=[code]),
            reverse("oversight:report", args=[code]) + "?period=2026-Q3",
            reverse("oversight:public", args=[code]),
            reverse("oversight:plan", args=[plan.pk]),
            reverse("oversight:projects", args=[code]),
            reverse("oversight:public_projects", args=[code]),
            reverse("oversight:project", args=[project.pk]),
            reverse("oversight:public_project", args=[project.pk]),
        ]

    client.force_login(official_a)
    small = urls(_plan(member, tree.a, 1), _project(official_a, member, tree.a, tree.village_a, 1))
    counts = _counts(client, small)
    big_plan = _plan(member, tree.a, 8)
    big_project = _project(official_a, member, tree.a, tree.village_a, 8)
    for _ in range(4):
        _plan(member, tree.a, 2)
        _project(official_a, member, tree.a, tree.village_a, 2)
    for url, count in zip(urls(big_plan, big_project), counts, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
    page = client.get(reverse("oversight:plan", args=[big_plan.pk])).content.decode()
    assert page.count("Kiến nghị ") >= 8
    page = client.get(reverse("oversight:project", args=[big_project.pk])).content.decode()
    assert "Vật tư 7" in page and "Sửa 7" in page
