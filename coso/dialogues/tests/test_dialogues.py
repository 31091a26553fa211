"""Dialogues, voter meetings and work visits, and the follow-ups they create: from the
promise to the resident's confirmation, on the province's figures, in public without
anyone's name; scoping, validation and fixed query counts."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.core.errors import DomainError
from coso.dialogues import services
from coso.dialogues.models import Kind
from coso.followups import services as followups
from coso.followups.models import FollowUp, Status
from coso.followups.services import Promise
from coso.notices.models import Notice
from coso.reports import periods
from coso.reports.selectors import figures

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 9, 10)
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@pytest.fixture
def now(time_machine):
    time_machine.move_to(dt.datetime(2026, 9, 10, 3, tzinfo=dt.UTC), tick=False)
    return time_machine


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def dialogue(actor, unit, day=DAY, kind=Kind.DIALOGUE):
    return services.meeting_create(
        actor=actor,
        unit=unit,
        data=services.MeetingData(
            kind=kind,
            date=day,
            place="Hội trường UBND xã",
            chair="Ông Lò Văn Chủ, Chủ tịch UBND xã",
            participants={"residents": 120, "officials": 15},
            topics=["roads", "land"],
        ),
    )


def promise(unit, text="Sửa cầu tràn bản Nà Luông", due=dt.date(2026, 10, 10), **kw):
    return Promise(
        text=text, unit=unit, owner_name="Ông Lò Văn Chủ", due_on=due, opened_on=DAY, **kw
    )


def test_a_promise_is_kept_to_the_end(
    client, tree, official_a, province_viewer, now, storage, figures_work, notices_send
):
    meeting = dialogue(official_a, tree.a)
    for i, text in enumerate(["Đường vào bản hỏng", "Khi nào có điện?", "Cấp sổ đỏ chậm"]):
        services.item_add(
            actor=official_a,
            meeting=meeting,
            data=services.ItemData(
                text=text,
                topic="roads",
                asker_name="Bà Lò Thị Hỏi",
                asker_contact="hoi@example.vn",
                answer="Xã sẽ sửa trong tháng" if i == 0 else "",
                commitment=promise(
                    tree.a,
                    raised_by_resident=True,
                    raiser_name="Bà Lò Thị Hỏi",
                    raiser_contact="hoi@example.vn",
                    owner=official_a,
                )
                if i == 0
                else None,
            ),
        )
    services.commitment_add(
        actor=official_a,
        meeting=meeting,
        promise=promise(tree.a, "Họp lại với bản vào quý IV", due=dt.date(2026, 12, 20)),
    )
    figures_work()
    kept = FollowUp.objects.get(raised_by_resident=True)
    assert FollowUp.objects.count() == 2 and kept.confirm_code

    # The due date passes: the province's figures show it overdue, down to the record.
    now.move_to(dt.datetime(2026, 10, 20, 3, tzinfo=dt.UTC), tick=False)
    call_command("indicators", "refresh", "--current", stdout=io.StringIO())
    period = periods.parse("2026-10")
    assert figures(unit=tree.province, period=period)["followups.overdue"] == 1
    client.force_login(province_viewer)
    breakdown = client.get(
        reverse("reports:unit_breakdown", args=[tree.province.code, "followups.overdue"])
    )
    assert breakdown.status_code == 200
    worklist = reverse("followups:worklist", args=[tree.a.code]) + "?which=overdue"
    assert worklist.replace("&", "&amp;") in breakdown.content.decode() or worklist in (
        breakdown.content.decode()
    )
    page = client.get(worklist)
    assert "Sửa cầu tràn" in page.content.decode()

    # The owner marks it done with a photo; the resident is told and confirms.
    client.force_login(official_a)
    response = client.post(
        reverse("followups:move", args=[kept.pk]),
        {
            "status": "done",
            "note": "Đã đổ bê tông cầu tràn",
            "evidence": SimpleUploadedFile("cau.png", PNG),
        },
    )
    notices_send()
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.status == Status.DONE and kept.evidence.count() == 1 and kept.on_time is False
    assert [m.to for m in mail.outbox] == [["hoi@example.vn"]]
    assert kept.confirm_code in mail.outbox[0].body
    client.logout()
    shown = client.post(reverse("followups:respond"), {"code": kept.confirm_code.lower()})
    assert "Đã đổ bê tông" in shown.content.decode()
    answered = client.post(
        reverse("followups:respond"), {"code": kept.confirm_code, "answer": "confirm", "note": ""}
    )
    assert answered.status_code == 200 and 'id="thanks"' in answered.content.decode()
    kept.refresh_from_db()
    assert kept.response == "confirmed"

    # The public page: kept, with the days it took; nobody's name or contact.
    public = client.get(reverse("dialogues:public_detail", args=[meeting.pk])).content.decode()
    assert "xong sau 40 ngày" in public and "người nêu đã xác nhận" in public
    for secret in ("Lò Thị Hỏi", "hoi@example.vn", kept.confirm_code):
        assert secret not in public
    listing = client.get(reverse("dialogues:public_list", args=[tree.a.code]) + "?year=2026")
    assert "đã thực hiện 1" in listing.content.decode()


def test_an_objection_reopens_and_tells_the_owner(
    tree, official_a, now, figures_work, notices_send
):
    official_a.email = "chu@example.vn"
    official_a.save()
    meeting = dialogue(official_a, tree.a)
    item = services.item_add(
        actor=official_a,
        meeting=meeting,
        data=services.ItemData(
            text="Rác không được thu",
            commitment=promise(tree.a, owner=official_a, raised_by_resident=True),
        ),
    )
    followup = item.followup
    with pytest.raises(DomainError, match="chưa được báo là đã xong"):
        followups.followup_respond(code=followup.confirm_code, confirmed=True)
    with pytest.raises(DomainError, match="minh chứng"):
        followups.followup_move(actor=official_a, followup=followup, status="done")
    with pytest.raises(DomainError, match="lý do"):
        followups.followup_move(actor=official_a, followup=followup, status="cannot")
    followups.followup_move(actor=official_a, followup=followup, status="done", note="Đã thu")
    with pytest.raises(DomainError, match="điều bạn chưa đồng ý"):
        followups.followup_respond(code=followup.confirm_code, confirmed=False)
    followups.followup_respond(
        code=followup.confirm_code, confirmed=False, note="Vẫn chưa thu ở xóm trên"
    )
    notices_send()
    followup.refresh_from_db()
    assert followup.status == Status.IN_PROGRESS and followup.closed_on is None
    assert [m.to for m in mail.outbox] == [["chu@example.vn"]]
    assert "xóm trên" in mail.outbox[0].body


def test_promises_are_checked(tree, official_a, now):
    meeting = dialogue(official_a, tree.a)
    cases = [
        (promise(tree.a, due=dt.date(2026, 9, 1)), "không được trước ngày cam kết"),
        (promise(tree.a, due=None), "hạn thực hiện"),
        (Promise("x", tree.a, "", dt.date(2026, 10, 1), DAY), "người chịu trách nhiệm"),
        (promise(tree.village_a), "không phải thôn, tổ"),
    ]
    for bad, message in cases:
        with pytest.raises(DomainError, match=message):
            services.commitment_add(actor=official_a, meeting=meeting, promise=bad)
    assert FollowUp.objects.count() == 0
    with pytest.raises(DomainError, match="không tổ chức ở"):
        dialogue(official_a, tree.a, kind=Kind.WORKPLACE)
    with pytest.raises(DomainError, match="đã qua hoặc hôm nay"):
        dialogue(official_a, tree.a, day=dt.date(2026, 9, 11))


def test_a_work_visit_asks_the_commune(client, tree, official_a, province_viewer, now):
    client.force_login(province_viewer)
    response = client.post(
        reverse("dialogues:visit_new", args=[tree.a.code]),
        {
            "kind": "visit",
            "date": "2026-09-08",
            "place": "UBND xã",
            "chair": "Trưởng Ban Dân vận Tỉnh ủy",
            "led_by": "Ban Chỉ đạo tỉnh",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    visit_url = response["Location"]
    response = client.post(
        visit_url + "conclusions/",
        {
            "text": "Hoàn thành quy chế dân chủ của xã trong quý IV",
            "topic": "procedures",
            "asks": "on",
            "owner_name": "Chủ tịch UBND xã",
            "due_on": "2026-12-31",
        },
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get()
    assert followup.unit == tree.a and not followup.raised_by_resident
    # The province recorded it; the commune answers it, the province may not.
    assert client.post(reverse("followups:move", args=[followup.pk]), {}).status_code == 403
    client.force_login(official_a)
    response = client.post(
        reverse("followups:move", args=[followup.pk]),
        {"status": "in_progress", "note": "Đang dự thảo"},
    )
    assert response.status_code == 302
    # and the commune cannot record a visit to itself.
    assert client.get(reverse("dialogues:visit_new", args=[tree.a.code])).status_code == 403


def test_another_communes_records_answer_404(client, tree, official_a, official_b, now, storage):
    meeting = dialogue(official_a, tree.a)
    item = services.item_add(
        actor=official_a,
        meeting=meeting,
        data=services.ItemData(text="Hỏi", commitment=promise(tree.a)),
    )
    followups.followup_move(
        actor=official_a,
        followup=item.followup,
        status="done",
        files=[SimpleUploadedFile("a.png", PNG)],
    )
    evidence = item.followup.evidence.get()
    client.force_login(official_b)
    for url in (
        reverse("dialogues:detail", args=[meeting.pk]),
        reverse("dialogues:list", args=[tree.a.code]),
        reverse("followups:detail", args=[item.followup.pk]),
        reverse("followups:worklist", args=[tree.a.code]),
        reverse("followups:evidence", args=[evidence.pk]),
        f"/api/dialogues/{meeting.pk}",
        f"/api/dialogues?unit={tree.a.code}",
        f"/api/followups/{item.followup.pk}",
        f"/api/followups?unit={tree.a.code}",
    ):
        assert client.get(url).status_code == 404, url
    for url, data in (
        (reverse("dialogues:item_add", args=[meeting.pk]), {"text": "x"}),
        (reverse("dialogues:commitment_add", args=[meeting.pk]), {"text": "x"}),
        (reverse("followups:move", args=[item.followup.pk]), {"status": "in_progress"}),
        (reverse("followups:reopen", args=[item.followup.pk]), {}),
    ):
        assert client.post(url, data).status_code == 404, url
    api = client.post(
        f"/api/followups/{item.followup.pk}/status",
        {"status": "in_progress"},
        content_type="application/json",
    )
    assert api.status_code == 404
    assert (
        client.post(
            f"/api/dialogues/{meeting.pk}/questions", {"text": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    item.followup.refresh_from_db()
    assert item.followup.status == Status.DONE and meeting.items.count() == 1


def _meetings(official, unit, n):
    for i in range(n):
        meeting = dialogue(official, unit, day=DAY - dt.timedelta(days=i))
        services.item_add(
            actor=official,
            meeting=meeting,
            data=services.ItemData(text=f"Hỏi {i}", commitment=promise(unit, f"Hứa {i}")),
        )


@pytest.mark.parametrize(
    "url",
    [
        "dialogues:list",
        "followups:worklist",
        "dialogues:public_list",
    ],
)
def test_lists_run_a_fixed_number_of_queries(
    client, tree, official_a, now, url, django_assert_num_queries
):
    client.force_login(official_a)
    address = reverse(url, args=[tree.a.code])
    _meetings(official_a, tree.a, 2)
    client.get(address)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(address).status_code == 200
    _meetings(official_a, tree.a, 12)
    with django_assert_num_queries(len(few)):
        body = client.get(address).content.decode()
    assert len(set(re.findall(r'href="[^"]*/(?:meetings|dialogues|followups)/\d+/"', body))) == 14


def test_detail_pages_run_a_fixed_number_of_queries(
    client, tree, official_a, now, django_assert_num_queries
):
    client.force_login(official_a)
    meeting = dialogue(official_a, tree.a)
    urls = [
        reverse("dialogues:detail", args=[meeting.pk]),
        reverse("dialogues:public_detail", args=[meeting.pk]),
    ]

    def add(n):
        for i in range(n):
            services.item_add(
                actor=official_a,
                meeting=meeting,
                data=services.ItemData(text=f"Hỏi {i}", commitment=promise(tree.a, f"Hứa {i}")),
            )
            services.commitment_add(actor=official_a, meeting=meeting, promise=promise(tree.a))

    add(1)
    counts = []
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as seen:
            client.get(url)
        counts.append(len(seen))
    add(8)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_yearly_minimum_is_shown(client, tree, official_a, now):
    listing = client.get(reverse("dialogues:public_list", args=[tree.a.code]) + "?year=2025")
    assert "Chưa đủ mức tối thiểu" in listing.content.decode()
    commune_page = client.get(reverse("portal:unit", args=[tree.a.code])).content.decode()
    client.force_login(official_a)
    work_page = client.get(reverse("dialogues:list", args=[tree.a.code])).content.decode()
    for page in (commune_page, work_page):
        assert "đã tổ chức 0 hội nghị" in page and "Chưa đủ mức tối thiểu" in page
    client.logout()
    dialogue(official_a, tree.a)
    listing = client.get(reverse("dialogues:public_list", args=[tree.a.code]))
    body = listing.content.decode()
    assert "đã tổ chức 1 hội nghị" in body and "Chưa đủ" not in body


def test_reminders_run_twice_send_each_owner_one_email(
    tree, official_a, official_b, now, figures_work, notices_send
):
    official_a.email, official_b.email = "a@example.vn", "b@example.vn"
    official_a.save()
    official_b.save()
    meeting_a, meeting_b = dialogue(official_a, tree.a), dialogue(official_b, tree.b)
    for due in (dt.date(2026, 9, 12), dt.date(2026, 9, 15), dt.date(2026, 12, 1)):
        services.commitment_add(
            actor=official_a, meeting=meeting_a, promise=promise(tree.a, due=due, owner=official_a)
        )
    # No named owner: the unit's officials are reminded.
    services.commitment_add(
        actor=official_b, meeting=meeting_b, promise=promise(tree.b, due=dt.date(2026, 9, 11))
    )
    for _ in range(2):
        call_command("followups", "remind", stdout=io.StringIO())
        notices_send()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.vn", "b@example.vn"]
    first = next(m for m in mail.outbox if m.to == ["a@example.vn"])
    assert first.body.count("\n") == 1  # two due soon; the December one is not listed
    assert Notice.objects.filter(state="sent").count() == 2
    # The next day, again one each.
    now.move_to(dt.datetime(2026, 9, 11, 3, tzinfo=dt.UTC), tick=False)
    call_command("followups", "remind", stdout=io.StringIO())
    notices_send()
    assert len(mail.outbox) == 4
