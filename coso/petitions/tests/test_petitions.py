import datetime as dt
import io
import json
import logging
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.notices.models import Notice
from coso.petitions import reception, selectors, services
from coso.petitions.models import Kind, Petition, ReceptionVisit, Status
from coso.units.tests.factories import commune

D = dt.date


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC), tick=False)


def submit(unit, kind=Kind.FEEDBACK, **kw):
    values = {"subject": "Đường bản bị sạt lở", "description": "Đoạn đường qua bản bị sạt."}
    values.update(kw)
    return services.petition_submit(
        actor=None, unit=unit, data=services.Submission(kind=kind, **values)
    )


class TestDeadlines:
    def test_complaint_accept_across_tet(self, tree):
        p = submit(tree.a, Kind.COMPLAINT, received_on=D(2026, 2, 12))
        assert p.accept_due == D(2026, 3, 5)  # 10 working days, Tết 16–20/2 off
        assert p.rules == {
            "accept": "complaint.first.accept",
            "resolve": "complaint.first.resolve",
            "on": "2026-02-12",
        }

    def test_complaint_resolution_normal_complex_and_remote(self, tree, official_a):
        p = submit(tree.a, Kind.COMPLAINT, received_on=D(2026, 3, 2))
        services.petition_accept(actor=official_a, petition=p, on=D(2026, 3, 2))
        assert p.due_on == D(2026, 4, 1)  # 30 days
        remote = submit(tree.a, Kind.COMPLAINT, received_on=D(2026, 3, 2), remote_area=True)
        services.petition_accept(
            actor=official_a, petition=remote, on=D(2026, 3, 2), complex_case=True
        )
        assert remote.due_on == D(2026, 5, 4)  # 60 days: Sat 1/5 → Mon (after 30/4, 1/5)

    def test_second_complaint(self, tree, official_a):
        p = submit(tree.a, Kind.COMPLAINT, complaint_round=2, received_on=D(2026, 3, 2))
        services.petition_accept(actor=official_a, petition=p, on=D(2026, 3, 2))
        assert p.due_on == D(2026, 4, 16)  # 45 days

    def test_denunciation_intake_and_resolution(self, tree, official_a):
        p = submit(
            tree.a, Kind.DENUNCIATION, received_on=D(2026, 11, 20), sender_name="Hoàng Văn Tố"
        )
        assert p.accept_due == D(
            2026, 12, 1
        )  # 7 working days (24/11 is one: no law makes it a day off)
        services.petition_accept(actor=official_a, petition=p, on=D(2026, 11, 23))
        assert p.due_on == D(2026, 12, 23)  # 30 days

    def test_feedback(self, tree, official_a):
        p = submit(tree.a, received_on=D(2026, 11, 20))
        assert p.accept_due == D(2026, 12, 4)  # 10 working days (LR art. 28)
        services.petition_accept(actor=official_a, petition=p, on=D(2026, 11, 23))
        assert p.due_on == D(2026, 12, 23)

    def test_complaint_extension_once_then_refused(self, tree, official_a):
        p = submit(tree.a, Kind.COMPLAINT, received_on=D(2026, 3, 2))
        services.petition_accept(actor=official_a, petition=p, on=D(2026, 3, 2))
        services.petition_extend(actor=official_a, petition=p, reason="Cần xác minh thêm")
        assert p.due_on == D(2026, 4, 16) and p.extensions == 1  # the 45-day maximum
        with pytest.raises(DomainError, match="tối đa"):
            services.petition_extend(actor=official_a, petition=p, reason="Thêm nữa")
        p.refresh_from_db()
        assert p.due_on == D(2026, 4, 16)

    def test_denunciation_extensions_at_and_past_the_maximum(self, tree, official_a):
        p = submit(tree.a, Kind.DENUNCIATION, received_on=D(2026, 3, 2), sender_name="A B")
        services.petition_accept(actor=official_a, petition=p, on=D(2026, 3, 2))
        assert p.due_on == D(2026, 4, 1)
        services.petition_extend(actor=official_a, petition=p, reason="Phức tạp")
        assert p.due_on == D(2026, 5, 4)  # +30 days ends Fri 1/5 holiday → Mon 4/5
        with pytest.raises(DomainError, match="tối đa"):
            services.petition_extend(actor=official_a, petition=p, reason="Phức tạp")
        services.petition_extend(
            actor=official_a, petition=p, reason="Đặc biệt phức tạp", very_complex=True
        )
        assert p.extensions == 2
        with pytest.raises(DomainError, match="tối đa"):
            services.petition_extend(actor=official_a, petition=p, reason="x", very_complex=True)

    def test_on_time_flag(self, tree, official_a):
        p = submit(tree.a, received_on=D(2026, 10, 1))
        services.petition_accept(actor=official_a, petition=p, on=D(2026, 10, 2))
        services.petition_resolve(
            actor=official_a, petition=p, resolution="Đã sửa đường", on=D(2026, 10, 20)
        )
        assert p.on_time and p.status == Status.RESOLVED and p.next_due is None


class TestWorkflow:
    def test_steps_are_events_and_audited(self, tree, official_a, notices_send):
        p = submit(tree.a, sender_contact="dan@example.vn")
        services.petition_accept(actor=official_a, petition=p, note="Đã giao tổ công tác")
        services.petition_resolve(actor=official_a, petition=p, resolution="Đã khắc phục")
        notices_send()
        assert [e.action for e in p.events.all()] == ["received", "accepted", "resolved"]
        assert AuditEntry.objects.filter(model="petitions.petition").count() == 3
        assert len(mail.outbox) == 3 and mail.outbox[0].to == ["dan@example.vn"]

    def test_the_sender_hears_of_every_step_even_after_a_transfer(
        self, tree, official_a, official_b, notices_send
    ):
        p = submit(tree.a, sender_contact="dan@example.vn")
        services.petition_transfer(actor=official_a, petition=p, to_unit=tree.b)
        services.petition_accept(actor=official_b, petition=p)
        notices_send()
        # received, transferred, and accepted at the new unit: three messages.
        assert len(mail.outbox) == 3

    def test_refuse_needs_a_reason_and_transfer_moves_the_unit(self, tree, official_a, official_b):
        p = submit(tree.a)
        with pytest.raises(DomainError):
            services.petition_refuse(actor=official_a, petition=p, reason=" ")
        services.petition_transfer(actor=official_a, petition=p, to_unit=tree.b)
        assert p.unit == tree.b and p.status == Status.RECEIVED
        with pytest.raises(DomainError):
            services.petition_accept(actor=official_a, petition=p)
        services.petition_refuse(actor=official_b, petition=p, reason="Không thuộc thẩm quyền")
        assert p.status == Status.REFUSED

    def test_tracking_codes_are_unambiguous(self, tree):
        codes = {submit(tree.a).tracking_code for _ in range(20)}
        assert len(codes) == 20
        assert all(len(c) == 10 and not set(c) & set("01OIL") for c in codes)

    def test_validation(self, tree):
        with pytest.raises(DomainError) as error:
            submit(tree.a, Kind.DENUNCIATION)
        assert error.value.field == "sender_name"
        with pytest.raises(DomainError):
            submit(tree.village_a)
        assert not Petition.objects.exists()


class TestLists:
    def test_worklist_by_urgency_with_fixed_queries(
        self, client, tree, official_a, django_assert_num_queries
    ):
        overdue = submit(tree.a, received_on=D(2026, 10, 1))
        soon = submit(tree.a, received_on=D(2026, 11, 10))  # due 25/11, within 3 working days
        later = submit(tree.a, received_on=D(2026, 11, 23))
        for i in range(10):
            submit(tree.a, received_on=D(2026, 11, 23), subject=f"Đơn {i}")
        page = selectors.worklist(user=official_a, unit=tree.a)
        assert page.items[0] == overdue and page.items[0].urgency == "overdue"
        assert page.items[1] == soon and page.items[1].urgency == "soon"
        assert later.pk in [p.pk for p in page.items]
        client.force_login(official_a)
        url = reverse("petitions:worklist", args=[tree.a.code])
        with django_assert_num_queries(9):  # one the page cache's, once: the province's id
            response = client.get(url, {"which": "overdue"})
        assert [p.pk for p in response.context["page"].items] == [overdue.pk]

    def test_keyset_pages(self, tree, official_a):
        for i in range(7):
            submit(tree.a, received_on=D(2026, 11, 2 + i))
        first = selectors.worklist(user=official_a, unit=tree.a, size=4)
        second = selectors.worklist(user=official_a, unit=tree.a, size=4, after=first.next_after)
        assert len(first.items) == 4 and len(second.items) == 3 and second.next_after is None
        assert not {p.pk for p in first.items} & {p.pk for p in second.items}

    def test_province_rollup_is_one_query(self, tree, official_a, django_assert_num_queries):
        for i in range(8):
            commune(tree.province, f"Xã Thêm {i}")
        done = submit(tree.a, received_on=D(2026, 10, 1))
        services.petition_accept(actor=official_a, petition=done, on=D(2026, 10, 1))
        services.petition_resolve(
            actor=official_a, petition=done, resolution="Xong", on=D(2026, 10, 5)
        )
        submit(tree.b, Kind.COMPLAINT)
        with django_assert_num_queries(1):
            rows = selectors.province_rollup(province=tree.province, year=2026)
        by = {(r["unit_id"], r["kind"]): r for r in rows}
        assert by[(tree.a.pk, "feedback")]["on_time_share"] == 100
        assert by[(tree.b.pk, "complaint")]["open"] == 1

    def test_public_stats_on_the_commune_page(self, client, tree, official_a):
        p = submit(tree.a, Kind.DENUNCIATION, sender_name="Hoàng Văn Tố")
        submit(tree.a)
        page = client.get(reverse("portal:unit", args=[tree.a.code])).content.decode()
        assert "Đơn thư năm 2026" in page and "Hoàng Văn Tố" not in page
        stats = {s["kind"]: s for s in selectors.public_stats(unit=tree.a, year=2026)}
        assert stats["denunciation"]["received"] == 1 and stats["feedback"]["received"] == 1
        assert p.tracking_code not in page


class TestDenouncerSecrecy:
    NAME, PHONE = "Hoàng Văn Tố", "0912345678"

    def test_identity_appears_only_in_the_handlers_view(
        self, client, tree, official_a, administrator, caplog
    ):
        caplog.set_level(logging.DEBUG)
        p = submit(
            tree.a,
            Kind.DENUNCIATION,
            sender_name=self.NAME,
            sender_contact=self.PHONE,
            description="Tố cáo cán bộ địa chính nhận tiền.",
        )
        assert self.NAME not in p.identity and p.sender_name == "" and p.sender_contact == ""
        client.force_login(official_a)
        pages = [
            client.get(reverse("petitions:worklist", args=[tree.a.code])),
            client.get(reverse("petitions:detail", args=[p.pk])),  # before it has a handler
            client.get(reverse("petitions:track"), {"code": p.tracking_code}),
            client.get("/api/petitions", {"unit": tree.a.code}),
            client.get(f"/api/petitions/{p.pk}"),
            client.get("/open311/v2/requests.json"),
            client.get(f"/open311/v2/requests/{p.tracking_code}.json"),
            client.get(reverse("portal:unit", args=[tree.a.code])),
        ]
        assert client.get(reverse("petitions:identity", args=[p.pk])).status_code == 404
        services.petition_accept(actor=official_a, petition=p)
        pages.append(client.get(reverse("petitions:detail", args=[p.pk])))
        client.force_login(administrator)
        pages.append(client.get(reverse("petitions:detail", args=[p.pk])))
        pages.append(client.get(reverse("admin:index")))
        client.force_login(official_a)
        handler_view = client.get(reverse("petitions:identity", args=[p.pk])).content.decode()
        assert self.NAME in handler_view and self.PHONE in handler_view
        rendered = "".join(r.content.decode() for r in pages)
        logged = "\n".join(r.getMessage() for r in caplog.records)
        audit_text = json.dumps(
            list(AuditEntry.objects.values_list("changes", flat=True)), ensure_ascii=False
        )
        for secret in (self.NAME, self.PHONE):
            assert secret not in rendered and secret not in logged and secret not in audit_text
        views = AuditEntry.objects.filter(model="petitions.identity", object_pk=str(p.pk))
        assert views.count() == 1 and views.get().actor_id == official_a.pk

    def test_reception_visit_keeps_the_denouncer_out_of_the_record(self, tree, official_a):
        session = reception.session_create(
            actor=official_a, unit=tree.a, date=D(2026, 11, 18), leader="Chủ tịch UBND xã"
        )
        p = reception.visit_record(
            actor=official_a,
            session=session,
            visitor=self.NAME,
            kind=Kind.DENUNCIATION,
            subject="Tố cáo",
            description="Nội dung",
        )
        assert ReceptionVisit.objects.get(petition=p).visitor == ""
        assert p.channel == "reception" and p.received_on == D(2026, 11, 18)


class TestScoping:
    def test_other_commune_gets_404_by_page_and_api(self, client, tree, official_b):
        p = submit(tree.a)
        client.force_login(official_b)
        assert client.get(reverse("petitions:detail", args=[p.pk])).status_code == 404
        response = client.post(reverse("petitions:accept", args=[p.pk]), {})
        assert response.status_code == 404
        assert client.get(f"/api/petitions/{p.pk}").status_code == 404
        assert client.get("/api/petitions", {"unit": tree.a.code}).status_code == 404
        p.refresh_from_db()
        assert p.status == Status.RECEIVED


class TestReception:
    def test_schedule_warns_when_a_month_falls_short(self, client, tree, official_a):
        # Until 30/6/2026 a commune receives at least one day a week.
        reception.session_create(
            actor=official_a, unit=tree.a, date=D(2026, 6, 3), leader="Chủ tịch"
        )
        check = reception.month_check(unit=tree.a, year=2026, month=6)
        assert check.short and len(check.missing_weeks) == 4  # weeks from 8/6 on
        for day in (D(2026, 6, 10), D(2026, 6, 17), D(2026, 6, 24), D(2026, 6, 30)):
            reception.session_create(actor=official_a, unit=tree.a, date=day, leader="Chủ tịch")
        assert not reception.month_check(unit=tree.a, year=2026, month=6).short
        # From 1/7/2026, at least two days a month.
        reception.session_create(
            actor=official_a, unit=tree.a, date=D(2026, 11, 4), leader="Chủ tịch"
        )
        assert reception.month_check(unit=tree.a, year=2026, month=11).short
        reception.session_create(
            actor=official_a, unit=tree.a, date=D(2026, 11, 18), leader="Chủ tịch"
        )
        assert not reception.month_check(unit=tree.a, year=2026, month=11).short
        client.force_login(official_a)
        page = client.get(reverse("petitions:schedule", args=[tree.a.code]), {"month": "2026-12"})
        assert "chưa đủ số ngày tiếp công dân" in page.content.decode()
        assert "Luật Tiếp công dân" in page.content.decode()

    def test_the_month_is_chosen_by_its_name(self, client, tree, official_a, time_machine):
        """No browser month box (2026-11, or the browser's own language): a list of
        months named in Vietnamese, the months either side a link away, and an old
        link's ?month=2026-11 still opening that month."""
        time_machine.move_to(dt.datetime(2026, 12, 6, 3, tzinfo=dt.UTC), tick=False)
        client.force_login(official_a)
        url = reverse("petitions:schedule", args=[tree.a.code])
        page = client.get(url, {"month": "2026-11"}).content.decode()
        assert 'type="month"' not in page
        assert '<option value="2026-11" selected>Tháng 11/2026</option>' in page
        picker = page[page.index('<select id="month"') : page.index("</select>")]
        assert picker.count(" selected>") == 1 and '<optgroup label="2027">' in picker
        assert '<a rel="prev" href="?month=2026-10">« Tháng 10/2026</a>' in page
        assert '<a rel="next" href="?month=2026-12">Tháng 12/2026 »</a>' in page
        values = re.findall(r'<option value="([\d-]+)"', picker)
        assert values == sorted(values, reverse=True) and values[0] == "2028-01"
        assert values[-1] == "2022-01"  # this year and the four before
        # Without a month, this month; the last month a session may be planned in has no
        # next; a month before the picker's years still opens by its address.
        page = client.get(url).content.decode()
        assert '<option value="2026-12" selected>Tháng 12/2026</option>' in page
        page = client.get(url, {"month": "2028-01"}).content.decode()
        assert 'rel="next"' not in page and 'rel="prev" href="?month=2027-12"' in page
        page = client.get(url, {"month": "2019-03"}).content.decode()
        assert '<option value="2019-03" selected>Tháng 3/2019</option>' in page
        assert 'rel="prev" href="?month=2019-02"' in page

    def test_province_needs_one_a_month(self, tree, official_a, administrator):
        reception.session_create(
            actor=administrator,
            unit=tree.province,
            date=D(2026, 11, 10),
            leader="Chủ tịch UBND tỉnh",
        )
        assert not reception.month_check(unit=tree.province, year=2026, month=11).short
        assert reception.month_check(unit=tree.province, year=2026, month=10).short


class TestReminders:
    def test_remind_is_idempotent(self, tree, official_a, notices_send):
        official_a.email = "canbo@example.vn"
        official_a.save()
        submit(tree.a, received_on=D(2026, 10, 1))
        out = io.StringIO()
        call_command("petitions", "remind", stdout=out)
        call_command("petitions", "remind", stdout=out)
        notices_send()
        assert "Đã nhắc 1 đơn thư" in out.getvalue() and "Đã nhắc 0 đơn thư" in out.getvalue()
        assert len(mail.outbox) == 1 and "QUÁ HẠN" in mail.outbox[0].body
        # A petition that falls due later the same day is still reminded of.
        submit(tree.a, received_on=D(2026, 10, 2))
        call_command("petitions", "remind", stdout=out)
        notices_send()
        assert len(mail.outbox) == 2 and "Đã nhắc 1 đơn thư" in out.getvalue().splitlines()[-1]
        # Through the outbox, like every notice (DESIGN.md, "Notices").
        assert all(
            k.startswith("petitions.remind:") for k in Notice.objects.values_list("key", flat=True)
        )


OPEN311 = "/open311/v2/requests.json"


def open311_post(client, unit, **extra):
    values = {
        "service_code": "roads",
        "jurisdiction_id": unit.code,
        "address_string": "Bản Nà Luông",
        "description": "Ổ gà lớn trước nhà văn hóa",
    }
    values.update(extra)
    return client.post(OPEN311, values)


class TestOpen311:
    def test_services(self, client, tree):
        services_list = client.get(
            "/open311/v2/services.json", {"jurisdiction_id": tree.a.code}
        ).json()
        assert {
            "service_code": "roads",
            "metadata": False,
            "type": "realtime",
        }.items() <= services_list[0].items()

    def test_post_and_get_requests(self, client, tree):
        created = open311_post(
            client,
            tree.a,
            lat="22.3964",
            long="103.4585",
            email="dan@example.vn",
            first_name="Lò",
            last_name="Văn Pọm",
        )
        assert created.status_code == 201
        code = created.json()[0]["service_request_id"]
        where = {"jurisdiction_id": tree.a.code}
        one = client.get(f"/open311/v2/requests/{code}.json", where).json()[0]
        assert one["status"] == "open" and one["service_code"] == "roads"
        assert one["lat"] == pytest.approx(22.3964)
        assert "dan@example.vn" not in json.dumps(one) and "Pọm" not in json.dumps(one)
        listed = client.get(OPEN311, {**where, "service_code": "roads"}).json()
        assert [r["service_request_id"] for r in listed] == [code]

    def test_every_datetime_is_in_vietnams_zone_w3c(self, client, tree, time_machine):
        # 20:30 UTC on 1 October is 03:30 on 2 October in Vietnam.
        time_machine.move_to(
            dt.datetime(2026, 10, 1, 20, 30, 15, 123456, tzinfo=dt.UTC), tick=False
        )
        code = open311_post(client, tree.a).json()[0]["service_request_id"]
        petition = Petition.objects.get(tracking_code=code)
        where = {"jurisdiction_id": tree.a.code}
        w3c = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
        for answer in (
            client.get(OPEN311, where).json()[0],
            client.get(OPEN311, {**where, "service_request_id": code}).json()[0],
            client.get(f"/open311/v2/requests/{code}.json", where).json()[0],
        ):
            times = [
                answer[k] for k in ("requested_datetime", "updated_datetime", "expected_datetime")
            ]
            assert all(w3c.match(t) for t in times), times
            assert answer["requested_datetime"] == "2026-10-02T03:30:15+07:00"
            assert dt.datetime.fromisoformat(
                answer["requested_datetime"]
            ) == petition.created_at.replace(microsecond=0)
            due = petition.next_due or petition.due_on
            assert answer["expected_datetime"] == f"{due.isoformat()}T17:00:00+07:00"
        # A start_date without an offset is read in the same zone.
        for start, found in (("2026-10-02T03:30:00", [code]), ("2026-10-02T03:31:00", [])):
            listed = client.get(OPEN311, {**where, "start_date": start}).json()
            assert [r["service_request_id"] for r in listed] == found, start

    def test_each_commune_lists_only_its_own(self, client, tree):
        mine = open311_post(client, tree.a).json()[0]["service_request_id"]
        theirs = open311_post(client, tree.b).json()[0]["service_request_id"]
        for unit, own, other in ((tree.a, mine, theirs), (tree.b, theirs, mine)):
            where = {"jurisdiction_id": unit.code}
            listed = [r["service_request_id"] for r in client.get(OPEN311, where).json()]
            assert listed == [own]
            assert client.get(f"/open311/v2/requests/{other}.json", where).status_code == 404
            by_id = client.get(OPEN311, {**where, "service_request_id": f"{own},{other}"})
            assert [r["service_request_id"] for r in by_id.json()] == [own]

    @pytest.mark.parametrize("jurisdiction", [None, "", "99999", "P-LC"])
    def test_every_call_needs_a_commune_it_knows(self, client, tree, jurisdiction):
        open311_post(client, tree.a)
        query = {} if jurisdiction is None else {"jurisdiction_id": jurisdiction}
        if jurisdiction == "P-LC":  # a province is not a jurisdiction for feedback
            query = {"jurisdiction_id": tree.province.code}
        for response in (
            client.get("/open311/v2/services.json", query),
            client.get(OPEN311, query),
            client.get("/open311/v2/requests/X.json", query),
            client.post(OPEN311, {**query, "service_code": "roads", "address_string": "x"}),
        ):
            assert response.status_code in (400, 404)
            error = response.json()
            assert error[0]["code"] == response.status_code and error[0]["description"]

    def test_errors_in_the_spec_format(self, client, tree):
        bad = open311_post(client, tree.a, service_code="nope")
        assert bad.status_code == 400
        assert bad.json() == [{"code": 400, "description": "service_code 'nope' not found"}]
        where = {"jurisdiction_id": tree.a.code}
        missing = client.get("/open311/v2/requests/NOPE.json", where)
        assert missing.status_code == 404 and missing.json()[0]["code"] == 404
        assert client.get(OPEN311, {**where, "service_code": "x"}).status_code == 400
        for start in ("2026-99-99T00:00:00Z", "yesterday", "0001-01-01T00:00:00", "9999-12-31"):
            response = client.get(OPEN311, {**where, "start_date": start})
            assert response.status_code in (200, 400), start
        for lat in ("NaN", "Infinity", "x", "91"):
            assert open311_post(client, tree.a, lat=lat, long="103").status_code == 400, lat

    def test_a_description_over_the_limit_is_refused_naming_it(self, client, tree, settings):
        settings.COSO_TEXT_MAX_CHARS = 2000
        response = open311_post(client, tree.a, description="x" * 2001)
        assert response.status_code == 400
        assert "2.001" in response.json()[0]["description"]
        assert "2.000" in response.json()[0]["description"]
        address = open311_post(client, tree.a, address_string="y" * 256)
        assert address.status_code == 400 and "255" in address.json()[0]["description"]
        assert not Petition.objects.exists()

    def test_the_21st_request_in_a_minute_from_one_address_is_refused(self, client, tree):
        for _ in range(20):
            assert open311_post(client, tree.a).status_code == 201
        refused = open311_post(client, tree.a)
        assert refused.status_code == 429
        assert refused.json()[0]["code"] == 429 and "quá nhiều" in refused.json()[0]["description"]
        assert Petition.objects.count() == 20
        other_address = client.post(
            OPEN311,
            {
                "service_code": "roads",
                "jurisdiction_id": tree.a.code,
                "address_string": "x",
                "description": "y",
            },
            REMOTE_ADDR="10.0.0.2",
        )
        assert other_address.status_code == 201

    def test_denunciations_and_complaints_are_never_exposed(self, client, tree):
        hidden = [
            submit(tree.a, Kind.DENUNCIATION, sender_name="A"),
            submit(tree.a, Kind.COMPLAINT),
        ]
        where = {"jurisdiction_id": tree.a.code}
        assert client.get(OPEN311, where).json() == []
        for p in hidden:
            url = f"/open311/v2/requests/{p.tracking_code}.json"
            assert client.get(url, where).status_code == 404


class TestAttachments:
    def test_a_file_that_fails_to_store_leaves_no_petition(self, tree, settings, tmp_path):
        from unittest import mock

        from django.core.files.storage import FileSystemStorage
        from django.core.files.uploadedfile import SimpleUploadedFile

        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path)},
            },
        }
        photo = SimpleUploadedFile("sat-lo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
        with (
            mock.patch.object(FileSystemStorage, "save", side_effect=OSError("disk full")),
            pytest.raises(OSError),
        ):
            submit(tree.a, files=[photo])
        assert not Petition.objects.exists() and not AuditEntry.objects.exists()
        assert not Notice.objects.exists()

    def test_files_reach_the_units_officials_only(
        self, client, tree, official_a, official_b, settings, tmp_path
    ):
        from django.core.files.uploadedfile import SimpleUploadedFile

        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path)},
            },
        }
        photo = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
        p = submit(tree.a, files=[SimpleUploadedFile("sat-lo.png", photo)])
        attachment = p.attachments.get()
        client.force_login(official_a)
        page = client.get(reverse("petitions:detail", args=[p.pk])).content.decode()
        assert "sat-lo.png" in page
        url = reverse("petitions:attachment", args=[attachment.pk])
        assert b"".join(client.get(url)) == photo
        client.force_login(official_b)
        assert client.get(url).status_code == 404
        with pytest.raises(DomainError, match="không được nhận"):
            submit(tree.a, files=[SimpleUploadedFile("x.exe", b"MZ")])
