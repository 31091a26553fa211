"""Community investment supervision: a project's public page shows the money collected
as the sum of the recorded payments (checked against SQL), the money spent and the
board's findings; recommendations are due in the rulebook's days; scoping."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from coso import rules
from coso.accounts.models import Role, RoleAssignment, User
from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.decisions import services as decisions
from coso.decisions.models import Status
from coso.oversight import services
from coso.people.tests.factories import make_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(tree, official_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 3, tzinfo=dt.UTC), tick=False)
    for i in range(4):
        make_household(tree.village_a, f"NL-{i}")
    return services.project_create(
        actor=official_a,
        commune=tree.a,
        data=services.ProjectData(
            name="Đường bê tông bản Nà Luông",
            budget=300_000_000,
            sources="Nhân dân đóng góp 40%, ngân sách xã 60%",
            starts_on=dt.date(2026, 9, 1),
            ends_on=dt.date(2026, 12, 31),
            board="A\nB\nC",
        ),
    )


def test_the_public_page_shows_money_collected_as_sql_sums_it(client, tree, official_a, project):
    for i, (amount, day) in enumerate([(500_000, 5), (750_000, 9), (1_250_000, 12), (500_000, 20)]):
        services.due_set(actor=official_a, project=project, code=f"NL-{i}", amount=1_000_000)
        services.payment_record(
            actor=official_a,
            project=project,
            code=f"NL-{i % 3}",
            amount=amount,
            paid_on=dt.date(2026, 9, day),
        )
    services.spending_record(actor=official_a, project=project, what="Xi măng", amount=1_800_000)
    with pytest.raises(DomainError, match="Không có hộ mã"):
        services.payment_record(actor=official_a, project=project, code="B-404", amount=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT SUM(amount) FROM oversight_payment WHERE project_id = %s", [project.pk]
        )
        by_sql = cursor.fetchone()[0]
    page = client.get(reverse("oversight:public_project", args=[project.pk])).content.decode()
    collected = page.split('id="collected">')[1].split("<")[0]
    assert collected == f"{by_sql:,}".replace(",", ".") == "3.000.000"
    assert '<td class="num" id="spent">1.800.000</td>' in page
    assert "cần ít nhất 5" in page  # three board members named


def test_a_visit_recommends_with_the_rulebooks_reply_days(tree, project):
    member = User.objects.create_user("gsdt")
    RoleAssignment.objects.create(user=member, unit=tree.a, role=Role.INSPECTION_MEMBER)
    visit = services.visit_record(
        actor=member,
        project=project,
        findings="Mặt đường mỏng hơn thiết kế",
        recommendation="Đo lại",
    )
    followup = visit.project.commune.followups.get()
    days = rules.value("oversight.cisb.reply_days", on=visit.visited_on)
    assert followup.due_on == visit.visited_on + dt.timedelta(days=days)


def test_another_communes_projects_answer_404(client, tree, official_b, project):
    client.force_login(official_b)
    assert client.get(reverse("oversight:project", args=[project.pk])).status_code == 404
    response = client.post(
        reverse("oversight:project_money", args=[project.pk]),
        {"kind": "payment", "household": "NL-0", "amount": "1000"},
    )
    assert response.status_code == 404 and project.payments.count() == 0


def test_bad_numbers_and_dates_are_messages_not_errors(client, tree, official_a, project):
    client.force_login(official_a)
    url = reverse("oversight:project_money", args=[project.pk])
    for data in (
        {"kind": "progress", "amount": "50%"},
        {"kind": "payment", "household": "NL-0", "amount": "12", "on": "1800-01-01"},
        {"kind": "payment", "household": "NL-0", "amount": "12", "on": "hôm qua"},
    ):
        assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert project.progress == 0 and project.payments.count() == 0
    with pytest.raises(DomainError, match="Ngày phải từ"):
        services.spending_record(
            actor=official_a, project=project, what="x", amount=1, spent_on=dt.date(1800, 1, 1)
        )


def _published_election(head, unit, board, names=("Lò Văn Giám", "Tòng Thị Sát")):
    matter = decisions.matter_create(
        actor=head,
        unit=unit,
        matter_type="5",
        title="Bầu Ban giám sát đầu tư của cộng đồng",
        candidates=list(names),
        board=board,
    )
    matter.status, matter.published_on = Status.PUBLISHED, dt.date(2026, 9, 20)
    matter.outcome = {"elected": [f"c{i}" for i in range(1, len(names) + 1)]}
    matter.save()
    return matter


def test_the_supervision_board_comes_from_the_communitys_election(
    client, tree, official_a, official_b, village_head, project
):
    elected = _published_election(village_head, tree.village_a, "cisb")
    inspection = _published_election(village_head, tree.village_a, "pib", ["Lò Văn Tra"])
    client.force_login(official_a)
    url = reverse("oversight:project_board", args=[project.pk])
    page = client.get(reverse("oversight:project", args=[project.pk])).content.decode()
    # Only the supervision board's elections are offered.
    assert f'value="{elected.pk}"' in page and f'value="{inspection.pk}"' not in page
    client.post(url, {"matter": inspection.pk})
    project.refresh_from_db()
    assert project.board_elected_by is None and project.board == "A\nB\nC"
    client.post(url, {"matter": elected.pk})
    project.refresh_from_db()
    assert project.board == "Lò Văn Giám\nTòng Thị Sát" and project.board_elected_by == elected
    assert AuditEntry.objects.filter(model="oversight.project", object_pk=str(project.pk))
    public = client.get(reverse("oversight:public_project", args=[project.pk])).content.decode()
    assert 'id="board-elected"' in public and "Tòng Thị Sát" in public
    # Another commune's election, or another commune's official: refused, nothing changed.
    other = _published_election(official_b, tree.b, "cisb", ["Người Xã Khác"])
    client.post(url, {"matter": other.pk})
    client.force_login(official_b)
    assert client.post(url, {"matter": other.pk}).status_code == 404
    project.refresh_from_db()
    assert project.board_elected_by == elected


def test_only_a_published_contribution_approves_a_project(tree, official_a, project):
    general = decisions.matter_create(
        actor=official_a, unit=tree.a, matter_type="6", title="Chọn ngày hội"
    )
    general.status = Status.PUBLISHED
    general.save()
    data = services.ProjectData(
        name="Nhà văn hóa",
        budget=1_000_000,
        sources="Nhân dân",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 12, 1),
        approved_by=general,
    )
    with pytest.raises(DomainError, match="mục 1–2"):
        services.project_create(actor=official_a, commune=tree.a, data=data)
