import datetime as dt
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.disclosures import selectors
from coso.disclosures.models import Attachment, Disclosure
from coso.disclosures.services import (
    DisclosureData,
    disclosure_amend,
    disclosure_publish,
    disclosure_take_down,
)
from coso.units.tests.factories import commune

D = dt.date
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), tick=False)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def publish(official, unit, category="1", **kw):
    values = {
        "title": "Kế hoạch phát triển kinh tế - xã hội năm 2027",
        "body": "Toàn văn kế hoạch",
        "channels": ["notice_board", "loudspeaker"],
        "posted_on": D(2026, 11, 2),
    }
    values.update(kw)
    return disclosure_publish(
        actor=official, unit=unit, data=DisclosureData(category=category, **values)
    )


class TestPublish:
    def test_dates_come_from_the_rules_in_force(self, tree, official_a):
        d = publish(official_a, tree.a, decided_on=D(2026, 10, 20))
        assert d.keep_until == D(2026, 12, 2)  # 30 consecutive days after 2/11
        assert d.due_by == D(2026, 10, 27)  # 5 working days after Tue 20/10
        assert d.is_late and not d.is_permanent
        assert AuditEntry.objects.filter(model="disclosures.disclosure", action="create").exists()

    def test_permanent_items_have_no_end(self, tree, official_a):
        d = publish(official_a, tree.a, category="13", title="Thủ tục hành chính")
        assert d.is_permanent and d.keep_until is None

    @pytest.mark.parametrize(
        "changes, field",
        [
            ({"category": "99"}, "category"),
            ({"title": "  "}, "title"),
            ({"channels": []}, "channels"),
            ({"channels": ["pigeon"]}, "channels"),
            ({"posted_on": D(2026, 12, 1)}, "posted_on"),
            ({"decided_on": D(2026, 11, 5)}, "decided_on"),
        ],
    )
    def test_validation(self, tree, official_a, changes, field):
        category = changes.pop("category", "1")
        with pytest.raises(DomainError) as error:
            publish(official_a, tree.a, category=category, **changes)
        assert error.value.field == field
        assert not Disclosure.objects.exists()

    def test_only_editors_of_the_unit_publish(
        self, tree, official_b, village_head, province_viewer
    ):
        for actor in (official_b, village_head, province_viewer):
            with pytest.raises(DomainError):
                publish(actor, tree.a)

    def test_villages_have_no_catalogue(self, tree, official_a):
        with pytest.raises(DomainError, match="danh mục"):
            publish(official_a, tree.village_a)


class TestUploads:
    def test_good_files_are_stored(self, tree, official_a):
        d = publish(
            official_a,
            tree.a,
            files=[SimpleUploadedFile("ke-hoach.pdf", PDF)],
            evidence=[SimpleUploadedFile("bang-tin.png", PNG)],
        )
        kinds = sorted(d.attachments.values_list("kind", "content_type"))
        assert kinds == [("document", "application/pdf"), ("evidence", "image/png")]

    @pytest.mark.parametrize(
        "upload, message",
        [
            (SimpleUploadedFile("virus.exe", b"MZ..."), "chỉ nhận các loại"),
            (SimpleUploadedFile("gia.pdf", b"<html>not a pdf</html>"), "không đúng định dạng pdf"),
            (SimpleUploadedFile("lon.pdf", PDF + b"0" * 2048), "quá lớn"),
        ],
    )
    def test_bad_files_are_refused_and_nothing_is_stored(
        self, tree, official_a, settings, upload, message
    ):
        settings.COSO_UPLOAD_MAX_BYTES = 1024
        with pytest.raises(DomainError, match=message):
            publish(official_a, tree.a, files=[upload])
        assert not Disclosure.objects.exists() and not Attachment.objects.exists()
        media = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
        assert not media.exists() or not any(media.rglob("*.*"))

    def test_a_file_that_fails_to_store_leaves_no_row(self, tree, official_a):
        """The disk is full (or the shared storage down) at the second file: the
        disclosure and its first attachment are not kept either."""
        save = FileSystemStorage.save
        calls = []

        def fail_second(storage, name, content, **kw):
            calls.append(name)
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
            return save(storage, name, content, **kw)

        with mock.patch.object(FileSystemStorage, "save", fail_second), pytest.raises(OSError):
            publish(
                official_a,
                tree.a,
                files=[SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)],
            )
        assert len(calls) == 2
        assert not Disclosure.objects.exists() and not Attachment.objects.exists()
        assert not AuditEntry.objects.filter(model="disclosures.disclosure").exists()

    def test_evidence_must_be_a_photo(self, tree, official_a):
        with pytest.raises(DomainError):
            publish(official_a, tree.a, evidence=[SimpleUploadedFile("a.pdf", PDF)])

    def test_refused_in_the_form_with_a_vietnamese_message(self, client, tree, official_a):
        client.force_login(official_a)
        response = client.post(
            reverse("disclosures:publish", args=[tree.a.code]),
            {
                "category": "1",
                "title": "Kế hoạch",
                "channels": ["notice_board"],
                "posted_on": "2026-11-20",
                "documents": SimpleUploadedFile("x.exe", b"MZ"),
            },
        )
        assert response.status_code == 200
        assert "không được nhận" in response.content.decode()
        assert not Disclosure.objects.exists()


class TestAmendAndTakeDown:
    def test_amend_keeps_history(self, tree, official_a):
        first = publish(official_a, tree.a, files=[SimpleUploadedFile("a.pdf", PDF)])
        second = disclosure_amend(
            actor=official_a,
            disclosure=first,
            title="Kế hoạch (sửa)",
            body="Bản sửa",
            channels=["website"],
        )
        history = list(selectors.disclosure_history(disclosure=second))
        assert [v.version for v in history] == [2, 1]
        assert history[1].title == "Kế hoạch phát triển kinh tế - xã hội năm 2027"
        assert second.series == history[1].series and second.attachments.count() == 1
        assert (
            selectors.disclosure_visible_get(user=None, series=str(second.series)).pk == second.pk
        )
        with pytest.raises(DomainError):
            disclosure_amend(
                actor=official_a,
                disclosure=Disclosure.objects.get(version=1),
                title="x",
                body="",
                channels=["website"],
            )

    def test_early_take_down_needs_a_reason_and_is_flagged(self, tree, official_a):
        d = publish(official_a, tree.a)
        with pytest.raises(DomainError, match="lý do"):
            disclosure_take_down(actor=official_a, disclosure=d, on=D(2026, 11, 20))
        d = disclosure_take_down(
            actor=official_a, disclosure=d, on=D(2026, 11, 20), reason="Văn bản bị thay thế"
        )
        assert d.taken_down_early

    def test_take_down_after_the_period_is_not_flagged(self, tree, official_a):
        d = publish(official_a, tree.a, posted_on=D(2026, 10, 1))
        d = disclosure_take_down(actor=official_a, disclosure=d, on=D(2026, 11, 20))
        assert not d.taken_down_early


class TestCompliance:
    def test_unit_report(self, tree, official_a):
        publish(official_a, tree.a, category="1")
        late = publish(official_a, tree.a, category="2", decided_on=D(2026, 9, 1))
        early = publish(official_a, tree.a, category="3")
        disclosure_take_down(actor=official_a, disclosure=early, on=D(2026, 11, 10), reason="Lỗi")
        report = selectors.unit_compliance(unit=tree.a, start=D(2026, 1, 1), end=D(2026, 11, 23))
        assert [i["key"] for i in report.covered] == ["1", "2", "3"]
        assert "14" not in [i["key"] for i in report.missing + report.covered]
        assert len(report.missing) == 10
        assert report.late == [late] and [d.pk for d in report.early] == [early.pk]

    def test_province_ranking_is_one_query(self, tree, official_a, django_assert_num_queries):
        for i in range(12):
            commune(tree.province, f"Xã Thêm {i}")
        publish(official_a, tree.a, category="1")
        publish(official_a, tree.a, category="2")
        with django_assert_num_queries(2):  # the catalogue rule, the ranking
            ranked = selectors.communes_compliance(
                province=tree.province, start=D(2026, 1, 1), end=D(2026, 12, 31)
            )
        assert len(ranked) == 14 and ranked[0] == tree.a and ranked[0].covered == 2
        assert ranked[0].missing == 11

    def test_compliance_pages(self, client, tree, official_a, province_viewer):
        publish(official_a, tree.a, category="1")
        client.force_login(official_a)
        page = client.get(reverse("disclosures:compliance", args=[tree.a.code])).content.decode()
        assert "Dự toán, tình hình thực hiện" in page and "Đã công khai 1/13" in page
        client.force_login(province_viewer)
        page = client.get(reverse("disclosures:compliance", args=[tree.province.code]))
        assert page.context["communes"][0] == tree.a
        assert client.get(reverse("disclosures:compliance", args=["nope"])).status_code == 404


class TestPortal:
    def test_public_list_search_ignores_diacritics(self, client, tree, official_a):
        publish(official_a, tree.a, title="Quyết toán ngân sách xã năm 2025", category="2")
        publish(official_a, tree.a, title="Thủ tục hành chính", category="13")
        url = reverse("disclosures:public_list", args=[tree.a.code])
        for query in ("quyet toan", "QUYẾT TOÁN", "Quyết toán"):
            items = client.get(url, {"q": query}).context["page"].items
            assert [d.title for d in items] == ["Quyết toán ngân sách xã năm 2025"]
        assert len(client.get(url, {"category": "13"}).context["page"].items) == 1

    def test_public_list_runs_fixed_queries(
        self, client, tree, official_a, django_assert_num_queries
    ):
        for i in range(15):
            publish(official_a, tree.a, title=f"Nội dung {i}")
        url = reverse("disclosures:public_list", args=[tree.a.code])
        with django_assert_num_queries(4):  # unit, ancestors, catalogue rule, page
            response = client.get(url)
        assert len(response.context["page"].items) == 15

    def test_commune_page_shows_latest_disclosures(self, client, tree, official_a):
        publish(official_a, tree.a, title="Quyết toán ngân sách xã năm 2025", category="2")
        page = client.get(reverse("portal:unit", args=[tree.a.code])).content.decode()
        assert "Quyết toán ngân sách xã năm 2025" in page

    def test_stable_url_feed_and_files(self, client, tree, official_a):
        d = publish(official_a, tree.a, files=[SimpleUploadedFile("a.pdf", PDF)])
        page = client.get(reverse("disclosures:public_detail", args=[d.series]))
        assert page.status_code == 200 and d.title in page.content.decode()
        assert "Niêm yết tại trụ sở" in page.content.decode()
        feed = client.get(reverse("disclosures:feed", args=[tree.a.code]))
        assert feed["Content-Type"].startswith("application/atom+xml")
        assert d.title in feed.content.decode()
        attachment = d.attachments.get()
        body = b"".join(client.get(reverse("disclosures:attachment", args=[attachment.pk])))
        assert body == PDF

    def test_taken_down_is_gone_from_every_public_path(self, client, tree, official_a):
        d = publish(
            official_a,
            tree.a,
            posted_on=D(2026, 10, 1),
            title="Danh sách hộ nghèo năm 2026",
            files=[SimpleUploadedFile("ds.pdf", PDF)],
        )
        attachment = d.attachments.get()
        paths = {
            "page": reverse("disclosures:public_detail", args=[d.series]),
            "api": f"/api/disclosures/{d.series}",
            "file": reverse("disclosures:attachment", args=[attachment.pk]),
        }
        lists = {
            "list": reverse("disclosures:public_list", args=[tree.a.code]),
            "search": reverse("disclosures:public_list", args=[tree.a.code]) + "?q=ho ngheo",
            "feed": reverse("disclosures:feed", args=[tree.a.code]),
            "commune page": reverse("portal:unit", args=[tree.a.code]),
            "api list": f"/api/disclosures?unit={tree.a.code}",
            "api search": f"/api/disclosures?unit={tree.a.code}&q=ho ngheo",
        }

        def shows(text: str) -> bool:  # the API escapes Vietnamese; its series does not
            return d.title in text or str(d.series) in text

        for name, url in {**paths, **lists}.items():
            response = client.get(url)
            assert response.status_code == 200, name
            if name in lists:
                assert shows(response.content.decode()), name
        disclosure_take_down(actor=official_a, disclosure=d, reason="Đã hết thời hạn")
        for name, url in paths.items():
            assert client.get(url).status_code == 404, name
        for name, url in lists.items():
            assert not shows(client.get(url).content.decode()), name
        # The unit's officials still see it, with its history.
        client.force_login(official_a)
        for name, url in paths.items():
            assert client.get(url).status_code == 200, name
        assert client.get(f"/api/disclosures/{d.series}").json()["taken_down_on"] == "2026-11-23"
        official_list = client.get(reverse("disclosures:official_list", args=[tree.a.code]))
        assert d.title in official_list.content.decode()

    @pytest.mark.parametrize("bad", ["0", "not-a-uuid", "00000000-0000-0000-0000-000000000000"])
    def test_malformed_or_unknown_ids_are_not_errors(self, client, tree, official_a, bad):
        client.force_login(official_a)
        detail = client.get(f"/api/disclosures/{bad}")
        assert detail.status_code in (404, 422) and "detail" in detail.json()
        take_down = client.post(
            f"/api/disclosures/{bad}/take-down", {}, content_type="application/json"
        )
        assert take_down.status_code in (404, 422) and "detail" in take_down.json()


class TestApi:
    def test_public_read_and_scoped_write(self, client, tree, official_a, official_b):
        client.force_login(official_a)
        created = client.post(
            "/api/disclosures",
            {
                "unit": tree.a.code,
                "category": "5",
                "title": "Các khoản đóng góp",
                "channels": ["notice_board"],
                "posted_on": "2026-11-20",
            },
            content_type="application/json",
        )
        assert created.status_code == 201, created.content
        series = created.json()["series"]
        client.logout()
        listed = client.get("/api/disclosures", {"unit": tree.a.code, "q": "dong gop"}).json()
        assert [d["series"] for d in listed["items"]] == [series]
        client.force_login(official_b)
        other = client.post(
            "/api/disclosures",
            {"unit": tree.a.code, "category": "5", "title": "x", "channels": ["notice_board"]},
            content_type="application/json",
        )
        assert other.status_code == 404
        assert (
            client.post(
                f"/api/disclosures/{series}/take-down", {}, content_type="application/json"
            ).status_code
            == 404
        )

    def test_validation_error_is_json(self, client, tree, official_a):
        client.force_login(official_a)
        response = client.post(
            "/api/disclosures",
            {"unit": tree.a.code, "category": "99", "title": "x", "channels": ["notice_board"]},
            content_type="application/json",
        )
        assert response.status_code == 400 and response.json()["field"] == "category"

    def test_early_take_down_by_api_needs_reason(self, client, tree, official_a):
        d = publish(official_a, tree.a)
        client.force_login(official_a)
        url = f"/api/disclosures/{d.series}/take-down"
        response = client.post(url, {}, content_type="application/json")
        assert response.status_code == 400 and response.json()["field"] == "takedown_reason"
        done = client.post(url, {"reason": "Thay thế"}, content_type="application/json").json()
        assert done["taken_down_early"] is True
