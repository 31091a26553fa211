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
