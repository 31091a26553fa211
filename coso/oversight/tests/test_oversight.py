"""The People's Inspection Board: members from a published election, plans sent the
rulebook's working days ahead, recommendations the commune must answer within the
rulebook's period — overdue on the commune's and the province's views when it does not."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from coso import rules
from coso.accounts.models import Role, RoleAssignment, User
from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.decisions import services as decisions
from coso.decisions.models import Status
from coso.decisions.tests.factories import BOARD
from coso.oversight import services
from coso.oversight.models import Member, MemberRole, Request
from coso.reports import periods
from coso.reports.selectors import figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_member(tree):
    user = User.objects.create_user("ttnd")
    RoleAssignment.objects.create(user=user, unit=tree.a, role=Role.INSPECTION_MEMBER)
    return user


@pytest.fixture
def now(time_machine):
    time_machine.move_to(dt.datetime(2026, 9, 1, 3, tzinfo=dt.UTC), tick=False)
    return time_machine


def _board_election(head, unit, board, title="Bầu thành viên Ban Thanh tra nhân dân"):
    return decisions.matter_create(
        actor=head,
        unit=unit,
        matter_type="5",
        title=title,
        candidates=["Lò Văn A", "Lò Thị B"],
        board=board,
        counting_board=BOARD,
    )


def test_an_election_of_members_says_which_board(tree, village_head):
    with pytest.raises(DomainError, match="Ban Thanh tra nhân dân hay Ban giám sát"):
        _board_election(village_head, tree.village_a, "")
    with pytest.raises(DomainError, match="Chỉ cuộc bầu thành viên các ban"):
        decisions.matter_create(
            actor=village_head, unit=tree.village_a, matter_type="6", title="x", board="pib"
        )


def test_members_come_from_the_published_election(client, tree, village_head, now):
    matter = _board_election(village_head, tree.village_a, "pib")
    supervisors = _board_election(village_head, tree.village_a, "cisb", "Bầu Ban giám sát")
    supervisors.status, supervisors.outcome = Status.PUBLISHED, {"elected": ["c1"]}
    supervisors.save()
    with pytest.raises(DomainError, match="Ban Thanh tra nhân dân"):
        services.members_from_election(actor=village_head, matter=supervisors)
    with pytest.raises(DomainError, match="đã công bố"):
        services.members_from_election(actor=village_head, matter=matter)
    matter.status, matter.outcome = Status.PUBLISHED, {"elected": ["c1"]}
    matter.published_on = dt.date(2026, 8, 30)
    matter.save()
    made = services.members_from_election(actor=village_head, matter=matter)
    with pytest.raises(DomainError, match="đã được ghi vào Ban"):
        services.members_from_election(actor=village_head, matter=matter)
    assert [m.name for m in made] == ["Lò Văn A"]
    assert Member.objects.get().commune == tree.a
    warning = services.board_warnings(commune=tree.a)[0]
    assert "cần ít nhất 5" in warning and "điều 36" in warning


def test_a_plan_is_sent_the_rulebooks_working_days_ahead(tree, board_member, now):
    sent = dt.date(2026, 9, 1)
    earliest = rules.add_working_days(sent, rules.value("oversight.pib.plan_notice", on=sent))
    with pytest.raises(DomainError, match="kiểm tra sớm nhất"):
        services.plan_create(
            actor=board_member,
            commune=tree.a,
            subject="Kiểm tra việc thu quỹ",
            starts_on=earliest - dt.timedelta(days=1),
            notified_on=sent,
        )
    plan = services.plan_create(
        actor=board_member,
        commune=tree.a,
        subject="Kiểm tra việc thu quỹ",
        starts_on=earliest,
        notified_on=sent,
    )
    assert plan.starts_on == dt.date(2026, 9, 9)  # 5 working days after 1/9, 2/9 a holiday


def test_an_unanswered_recommendation_is_overdue_for_the_commune_and_the_province(
    client, tree, board_member, official_a, province_viewer, now, figures_work
):
    plan = services.plan_create(
        actor=board_member,
        commune=tree.a,
        subject="Kiểm tra công trình nhà văn hóa",
        starts_on=dt.date(2026, 9, 9),
        notified_on=dt.date(2026, 9, 1),
    )
    figures_work()
    now.move_to(dt.datetime(2026, 9, 15, 3, tzinfo=dt.UTC), tick=False)
    services.plan_findings(actor=board_member, plan=plan, findings="Tường nứt, chưa nghiệm thu")
    followup = services.recommend(
        actor=board_member, plan=plan, text="Đề nghị kiểm định chất lượng", owner_name=""
    )
    figures_work()
    reply = rules.value("oversight.pib.reply_days", on=dt.date(2026, 9, 15))
    assert followup.due_on == dt.date(2026, 9, 15) + dt.timedelta(days=reply)
    now.move_to(dt.datetime(2026, 10, 5, 3, tzinfo=dt.UTC), tick=False)
    call_command("indicators", "refresh", "--current", stdout=io.StringIO())
    october = periods.parse("2026-10")
    assert figures(unit=tree.province, period=october)["followups.overdue"] == 1
    assert figures(unit=tree.a, period=periods.parse("2026-09"))["pib.recommendations"] == 1
    client.force_login(official_a)
    worklist = client.get(reverse("followups:worklist", args=[tree.a.code]) + "?which=overdue")
    assert "Đề nghị kiểm định" in worklist.content.decode()
    client.force_login(province_viewer)
    page = client.get(reverse("oversight:plan", args=[plan.pk])).content.decode()
    assert "quá hạn" in page
    # The board, not the commune it inspects, writes recommendations.
    client.force_login(official_a)
    assert (
        client.post(reverse("oversight:recommend", args=[plan.pk]), {"text": "x"}).status_code
        == 403
    )


def test_residents_send_requests_and_other_communes_get_404(
    client, tree, board_member, official_b, now
):
    response = client.post(
        reverse("oversight:public", args=[tree.a.code]),
        {"text": "Xem lại quỹ đường", "sender": "A"},
    )
    assert response.status_code == 302 and Request.objects.get().commune == tree.a
    plan = services.plan_create(
        actor=board_member,
        commune=tree.a,
        subject="x",
        starts_on=dt.date(2026, 9, 9),
        notified_on=dt.date(2026, 9, 1),
    )
    client.force_login(official_b)
    for url in (
        reverse("oversight:board", args=[tree.a.code]),
        reverse("oversight:plan", args=[plan.pk]),
    ):
        assert client.get(url).status_code == 404


def _published(matter, day, elected=("c1",)):
    matter.status, matter.outcome = Status.PUBLISHED, {"elected": list(elected)}
    matter.published_on = day
    matter.save()
    return matter


def _offered(page):
    """The elections the board's import form offers."""
    if 'id="import"' not in page:
        return []
    return re.findall(r'value="(\d+)"', page.split('id="import"')[1].split("</form>")[0])


def test_an_imported_election_is_not_offered_again_and_a_second_import_is_refused(
    client, tree, village_head, official_a, now
):
    first = _published(_board_election(village_head, tree.village_a, "pib"), dt.date(2026, 8, 1))
    client.force_login(official_a)
    board = reverse("oversight:board", args=[tree.a.code])
    url = reverse("oversight:members_import", args=[tree.a.code])
    assert _offered(client.get(board).content.decode()) == [str(first.pk)]
    client.post(url, {"matter": first.pk})
    assert _offered(client.get(board).content.decode()) == []
    again = client.post(url, {"matter": first.pk, "confirm": "1"}, follow=True).content.decode()
    assert "Kết quả bầu này đã được ghi vào Ban; không ghi lại lần nữa." in again
    assert Member.objects.count() == 1


def test_a_new_election_replacing_members_asks_first_without_a_script(
    client, tree, village_head, official_a, now
):
    first = _published(_board_election(village_head, tree.village_a, "pib"), dt.date(2026, 8, 1))
    services.members_from_election(actor=village_head, matter=first)
    second = _published(
        _board_election(village_head, tree.village_a, "pib", "Bầu lại"),
        dt.date(2026, 8, 25),
        ["c2"],
    )
    with pytest.raises(services.NeedsConfirmation):
        services.members_from_election(actor=village_head, matter=second)
    client.force_login(official_a)
    url = reverse("oversight:members_import", args=[tree.a.code])
    page = client.post(url, {"matter": second.pk}).content.decode()
    assert 'id="confirm"' in page and 'name="confirm" value="1"' in page
    assert "Lò Văn A" in page.split('id="replaced"')[1]  # who would leave
    assert not re.findall(r"<script(?![^>]*\bsrc=)", page)
    assert Member.objects.filter(term_to__isnull=True).get().name == "Lò Văn A"
    client.post(url, {"matter": second.pk, "confirm": "1"})
    assert Member.objects.filter(term_to__isnull=True).get().name == "Lò Thị B"
    assert Member.objects.get(name="Lò Văn A").term_to == dt.date(2026, 8, 25)


def test_the_front_assigns_the_boards_head_and_deputies(
    client, tree, village_head, front_officer, official_b, now
):
    names = ["Lò Văn A", "Lò Thị B", "Cầm Văn C", "Quàng Thị D"]
    matter = decisions.matter_create(
        actor=village_head,
        unit=tree.village_a,
        matter_type="5",
        title="Bầu thành viên Ban Thanh tra nhân dân",
        candidates=names,
        seats=4,
        board="pib",
        counting_board=BOARD,
    )
    _published(matter, dt.date(2026, 8, 1), ["c1", "c2", "c3", "c4"])
    a, b, c, d = services.members_from_election(actor=village_head, matter=matter)
    assert "Ban chưa có trưởng ban." in services.board_warnings(commune=tree.a)
    url = reverse("oversight:board_roles", args=[tree.a.code])
    client.force_login(village_head)  # the village head may not
    assert client.post(url, {"head": a.pk}).status_code == 403
    client.force_login(official_b)  # another commune's official: 404
    assert client.post(url, {"head": a.pk}).status_code == 404
    client.force_login(front_officer)
    client.post(url, {"head": d.pk, "deputies": [a.pk, b.pk, c.pk]})  # three deputies: refused
    assert not Member.objects.exclude(role=MemberRole.MEMBER).exists()
    client.post(url, {"head": d.pk, "deputies": [b.pk]})
    roles = dict(Member.objects.values_list("name", "role"))
    assert roles["Quàng Thị D"] == MemberRole.HEAD and roles["Lò Thị B"] == MemberRole.DEPUTY
    assert sorted(roles.values()).count(MemberRole.MEMBER) == 2
    assert "Ban chưa có trưởng ban." not in services.board_warnings(commune=tree.a)
    assert AuditEntry.objects.filter(model="oversight.member", object_pk=str(tree.a.pk)).exists()
    for page in (
        client.get(reverse("oversight:board", args=[tree.a.code])).content.decode(),
        client.get(reverse("oversight:public", args=[tree.a.code])).content.decode(),
    ):
        listed = page.split('id="members"')[1].split("</ul>")[0]
        assert listed.index("Quàng Thị D") < listed.index("Lò Thị B") < listed.index("Lò Văn A")
        assert "Trưởng ban" in listed and "Phó trưởng ban" in listed
    # The database keeps one head among the members in office.
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=a.pk).update(role=MemberRole.HEAD)
