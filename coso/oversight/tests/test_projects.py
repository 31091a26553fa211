"""Community investment supervision: a project's dues follow the contribution its
households decided (an amount per household × the households, or the budget's share
divided among them), with money and percentage in separate fields; the project's page
reconciles budget, residents' share, dues, collected, spent and balance (checked against
hand-written SQL); the board comes from the community's election, once, and its head
and deputies are assigned; recommendations are due in the rulebook's days; scoping."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from coso import rules
from coso.accounts.models import Role, RoleAssignment, User
from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.decisions import services as decisions
from coso.decisions.models import Status
from coso.decisions.tests.factories import BOARD
from coso.oversight import services
from coso.oversight.models import Due, MemberRole, Supervisor
from coso.people.tests.factories import make_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 3, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def project(tree, official_a, today):
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
            residents_share=Decimal(40),
        ),
    )


def _decided(head, unit, proposal, eligible):
    """A published contribution matter (item 1) of `unit` whose text is `proposal`."""
    matter = decisions.matter_create(
        actor=head,
        unit=unit,
        matter_type="1",
        title="Đóng góp làm đường bê tông nội thôn",
        proposal=proposal,
    )
    matter.status, matter.published_on, matter.eligible = (
        Status.PUBLISHED,
        dt.date(2026, 9, 1),
        eligible,
    )
    matter.save()
    return matter


def _data(matter=None, **extra):
    values = {
        "name": "Đường bê tông nội thôn",
        "budget": 850_000_000,
        "sources": "Nhân dân đóng góp, ngân sách xã",
        "starts_on": dt.date(2026, 9, 1),
        "ends_on": dt.date(2026, 12, 31),
        "approved_by": matter,
    }
    return services.ProjectData(**{**values, **extra})


def _sql(query, *args):
    with connection.cursor() as cursor:
        cursor.execute(query, list(args))
        return cursor.fetchone()


def _inline(page):
    """Scripts written in the page itself (the CSP forbids them)."""
    return re.findall(r"<script(?![^>]*\bsrc=)", page)


def _offered(page):
    """The elections the project's board form offers."""
    return re.findall(r'value="(\d+)"', page.split('id="board-form"')[1].split("</form>")[0])


def _cell(page, name):
    return re.search(rf'id="{name}">([^<]*)<', page).group(1)


def test_project_dues_equal_amount_times_households_as_decided(
    client, tree, official_a, village_head, today
):
    for i in range(43):
        make_household(tree.village_a, f"NL-{i:02d}")
    make_household(tree.village_b, "B-1")  # another commune's household owes nothing
    matter = _decided(village_head, tree.village_a, "Mỗi hộ góp 500.000 đồng và 3 ngày công.", 43)
    # The project: 15 million asked of each household, not what was decided.
    with pytest.raises(DomainError, match="500.000 đồng; mức 15.000.000 đồng mỗi hộ không khớp"):
        services.project_create(
            actor=official_a, commune=tree.a, data=_data(matter, due_per_household=15_000_000)
        )
    project = services.project_create(
        actor=official_a, commune=tree.a, data=_data(matter, due_per_household=500_000)
    )
    count, total, lo, hi = _sql(
        "SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount) FROM oversight_due"
        " WHERE project_id = %s",
        project.pk,
    )
    assert (
        (count, total, lo, hi)
        == (43, 43 * 500_000, 500_000, 500_000)
        == (43, 21_500_000, 500_000, 500_000)
    )
    assert not Due.objects.filter(household__village=tree.village_b).exists()
    assert AuditEntry.objects.filter(model="oversight.due", object_pk=str(project.pk)).exists()
    client.force_login(official_a)
    for url in (
        reverse("oversight:project", args=[project.pk]),
        reverse("oversight:public_project", args=[project.pk]),
    ):
        page = client.get(url).content.decode()
        assert "43 hộ × 500.000 đồng" in _cell(page, "dues-line")
        assert _cell(page, "due") == _cell(page, "share") == "21.500.000"
        assert _cell(page, "share-pct") == "2,53%"  # 21,5 of 850 million


def test_a_share_of_the_budget_is_divided_in_whole_dong_with_the_remainder_stated(
    client, tree, official_a, village_head, today
):
    for i in range(7):
        make_household(tree.village_a, f"NL-{i}")
    matter = _decided(village_head, tree.village_a, "Nhân dân đóng góp 30% tổng kinh phí.", 7)
    with pytest.raises(DomainError, match="mức 40% không khớp"):
        services.project_create(
            actor=official_a,
            commune=tree.a,
            data=_data(matter, budget=100_000_001, residents_share=Decimal(40)),
        )
    project = services.project_create(
        actor=official_a,
        commune=tree.a,
        data=_data(matter, budget=100_000_001, residents_share=Decimal(30)),
    )
    # 30 % of 100.000.001 is 30.000.000,3: 30.000.000 whole đồng, 4.285.714 each for 7
    # households, 2 đồng left over.
    assert set(project.dues.values_list("amount", flat=True)) == {4_285_714}
    assert _sql("SELECT SUM(amount) FROM oversight_due WHERE project_id = %s", project.pk) == (
        29_999_998,
    )
    page = client.get(reverse("oversight:public_project", args=[project.pk])).content.decode()
    assert _cell(page, "share") == "30.000.000" and _cell(page, "due") == "29.999.998"
    assert "phần lẻ không chia đều: 2 đồng" in page


@pytest.mark.parametrize(
    ("each", "share", "message"),
    [
        ("", "", "Hãy ghi số tiền mỗi hộ đóng góp hoặc phần trăm tổng kinh phí."),
        ("500.000", "30", "Chỉ ghi một trong hai: số tiền mỗi hộ hoặc phần trăm tổng kinh phí."),
        ("", "101", "Phần trăm là một số từ 0 đến 100 (ví dụ 30 hoặc 30,5)."),
        ("", "30,555", "Phần trăm là một số từ 0 đến 100 (ví dụ 30 hoặc 30,5)."),
        ("-5", "", "Số tiền là số nguyên đồng, từ 0 trở lên (ví dụ 1.500.000)."),
        ("năm trăm", "", "Số tiền là số nguyên đồng, từ 0 trở lên (ví dụ 1.500.000)."),
    ],
)
def test_money_and_percentage_are_separate_checked_fields(
    client, tree, official_a, today, each, share, message
):
    client.force_login(official_a)
    response = client.post(
        reverse("oversight:project_new", args=[tree.a.code]),
        {
            "name": "Nhà văn hóa",
            "budget": "1.000.000.000",
            "due_per_household": each,
            "residents_share": share,
            "sources": "Nhân dân, ngân sách",
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-01",
        },
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not tree.a.community_projects.exists()


def test_a_form_records_a_share_written_with_a_comma(client, tree, official_a, today):
    client.force_login(official_a)
    response = client.post(
        reverse("oversight:project_new", args=[tree.a.code]),
        {
            "name": "Nhà văn hóa",
            "budget": "1.000.000.000",
            "residents_share": "30,5",
            "sources": "Nhân dân, ngân sách",
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-01",
        },
    )
    project = tree.a.community_projects.get()
    assert response.status_code == 302 and project.residents_share == Decimal("30.5")
    assert project.due_per_household is None


def test_the_page_reconciles_money_with_sql_sums(client, tree, official_a, project):
    for i, (amount, day) in enumerate([(500_000, 5), (750_000, 9), (1_250_000, 12), (500_000, 20)]):
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
    (collected,) = _sql(
        "SELECT SUM(amount) FROM oversight_payment WHERE project_id = %s", project.pk
    )
    (spent,) = _sql("SELECT SUM(amount) FROM oversight_spending WHERE project_id = %s", project.pk)
    client.force_login(official_a)
    for url in (
        reverse("oversight:project", args=[project.pk]),
        reverse("oversight:public_project", args=[project.pk]),
    ):
        page = client.get(url).content.decode()

        def number(name, page=page):
            return int(_cell(page, name).replace(".", ""))

        assert number("collected") == collected == 3_000_000
        assert number("spent") == spent == 1_800_000
        assert number("budget") == 300_000_000 and number("share") == 120_000_000
        assert _cell(page, "share-pct") == "40%"
        assert number("balance") == 300_000_000 - spent
        assert "Chưa phát mức đóng góp" not in page  # no decision linked: nothing to issue
        assert "cần ít nhất 5" in page  # three board members named


def test_issuing_dues_again_asks_first_and_follows_the_households(
    client, tree, official_a, village_head, today
):
    for i in range(3):
        make_household(tree.village_a, f"NL-{i}")
    matter = _decided(village_head, tree.village_a, "Mỗi hộ góp 200.000 đồng.", 3)
    project = services.project_create(
        actor=official_a, commune=tree.a, data=_data(matter, due_per_household=200_000)
    )
    make_household(tree.village_a, "NL-9")  # a household moves in
    client.force_login(official_a)
    url = reverse("oversight:project_dues", args=[project.pk])
    asked = client.post(url)
    page = asked.content.decode()
    assert asked.status_code == 200 and 'name="confirm" value="1"' in page and not _inline(page)
    assert "3 khoản phải đóng, tổng 600.000 đồng" in page and project.dues.count() == 3
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert project.dues.count() == 4 and {d.amount for d in project.dues.all()} == {200_000}


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
    assert client.post(reverse("oversight:project_dues", args=[project.pk])).status_code == 404


def test_bad_numbers_and_dates_are_messages_not_errors(client, tree, official_a, project):
    client.force_login(official_a)
    url = reverse("oversight:project_money", args=[project.pk])
    for data in (
        {"kind": "progress", "progress": "50,5"},
        {"kind": "progress", "progress": "150"},
        {"kind": "progress", "amount": "50"},  # progress has its own field now
        {"kind": "payment", "household": "NL-0", "amount": "12", "on": "1800-01-01"},
        {"kind": "payment", "household": "NL-0", "amount": "12", "on": "hôm qua"},
    ):
        assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert project.progress == 0 and project.payments.count() == 0
    client.post(url, {"kind": "progress", "progress": "35"})
    project.refresh_from_db()
    assert project.progress == 35
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
        counting_board=BOARD,
    )
    matter.status, matter.published_on = Status.PUBLISHED, dt.date(2026, 9, 20)
    matter.outcome = {"elected": [f"c{i}" for i in range(1, len(names) + 1)]}
    matter.save()
    return matter


def _names(project):
    return list(project.supervisors.order_by("position").values_list("name", flat=True))


def test_the_supervision_board_comes_from_the_communitys_election_once(
    client, tree, official_a, official_b, village_head, project
):
    elected = _published_election(village_head, tree.village_a, "cisb")
    inspection = _published_election(village_head, tree.village_a, "pib", ["Lò Văn Tra"])
    client.force_login(official_a)
    url = reverse("oversight:project_board", args=[project.pk])
    detail = reverse("oversight:project", args=[project.pk])
    page = client.get(detail).content.decode()
    # Only the supervision board's elections are offered.
    assert _offered(page) == [str(elected.pk)]
    client.post(url, {"matter": inspection.pk})
    project.refresh_from_db()
    assert project.board_elected_by is None and _names(project) == ["A", "B", "C"]
    # Replacing the board named by hand asks first, without a script.
    asked = client.post(url, {"matter": elected.pk}).content.decode()
    assert 'id="confirm"' in asked and f'name="matter" value="{elected.pk}"' in asked
    assert not _inline(asked) and _names(project) == ["A", "B", "C"]
    client.post(url, {"matter": elected.pk, "confirm": "1"})
    project.refresh_from_db()
    assert (
        _names(project) == ["Lò Văn Giám", "Tòng Thị Sát"] and project.board_elected_by == elected
    )
    assert AuditEntry.objects.filter(model="oversight.project", object_pk=str(project.pk))
    public = client.get(reverse("oversight:public_project", args=[project.pk])).content.decode()
    assert 'id="board-elected"' in public and "Tòng Thị Sát" in public
    # Imported once: no longer offered, and refused with a message if sent again.
    assert 'id="board-form"' not in client.get(detail).content.decode()
    again = client.post(url, {"matter": elected.pk, "confirm": "1"}, follow=True)
    assert "đã được ghi làm Ban giám sát của công trình" in again.content.decode()
    assert Supervisor.objects.filter(project=project).count() == 2
    # Another commune's election, or another commune's official: refused, nothing changed.
    other = _published_election(official_b, tree.b, "cisb", ["Người Xã Khác"])
    client.post(url, {"matter": other.pk, "confirm": "1"})
    client.force_login(official_b)
    assert client.post(url, {"matter": other.pk, "confirm": "1"}).status_code == 404
    project.refresh_from_db()
    assert project.board_elected_by == elected


def test_the_commune_or_front_assigns_one_head_and_at_most_the_rules_deputies(
    client, tree, official_a, official_b, front_officer, village_head, project
):
    Supervisor.objects.create(project=project, name="D", position=3)
    a, b, c, d = project.supervisors.order_by("position")
    url = reverse("oversight:project_roles", args=[project.pk])
    most = rules.value("oversight.cisb.members", on=project.starts_on)["max_deputies"]
    assert most == 2
    with pytest.raises(DomainError, match="nhiều nhất 2 phó trưởng ban"):
        services.project_roles_set(
            actor=front_officer, project=project, head=a.pk, deputies=[b.pk, c.pk, d.pk]
        )
    with pytest.raises(DomainError, match="không đồng thời"):
        services.project_roles_set(actor=front_officer, project=project, head=a.pk, deputies=[a.pk])
    with pytest.raises(DomainError, match="một trưởng ban"):
        services.project_roles_set(actor=front_officer, project=project, head=None, deputies=[])
    client.force_login(village_head)
    assert client.post(url, {"head": c.pk}).status_code == 403
    client.force_login(official_b)
    assert client.post(url, {"head": c.pk}).status_code == 404
    client.force_login(front_officer)
    assert client.post(url, {"head": c.pk, "deputies": [a.pk]}).status_code == 302
    roles = dict(project.supervisors.values_list("name", "role"))
    assert roles == {
        "A": MemberRole.DEPUTY,
        "B": MemberRole.MEMBER,
        "C": MemberRole.HEAD,
        "D": MemberRole.MEMBER,
    }
    client.post(url, {"head": b.pk, "deputies": [a.pk, c.pk]})
    assert project.supervisors.filter(role=MemberRole.HEAD).get().name == "B"
    assert AuditEntry.objects.filter(model="oversight.supervisor").count() == 2
    page = client.get(reverse("oversight:public_project", args=[project.pk])).content.decode()
    listed = page.split('id="members"')[1].split("</ul>")[0]
    # Head first, then the deputies, each with their title.
    assert listed.index("Trưởng ban") < listed.index("A") < listed.index("C")
    assert listed.count("Phó trưởng ban") == 2


def test_only_a_published_contribution_approves_a_project(tree, official_a, project):
    general = decisions.matter_create(
        actor=official_a, unit=tree.a, matter_type="6", title="Chọn ngày hội"
    )
    general.status = Status.PUBLISHED
    general.save()
    with pytest.raises(DomainError, match="mục 1–2"):
        services.project_create(
            actor=official_a, commune=tree.a, data=_data(general, due_per_household=1)
        )
