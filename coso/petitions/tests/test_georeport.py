"""Open311 GeoReport v2 as its clients speak it: both formats compared with the
specification's own example documents (data/georeport, verbatim: see its README), the
discovery document, service definitions, `media_url`, `requested_datetime`, client
applications' api_key; then a GeoReport v2 client from PyPI (`georeport`) against a
live server, and the same client against the specification's examples served as they
are written."""

import datetime as dt
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.urls import reverse
from georeport import GeoReport

from coso.core.models import AuditEntry
from coso.petitions import open311, services
from coso.petitions.models import Kind, Open311Client, Petition
from coso.petitions.tests.test_petitions import open311_post, submit

# The example documents of http://wiki.open311.org/GeoReport_v2 and
# http://wiki.open311.org/Service_Discovery, copied verbatim (data/georeport/README.md).
SPEC = Path(__file__).parent / "data" / "georeport"
V2 = "/open311/v2"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
# The specification's JSON writes codes with leading zeros as numbers ("service_code":001),
# which no JSON parser accepts: read them as the strings their XML twins are.
LEADING_ZERO = re.compile(r'(":)(0\d+)(?=\s*[,\n}])')


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


def spec_json_text(name: str) -> str:
    return LEADING_ZERO.sub(r'\1"\2"', (SPEC / f"{name}.json").read_text())


def spec_json(name: str):
    return json.loads(spec_json_text(name))


def xml(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def keys(items) -> set[tuple[str, ...]]:
    return {tuple(sorted(item)) for item in items}


def spark_agrees(element: ET.Element, item: dict) -> None:
    """A request's XML and JSON say the same by the Spark convention: an empty element
    is null, any other text the JSON value written out (the specification's own
    examples differ only by a space at the end of a media_url)."""
    assert names(element) == sorted(item)
    for child in element:
        value = item[child.tag]
        if not (child.text or "").strip():
            assert value is None, (child.tag, value)
        else:
            assert str(value).strip() == child.text.strip(), child.tag


class TestTheSpecificationsExamples:
    def test_the_examples_are_the_specifications_own(self):
        """A check on the copies: both formats of each example say the same thing."""
        for name in ("requests", "request"):
            for element, item in zip(spec_xml(name), spec_json(name), strict=True):
                spark_agrees(element, item)
        assert len(spec_json("services")) == len(spec_xml("services")) == 3
        assert spec_json("discovery")["endpoints"][2]["url"] == "http://open311.mycity.gov/v3"

    def test_services(self, client, tree):
        where = {"jurisdiction_id": tree.a.code}
        ours = xml(client.get(f"{V2}/services.xml", where))
        assert shape(ours) == shape(spec_xml("services"))
        listed = client.get(f"{V2}/services.json", where).json()
        assert keys(listed) == keys(spec_json("services"))

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
        assert keys(as_json) == keys(spec_json("post_response"))
        # As the example: no notice, no account — null in JSON, as <account_id/> in XML.
        assert as_json[0]["account_id"] is None and as_json[0]["service_notice"] is None

    def test_requests_one_and_many(self, client, tree, media):
        code = submit(tree.a, files=[SimpleUploadedFile("o-ga.png", PNG)]).tracking_code
        open311_post(client, tree.a)
        where = {"jurisdiction_id": tree.a.code}
        for url, name in (
            (f"{V2}/requests.xml", "requests"),
            (f"{V2}/requests/{code}.xml", "request"),
        ):
            assert shape(xml(client.get(url, where))) == shape(spec_xml(name)), url
        for url, name in (
            (f"{V2}/requests.json", "requests"),
            (f"{V2}/requests/{code}.json", "request"),
        ):
            assert keys(client.get(url, where).json()) == keys(spec_json(name)), url

    def test_a_request_says_the_same_in_both_formats(self, client, tree, media):
        """Empty in XML is null in JSON, as in the specification's examples (an open
        request without notes: <status_notes></status_notes>, "status_notes":null)."""
        submit(tree.a, files=[SimpleUploadedFile("o-ga.png", PNG)])
        open311_post(client, tree.a)
        where = {"jurisdiction_id": tree.a.code}
        in_xml = xml(client.get(f"{V2}/requests.xml", where))
        in_json = client.get(f"{V2}/requests.json", where).json()
        assert len(in_json) == 2
        for element, item in zip(in_xml, in_json, strict=True):
            spark_agrees(element, item)
        assert {item["status_notes"] for item in in_json} == {None}

    @pytest.mark.parametrize("jurisdiction", ["", "99999"])
    def test_errors(self, client, tree, jurisdiction):
        for url in ("services", "requests", "requests/X", "services/roads"):
            answer = client.get(f"{V2}/{url}.xml", {"jurisdiction_id": jurisdiction})
            assert answer.status_code == (400 if jurisdiction == "" else 404)
            ours = xml(answer)
            assert shape(ours) == shape(spec_xml("errors"))
            assert ours.findtext("error/code") == str(answer.status_code)
            as_json = client.get(f"{V2}/{url}.json", {"jurisdiction_id": jurisdiction}).json()
            assert keys(as_json) == keys(spec_json("errors"))

    def test_discovery(self, client, db):
        ours = xml(client.get("/open311/discovery.xml"))
        assert shape(ours) == shape(spec_xml("discovery"))
        assert [f.text for f in ours.iter("format")] == ["text/xml", "application/json"]
        document = client.get("/open311/discovery.json").json()
        assert sorted(document) == sorted(spec_json("discovery"))
        assert keys(document["endpoints"]) == keys(spec_json("discovery")["endpoints"])
        assert document["endpoints"][0]["url"] == "http://testserver/open311/v2/"
        assert document["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"


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
        assert answers[without.tracking_code]["media_url"] is None  # empty: null
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

    def test_a_post_with_a_key_names_its_client_to_the_handler(
        self, client, tree, administrator, official_a
    ):
        """The petition a client posted with its key records that client: the handler
        sees it as the channel's source, the petition's audit entry keeps it; an
        anonymous post names none."""
        key = issue(client, administrator)
        registered = Open311Client.objects.get()
        posted = open311_post(client, tree.a, api_key=key).json()[0]["service_request_id"]
        anonymous = open311_post(client, tree.a).json()[0]["service_request_id"]
        mine = Petition.objects.get(tracking_code=posted)
        assert mine.open311_client == registered
        assert Petition.objects.get(tracking_code=anonymous).open311_client is None
        created = AuditEntry.objects.get(
            model="petitions.petition", action="create", object_pk=str(mine.pk)
        )
        assert created.changes["open311_client_id"] == [None, registered.pk]
        client.force_login(official_a)
        page = client.get(reverse("petitions:detail", args=[mine.pk])).content.decode()
        assert '<span id="open311-client">Qua ứng dụng: Ứng dụng Phố Xanh</span>' in page
        other = Petition.objects.get(tracking_code=anonymous)
        page = client.get(reverse("petitions:detail", args=[other.pk])).content.decode()
        assert "open311-client" not in page
        with pytest.raises(ProtectedError):  # revoked, never deleted, while it names one
            registered.delete()

    def test_only_an_administrator_issues_keys(self, client, tree, official_a):
        client.force_login(official_a)
        add = client.get(reverse("admin:petitions_open311client_add"))
        assert add.status_code in (302, 403)
        client.post(reverse("admin:petitions_open311client_add"), {"name": "Lậu"})
        assert not Open311Client.objects.exists()


def post_live(root: str, fmt: str, **fields: str) -> requests.Response:
    """A request posted over HTTP as the specification says a client posts (form fields)."""
    data = {"service_code": "roads", "address_string": "Bản Nà Luông", **fields}
    return requests.post(f"{root}/requests.{fmt}", data=data, timeout=10)


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
        posted = post_live(root, fmt, jurisdiction_id=tree.a.code, api_key=key, description="Ổ gà")
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


class Examples(BaseHTTPRequestHandler):
    """A GeoReport v2 endpoint that answers with the specification's example documents
    (its jurisdiction, as in the specification's sample URLs: city.gov). The JSON is
    served with its leading-zero codes quoted (LEADING_ZERO): as written, no client
    could parse it."""

    DOCUMENTS = {
        "services": "services",
        "services/*": "service_definition",
        "requests": "requests",
        "requests/*": "request",
    }

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        address = urlsplit(self.path)
        path, fmt = address.path.removeprefix("/v2/").rsplit(".", 1)
        resource = path if "/" not in path else path.split("/")[0] + "/*"
        known = parse_qs(address.query).get("jurisdiction_id") == ["city.gov"]
        name = self.DOCUMENTS[resource] if known else "errors"
        body = (
            (SPEC / f"{name}.xml").read_bytes() if fmt == "xml" else spec_json_text(name).encode()
        )
        self.send_response(200 if known else 404)
        self.send_header("Content-Type", "text/xml" if fmt == "xml" else "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def examples():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Examples)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v2"
    server.shutdown()
    server.server_close()


def what_it_reads(georeport: GeoReport, service: str, request_id: str) -> dict:
    """What the client makes of each call: the names of the fields it returns."""
    return {
        "services": keys(georeport.get_service_list()),
        "definition": sorted(georeport.get_service_definition(service)),
        "requests": keys(georeport.get_service_requests()),
        "request": sorted(georeport.get_service_request(request_id)),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestTheClientReadsCosoAsTheExamples:
    """The client from the package index, pointed at the specification's examples and
    at Coso, reads the same fields from both, in each format; both refuse an unknown
    jurisdiction with 404."""

    @pytest.mark.parametrize("fmt", ["json", "xml"])
    def test_same_fields(self, live_server, tree, examples, fmt):
        mine = submit(tree.a).tracking_code
        submit(tree.a)
        spec = GeoReport(examples, jurisdiction="city.gov", output_format=fmt)
        ours = GeoReport(f"{live_server.url}{V2}", jurisdiction=tree.a.code, output_format=fmt)
        assert what_it_reads(ours, "roads", mine) == what_it_reads(spec, "DMV66", "638344")
        for root in (examples, f"{live_server.url}{V2}"):
            unknown = GeoReport(root, jurisdiction="99999", output_format=fmt)
            with pytest.raises(requests.HTTPError) as refused:
                unknown.get_service_requests()
            assert refused.value.response.status_code == 404
