"""Petitions name their topic from the catalogue (coso.concerns), which is also the list
of Open311 services; and a petition says how many people signed it."""

import datetime as dt

import pytest
from django.urls import reverse

from coso.concerns import topics
from coso.concerns.topics import TopicData
from coso.core.errors import DomainError
from coso.petitions import reception, services
from coso.petitions.models import Kind, Petition
from coso.petitions.tests.test_petitions import OPEN311, open311_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC), tick=False)


SERVICES = "/open311/v2/services.json"


def codes(client, unit):
    return [s["service_code"] for s in client.get(SERVICES, {"jurisdiction_id": unit.code}).json()]


class TestOpen311Services:
    def test_the_services_are_the_active_topics_of_both_levels(self, client, tree):
        listed = client.get(SERVICES, {"jurisdiction_id": tree.a.code}).json()
        by_code = {s["service_code"]: s for s in listed}
        assert [s["service_code"] for s in listed] == [c for c, _ in topics.choices()]
        assert by_code["land.compensation"]["service_name"] == (
            "Đất đai, xây dựng › Bồi thường, giải phóng mặt bằng"
        )
        assert by_code["land.compensation"]["group"] == "Đất đai, xây dựng"

    def test_a_retired_topic_goes_and_a_new_one_comes(self, client, tree, administrator):
        topics.topic_retire(actor=administrator, code="roads.lighting")
        topics.topic_create(
            actor=administrator,
            code="markets",
            data=TopicData(label="Chợ dân sinh", label_en="Local markets"),
        )
        listed = codes(client, tree.a)
        assert "roads.lighting" not in listed and "markets" in listed

    def test_a_posted_code_must_be_an_active_topic(self, client, tree, administrator):
        created = open311_post(client, tree.a, service_code="land.compensation")
        assert created.status_code == 201
        code = created.json()[0]["service_request_id"]
        assert Petition.objects.get(tracking_code=code).category == "land.compensation"
        topics.topic_retire(actor=administrator, code="land.compensation")
        refused = open311_post(client, tree.a, service_code="land.compensation")
        assert refused.status_code == 400
        assert open311_post(client, tree.a, service_code="nonsense").status_code == 400
        # Its earlier requests still resolve under the code, with the topic's name.
        where = {"jurisdiction_id": tree.a.code, "service_code": "land.compensation"}
        listed = client.get(OPEN311, where).json()
        assert [r["service_request_id"] for r in listed] == [code]
        assert listed[0]["service_name"].endswith("Bồi thường, giải phóng mặt bằng")


def form(tree, **values):
    return {
        "kind": Kind.FEEDBACK,
        "province": tree.province.code,
        "commune": tree.a.code,
        "category": "other",
        "subject": "Đền bù chưa thỏa đáng",
        "description": "Các hộ cùng ký đơn.",
        **values,
    }


class TestSigners:
    def test_the_form_records_signers_and_the_page_shows_them(self, client, tree, official_a):
        values = form(tree, category="land.compensation", signers="7")
        assert client.post(reverse("petitions:submit"), values).status_code == 302
        petition = Petition.objects.get()
        assert (petition.signers, petition.category) == (7, "land.compensation")
        client.force_login(official_a)
        page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert '<dd id="signers">7</dd>' in page
        assert "Đất đai, xây dựng › Bồi thường, giải phóng mặt bằng" in page
        api = client.get(f"/api/petitions/{petition.pk}").json()
        assert (api["signers"], api["category"]) == (7, "land.compensation")

    def test_the_form_takes_one_signer_by_default_and_refuses_none(self, client, tree):
        values = form(tree)
        refused = client.post(reverse("petitions:submit"), {**values, "signers": "0"})
        assert refused.status_code == 200 and not Petition.objects.exists()
        assert client.post(reverse("petitions:submit"), values).status_code == 302
        assert Petition.objects.get().signers == 1

    def test_the_service_refuses_no_signer_and_a_retired_topic(self, tree, administrator):
        data = {"kind": Kind.FEEDBACK, "subject": "x", "description": "y"}
        with pytest.raises(DomainError) as refused:
            services.petition_submit(
                actor=None, unit=tree.a, data=services.Submission(signers=0, **data)
            )
        assert refused.value.field == "signers"
        topics.topic_retire(actor=administrator, code="roads")
        with pytest.raises(DomainError) as refused:
            services.petition_submit(
                actor=None, unit=tree.a, data=services.Submission(category="roads", **data)
            )
        assert refused.value.field == "category"

    def test_a_reception_visit_of_several_people_on_a_topic(self, client, tree, official_a):
        session = reception.session_create(
            actor=official_a, unit=tree.a, date=dt.date(2026, 11, 18), leader="Chủ tịch UBND xã"
        )
        client.force_login(official_a)
        url = reverse("petitions:session", args=[session.pk])
        visit = {"visitor": "Lò Văn Pọm", "kind": Kind.FEEDBACK, "subject": "Đền bù"}
        visit |= {"description": "Sáu hộ cùng đến", "category": "land.compensation"}
        assert client.post(url, {**visit, "signers": "6"}).status_code == 302
        assert client.post(url, {**visit, "category": ""}).status_code == 302
        crowd, alone = Petition.objects.order_by("id")
        assert (crowd.channel, crowd.category, crowd.signers) == (
            "reception",
            "land.compensation",
            6,
        )
        assert (alone.category, alone.signers) == ("other", 1)
