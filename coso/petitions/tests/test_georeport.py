"""Open311 GeoReport v2 as its clients speak it: both formats compared with the
specification's own example documents (tests/data/georeport), the discovery document,
service definitions, `media_url`, `requested_datetime`, client applications' api_key;
then a GeoReport v2 client from PyPI (`georeport`) against a live server."""

import datetime as dt
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from georeport import GeoReport

from coso.core.models import AuditEntry
from coso.petitions import open311, services
from coso.petitions.models import Kind, Open311Client, Petition
from coso.petitions.tests.test_petitions import open311_post, submit

SPEC = Path(__file__).parent / "data" / "georeport"
V2 = "/open311/v2"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def shape(element: ET.Element) -> dict:
    """An element's names and structure, without its text: {tag: [children's shapes]},
    the repeated items of a list counted once."""
    children: list = []
    for child in element:
        if shape(child) not in children:
            children.append(shape(child))
    return {element.tag: sorted(children, key=json.dumps)}


def names(element: ET.Element) -> list[str]:
    return sorted(child.tag for child in element)


def spec_xml(name: str) -> ET.Element:
    return ET.fromstring((SPEC / f"{name}.xml").read_bytes())


def spec_json(name: str):
    return json.loads((SPEC / f"{name}.json").read_text())


def xml(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    return ET.fromstring(response.content)


class TestTheSpecificationsExamples:
    def test_services(self, client, tree):
        where = {"jurisdiction_id": tree.a.code}
        ours = xml(client.get(f"{V2}/services.xml", where))
        assert shape(ours) == shape(spec_xml("services"))
        listed = client.get(f"{V2}/services.json", where).json()
        assert {tuple(sorted(s)) for s in listed} == {tuple(sorted(spec_json("services")[0]))}

    def test_service_definition(self, client, tree):
        where = {"jurisdiction_id": tree.a.code}
        ours = xml(client.get(f"{V2}/services/roads.xml", where))
        spec = spec_xml("service_definition")
        assert ours.tag == spec.tag and names(ours) == names(spec)
        assert ours.findtext("service_code") == "roads" and list(ours.find("attributes")) == []
        definition = client.get(f"{V2}/services/roads.json", where).json()
        assert sorted(definition) == sorted(spec_json("service_definition"))
        assert definition == {"service_code": "roads", "attributes": []}
        missing = client.get(f"{V2}/services/nope.xml", where)
        assert missing.status_code == 404 and shape(xml(missing)) == shape(spec_xml("errors"))

    def test_post_response(self, client, tree):
        where = {
            "jurisdiction_id": tree.a.code,
            "service_code": "roads",
            "address_string": "x",
            "description": "Ổ gà",
        }
        created = client.post(f"{V2}/requests.xml", where)
        assert created.status_code == 201
        assert shape(xml(created)) == shape(spec_xml("post_response"))
        as_json = client.post(f"{V2}/requests.json", where).json()
        assert [sorted(r) for r in as_json] == [sorted(spec_json("post_response")[0])]

    def test_requests_one_and_many(self, client, tree, media):
        code = submit(tree.a, files=[SimpleUploadedFile("o-ga.png", PNG)]).tracking_code
        open311_post(client, tree.a)
        where = {"jurisdiction_id": tree.a.code}
        spec = spec_xml("requests")
        for url in (f"{V2}/requests.xml", f"{V2}/requests/{code}.xml"):
            ours = xml(client.get(url, where))
            assert shape(ours) == shape(spec), url
        keys = sorted(spec_json("requests")[0])
        for url in (f"{V2}/requests.json", f"{V2}/requests/{code}.json"):
            assert {tuple(sorted(r)) for r in client.get(url, where).json()} == {tuple(keys)}

    @pytest.mark.parametrize("jurisdiction", ["", "99999"])
    def test_errors(self, client, tree, jurisdiction):
        for url in ("services", "requests", "requests/X", "services/roads"):
            answer = client.get(f"{V2}/{url}.xml", {"jurisdiction_id": jurisdiction})
            assert answer.status_code in (400, 404)
            ours = xml(answer)
            assert shape(ours) == shape(spec_xml("errors"))
            assert ours.findtext("error/code") == str(answer.status_code)
            as_json = client.get(f"{V2}/{url}.json", {"jurisdiction_id": jurisdiction}).json()
            assert [sorted(e) for e in as_json] == [sorted(spec_json("errors")[0])]

    def test_discovery(self, client, db):
        ours = xml(client.get("/open311/discovery.xml"))
        assert shape(ours) == shape(spec_xml("discovery"))
        assert [f.text for f in ours.iter("format")] == ["text/xml", "application/json"]
        endpoint = client.get("/open311/discovery.json").json()["endpoints"][0]
        assert endpoint["url"] == "http://testserver/open311/v2/"
        assert sorted(client.get("/open311/discovery.json").json()) == sorted(
            spec_json("discovery")
        )


class TestWhatARequestSays:
    def test_requested_datetime_is_when_it_was_received(self, client, tree):
        late = submit(tree.a, received_on=dt.date(2026, 11, 20))
        today = open311_post(client, tree.a).json()[0]["service_request_id"]
        where = {"jurisdiction_id": tree.a.code}
        answers = {
            r["service_request_id"]: r for r in client.get(f"{V2}/requests.json", where).json()
        }
        assert answers[late.tracking_code]["requested_datetime"] == "2026-11-20T00:00:00+07:00"
        assert answers[today]["requested_datetime"] == "2026-11-23T10:00:00+07:00"

    def test_media_url_serves_the_photo(self, client, tree, media):
        p = submit(tree.a, files=[SimpleUploadedFile("o-ga.png", PNG)])
        without = submit(tree.a, files=[SimpleUploadedFile("don.pdf", b"%PDF-1.4\n%%EOF\n")])
        where = {"jurisdiction_id": tree.a.code}
        answers = {
            r["service_request_id"]: r for r in client.get(f"{V2}/requests.json", where).json()
        }
        assert answers[without.tracking_code]["media_url"] == ""
        url = answers[p.tracking_code]["media_url"]
        assert url.startswith("http://testserver/open311/v2/media/")
        assert b"".join(client.get(url)) == PNG
        assert client.get(url + "x").status_code == 404

    def test_media_url_never_opens_a_complaints_file(self, client, tree, media):
        """An attack: a signed address for the photo of a complaint, or of a PDF, is
        refused; only feedback photos, which Open311 lists, are served."""
        complaint = submit(tree.a, Kind.COMPLAINT, files=[SimpleUploadedFile("a.png", PNG)])
        pdf = submit(tree.a, files=[SimpleUploadedFile("d.pdf", b"%PDF-1.4\n%%EOF\n")])
        for petition in (complaint, pdf):
            token = open311.media_token(petition.attachments.get())
            answer = client.get(reverse("petitions:open311_media", args=[token]))
            assert answer.status_code == 404

    def test_a_list_runs_a_fixed_number_of_queries(
        self, client, tree, media, django_assert_num_queries
    ):
        where = {"jurisdiction_id": tree.a.code}
        for n in (1, 6):
            while Petition.objects.count() < n:
                submit(tree.a, files=[SimpleUploadedFile("o-ga.png", PNG)])
            # The commune, the requests, their photos, the catalogue's revision.
            with django_assert_num_queries(4):
                assert len(client.get(f"{V2}/requests.xml", where).content) > 0


def issue(client, administrator, name="Ứng dụng Phố Xanh") -> str:
    """An administrator registers a client through the admin; its key, shown once."""
    client.force_login(administrator)
    added = client.post(
        reverse("admin:petitions_open311client_add"),
        {"name": name, "contact": "a@b.vn"},
        follow=True,
    )
    client.logout()
    [key] = [str(m).rsplit(" ", 1)[-1] for m in added.context["messages"] if "open311_" in str(m)]
    return key


class TestClientApplications:
    def test_issued_by_an_administrator_shown_once_stored_hashed_audited(
        self, client, tree, administrator
    ):
        key = issue(client, administrator)
        registered = Open311Client.objects.get()
        assert key.startswith(f"open311_{registered.prefix}_")
        assert key.rsplit("_", 1)[-1] not in registered.key_hash
        assert AuditEntry.objects.filter(model="petitions.open311client").exists()
        client.force_login(administrator)
        listing = client.get(reverse("admin:petitions_open311client_changelist"))
        assert listing.status_code == 200 and key not in listing.content.decode()

    def test_a_key_posts_at_its_own_higher_rate(self, client, tree, administrator, settings):
        settings.COSO_RATE_LIMITS = {
            **settings.COSO_RATE_LIMITS,
            "open311": "2/m",
            "open311_client": "5/m",
        }
        key = issue(client, administrator)
        for _ in range(2):
            assert open311_post(client, tree.a).status_code == 201
        assert open311_post(client, tree.a).status_code == 429
        for _ in range(5):
            assert open311_post(client, tree.a, api_key=key).status_code == 201
        refused = open311_post(client, tree.a, api_key=key)
        assert refused.status_code == 429 and refused.json()[0]["code"] == 429
        posted = AuditEntry.objects.filter(model="petitions.open311client", action="update")
        assert posted.count() == 5

    def test_a_wrong_or_revoked_key_is_refused(self, client, tree, administrator):
        """An attack: a made-up key, a key with its secret changed, a revoked key."""
        key = issue(client, administrator)
        assert open311_post(client, tree.a, api_key=key).status_code == 201
        for wrong in ("open311_abc_def", key[:-1] + ("A" if key[-1] != "A" else "B"), "x"):
            refused = open311_post(client, tree.a, api_key=wrong)
            assert refused.status_code == 403 and refused.json()[0]["code"] == 403, wrong
        client.force_login(administrator)
        changelist = reverse("admin:petitions_open311client_changelist")
        registered = Open311Client.objects.get()
        client.post(changelist, {"action": "revoke", "_selected_action": [registered.pk]})
        client.logout()
        assert Open311Client.objects.get().revoked_at is not None
        assert open311_post(client, tree.a, api_key=key).status_code == 403
        assert Petition.objects.count() == 1

    def test_only_an_administrator_issues_keys(self, client, tree, official_a):
        client.force_login(official_a)
        add = client.get(reverse("admin:petitions_open311client_add"))
        assert add.status_code in (302, 403)
        client.post(reverse("admin:petitions_open311client_add"), {"name": "Lậu"})
        assert not Open311Client.objects.exists()


# The catalogue of topics is written by a migration: kept across the flushes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestAClientFromThePackageIndex:
    """`georeport` from PyPI, in JSON and XML mode, against a live server. It has no
    post: a post is made as its documentation says a client does (form fields)."""

    @pytest.mark.parametrize("fmt", ["json", "xml"])
    def test_lists_reads_and_posts(self, live_server, tree, administrator, fmt):
        _client, key = services.open311_client_issue(actor=administrator, name="Phố Xanh")
        theirs = submit(tree.b).tracking_code
        root = f"{live_server.url}{V2}"
        posted = requests.post(
            f"{root}/requests.{fmt}",
            data={
                "jurisdiction_id": tree.a.code,
                "service_code": "roads",
                "address_string": "Bản Nà Luông",
                "description": "Ổ gà",
                "api_key": key,
            },
            timeout=10,
        )
        assert posted.status_code == 201
        if fmt == "json":
            mine = posted.json()[0]["service_request_id"]
        else:
            mine = ET.fromstring(posted.content).findtext("request/service_request_id")
        other = submit(tree.a).tracking_code
        georeport = GeoReport(root, jurisdiction=tree.a.code, api_key=key, output_format=fmt)
        offered = georeport.get_service_list()
        assert "roads" in [s["service_code"] for s in offered]
        assert georeport.get_service_definition("roads")["service_code"] == "roads"
        listed = georeport.get_service_requests()
        assert {r["service_request_id"] for r in listed} == {mine, other}
        assert theirs not in json.dumps(listed)
        one = georeport.get_service_request(mine)
        assert one["service_request_id"] == mine and one["description"] == "Ổ gà"
        several = georeport.get_service_requests(service_request_id=f"{mine},{other},{theirs}")
        assert {r["service_request_id"] for r in several} == {mine, other}
        unknown = GeoReport(root, jurisdiction="99999", output_format=fmt)
        with pytest.raises(requests.HTTPError) as refused:
            unknown.get_service_list()
        assert refused.value.response.status_code == 404
