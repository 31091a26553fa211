"""Bad input gets a clear message, never a server error: the inputs a probe found
answering 500, and dates outside the range the law covers."""

import datetime as dt

import pytest
from django.urls import reverse

from coso.disclosures.models import Disclosure
from coso.petitions.models import Petition, ReceptionSession

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False)


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    text = response.content.decode()
    assert "Traceback" not in text
    return text


def test_disclosure_ids_that_are_not_ids(client, tree, official_a):
    assert client.get("/api/disclosures/0").status_code in (404, 422)
    client.force_login(official_a)
    response = client.post("/api/disclosures/0/take-down", {}, content_type="application/json")
    assert response.status_code in (404, 422) and response.json()["detail"]


@pytest.mark.parametrize("year", ["abc", "99999", "-1", "2011", "2027"])
def test_rollup_year(client, tree, province_viewer, year):
    client.force_login(province_viewer)
    url = reverse("petitions:rollup", args=[tree.province.code])
    page = _page(client.get(url, {"year": year}))
    assert "2026" in page  # the current year is shown instead
    assert 'role="alert"' in page


def test_rollup_year_in_range(client, tree, province_viewer):
    client.force_login(province_viewer)
    page = _page(client.get(reverse("petitions:rollup", args=[tree.province.code]), {"year": 2025}))
    assert "· 2025" in page and 'role="alert"' not in page


def test_open311_impossible_date(client, tree):
    response = client.get(
        "/open311/v2/requests.json",
        {"jurisdiction_id": tree.a.code, "start_date": "2026-99-99T00:00:00Z"},
    )
    assert response.status_code == 400 and response.json()[0]["code"] == 400


@pytest.mark.parametrize(
    "received, message",
    [
        ("0001-01-01", "trước đó chưa có quy định"),
        ("2099-01-01", "không được sau"),
        ("2026-11-26", "không được sau"),
    ],
)
def test_intake_dates_outside_the_law(client, tree, official_a, received, message):
    client.force_login(official_a)
    response = client.post(
        reverse("petitions:intake", args=[tree.a.code]),
        {
            "kind": "complaint",
            "complaint_round": 1,
            "category": "other",
            "subject": "Khiếu nại quyết định thu hồi đất",
            "description": "Nội dung",
            "channel": "letter",
            "received_on": received,
        },
    )
    assert message in _page(response)
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    "posted, message", [("0001-01-01", "trước đó chưa có"), ("2023-06-30", "trước đó chưa có")]
)
def test_disclosure_posted_before_the_law(client, tree, official_a, posted, message):
    client.force_login(official_a)
    page = _page(
        client.post(
            reverse("disclosures:publish", args=[tree.a.code]),
            {
                "category": "1",
                "title": "Kế hoạch năm",
                "channels": ["notice_board"],
                "posted_on": posted,
            },
        )
    )
    assert message in page
    api = client.post(
        "/api/disclosures",
        {
            "unit": tree.a.code,
            "category": "1",
            "title": "Kế hoạch năm",
            "channels": ["notice_board"],
            "posted_on": posted,
        },
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json()["field"] == "posted_on"
    assert "01/07/2023" in api.json()["detail"]
    assert not Disclosure.objects.exists()


def test_a_decision_older_than_the_law_is_disclosed_without_a_deadline(client, tree, official_a):
    client.force_login(official_a)
    response = client.post(
        "/api/disclosures",
        {
            "unit": tree.a.code,
            "category": "3",
            "title": "Quy hoạch sử dụng đất đến năm 2030",
            "channels": ["notice_board"],
            "decided_on": "2021-05-10",
            "posted_on": "2026-11-20",
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["due_by"] is None


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "abc", "2026-13"])
def test_reception_month(client, tree, official_a, month):
    client.force_login(official_a)
    page = _page(client.get(reverse("petitions:schedule", args=[tree.a.code]), {"month": month}))
    assert 'role="alert"' in page


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2014-06-30"])
def test_reception_session_dates(client, tree, official_a, day):
    client.force_login(official_a)
    page = _page(
        client.post(
            reverse("petitions:schedule", args=[tree.a.code]),
            {"date": day, "leader": "Chủ tịch UBND xã"},
        )
    )
    assert "Ngày" in page and 'class="errorlist' in page
    assert not ReceptionSession.objects.exists()


@pytest.mark.parametrize("unit", ["a", "province"])
def test_compliance_period_before_the_law(client, tree, official_a, province_viewer, unit):
    client.force_login(official_a if unit == "a" else province_viewer)
    code = getattr(tree, unit).code
    page = _page(
        client.get(
            reverse("disclosures:compliance", args=[code]),
            {"start": "2020-01-01", "end": "2020-12-31"},
        )
    )
    assert "01/07/2023" in page


def test_public_petition_form_names_the_text_limit(client, settings):
    page = _page(client.get(reverse("petitions:submit")))
    assert "Tối đa 10.000 ký tự" in page and 'maxlength="10000"' in page


HUGE = str(10**23)


def test_numbers_too_big_for_the_database(client, tree, official_a, village_head):
    from coso.decisions import services

    client.force_login(village_head)
    new = client.post(
        reverse("decisions:new", args=[tree.village_a.code]),
        {"matter_type": "6", "title": "x", "method": "meeting", "seats": HUGE},
    )
    assert new.status_code == 200 and "errorlist" in new.content.decode()
    matter = services.matter_create(
        actor=village_head, unit=tree.village_a, matter_type="6", title="x", method="ballot"
    )
    from coso.people.tests.factories import make_household

    make_household(tree.village_a, "A-1")
    services.matter_open(actor=village_head, matter=matter)
    key_in = client.post(reverse("decisions:key_in", args=[matter.pk]), {"form_number": HUGE})
    assert key_in.status_code == 302
    meeting = services.matter_create(
        actor=village_head, unit=tree.village_a, matter_type="6", title="y"
    )
    services.matter_open(actor=village_head, matter=meeting)
    attendance = client.post(
        reverse("decisions:attendance", args=[meeting.pk]), {"household": HUGE}
    )
    assert attendance.status_code in (200, 302)
    client.force_login(official_a)
    for url in (
        reverse("disclosures:official_list", args=[tree.a.code]),
        reverse("units:official_unit", args=[tree.village_a.code]),
    ):
        assert client.get(url, {"after": HUGE}).status_code == 200


def test_a_take_down_is_not_scheduled(client, tree, official_a):
    from coso.disclosures.services import DisclosureData, disclosure_publish

    d = disclosure_publish(
        actor=official_a,
        unit=tree.a,
        data=DisclosureData(category="1", title="Kế hoạch", channels=["notice_board"]),
    )
    client.force_login(official_a)
    response = client.post(
        f"/api/disclosures/{d.series}/take-down",
        {"taken_down_on": "9999-12-31", "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "taken_down_on"


@pytest.mark.parametrize(
    "method, url, data",
    [
        ("get", "/api/disclosures?unit=a%00b", None),
        ("get", "/api/support?unit=a%00b", None),
        ("get", "/units/a%00b/dialogues/", None),
        ("post", "/followups/respond/", {"code": "AB\x00C"}),
        ("json", "/api/dialogues", '{"unit": "a\\u0000"}'),
    ],
)
def test_a_nul_character_is_refused_not_a_server_error(client, tree, method, url, data):
    """PostgreSQL cannot compare text holding NUL: it is refused before any query."""
    if method == "json":
        response = client.post(url, data, content_type="application/json")
    else:
        response = getattr(client, method)(url, data)
    assert response.status_code == (422 if "/api/" in url else 400)
    assert "ký tự không hợp lệ" in response.content.decode(
        "unicode_escape" if "/api/" in url else "utf-8"
    )
