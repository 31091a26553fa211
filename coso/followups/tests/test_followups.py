"""Follow-ups as the review found them wanting: where a question may be forwarded, who
is reminded, what a re-opened follow-up keeps, what counts as confirmed; and the counts
of a meeting's commitments."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from coso.accounts.models import User
from coso.core.errors import DomainError
from coso.dialogues import services as dialogues
from coso.followups import services
from coso.followups.models import Status
from coso.followups.services import Promise
from coso.units.tests.factories import commune, province

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 9, 10)


@pytest.fixture
def meeting(tree, official_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 9, 10, 3, tzinfo=dt.UTC), tick=False)
    return dialogues.meeting_create(
        actor=official_a,
        unit=tree.a,
        data=dialogues.MeetingData(kind="voters", date=DAY, place="x", chair="y"),
    )


def promise(unit, **kw):
    return Promise("Trả lời cử tri", unit, "Giám đốc Sở", DAY + dt.timedelta(days=30), DAY, **kw)


def test_questions_go_to_a_body_of_the_same_province(tree, official_a, meeting):
    elsewhere = commune(province("Điện Biên"), "Xã Mường Phăng")
    for target in (elsewhere, tree.village_a):
        with pytest.raises(DomainError, match="trong tỉnh"):
            dialogues.item_add(
                actor=official_a,
                meeting=meeting,
                data=dialogues.ItemData(text="x", forwarded_to=target, commitment=promise(target)),
            )
    item = dialogues.item_add(
        actor=official_a,
        meeting=meeting,
        data=dialogues.ItemData(
            text="x", forwarded_to=tree.province, commitment=promise(tree.province)
        ),
    )
    assert item.followup.unit == tree.province


def test_reopening_clears_the_raisers_answer_and_only_done_counts_as_confirmed(
    tree, official_a, meeting
):
    followup = dialogues.item_add(
        actor=official_a,
        meeting=meeting,
        data=dialogues.ItemData(text="x", commitment=promise(tree.a, raised_by_resident=True)),
    ).followup
    services.followup_move(actor=official_a, followup=followup, status="done", note="xong")
    services.followup_respond(code=followup.confirm_code, confirmed=True)
    services.followup_move(actor=official_a, followup=followup, status="in_progress", note="lại")
    followup.refresh_from_db()
    assert followup.response == "" and followup.responded_on is None
    assert followup.status == Status.IN_PROGRESS


def test_reminders_skip_inactive_owners_for_the_units_officials(
    tree, official_a, meeting, notices_send
):
    gone = User.objects.create_user("gone", email="gone@x.vn", is_active=False)
    official_a.email = "a@x.vn"
    official_a.save()
    soon = Promise("Sửa cống", tree.a, "Chủ tịch", DAY + dt.timedelta(days=3), DAY, owner=gone)
    dialogues.commitment_add(actor=official_a, meeting=meeting, promise=soon)
    call_command("followups", "remind", stdout=io.StringIO())
    notices_send()
    assert [m.to for m in mail.outbox] == [["a@x.vn"]]


def test_a_meeting_counts_every_commitment(client, tree, official_a, meeting):
    dialogues.item_add(
        actor=official_a,
        meeting=meeting,
        data=dialogues.ItemData(text="hỏi", commitment=promise(tree.a)),
    )
    dialogues.commitment_add(actor=official_a, meeting=meeting, promise=promise(tree.a))
    client.force_login(official_a)
    detail = client.get(f"/api/dialogues/{meeting.pk}").json()
    assert (detail["questions"], detail["commitments"]) == (1, 2)
    listed = client.get(f"/api/dialogues?unit={tree.a.code}").json()["items"][0]
    assert (listed["questions"], listed["commitments"]) == (1, 2)
    public = client.get(reverse("dialogues:public_list", args=[tree.a.code]) + "?year=²")
    assert public.status_code == 200 and "2 cam kết" in public.content.decode()
