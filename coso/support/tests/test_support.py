"""Support handed to households: a list posted through the disclosures app, a
resident's objection answered within the posting period, and on every public page no
citizen ID number or birth date of any receiving household."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.core.errors import DomainError
from coso.people.tests.factories import adult, child, make_household
from coso.support import services
from coso.support.models import Objection

pytestmark = pytest.mark.django_db
IDS = ["012080001234", "012315009876"]


@pytest.fixture
def now(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 2, 3, tzinfo=dt.UTC), tick=False)
    return time_machine


def homes(village, n, start=0):
    return [
        make_household(
            village,
            f"H{i:03d}",
            members=[
                adult(f"Lò Văn Chủ {i}", citizen_id=IDS[0][:-3] + f"{i:03d}"),
                child(f"Lò Thị Con {i}", citizen_id=IDS[1][:-3] + f"{i:03d}"),
            ],
        )
        for i in range(start, start + n)
    ]


def gift(official, unit, name="Quà Tết hộ nghèo 2027"):
    return services.programme_create(
        actor=official,
        unit=unit,
        data=services.ProgrammeData(
            name=name,
            kind="poor",
            source="Quỹ Vì người nghèo xã",
            value_per_household=1_150_000,
            handed_on=dt.date(2026, 11, 2),
        ),
    )


def test_a_posted_list_takes_and_answers_objections_without_identities(
    client, tree, official_a, now
):
    houses = homes(tree.village_a, 3)
    programme = gift(official_a, tree.a)
    with pytest.raises(DomainError) as bad:
        services.recipients_add(
            actor=official_a,
            programme=programme,
            village=tree.village_a,
            codes=["H000", "H404", "H001", "H000"],
        )
    assert "Dòng 2" in bad.value.message and "Dòng 4" in bad.value.message
    assert programme.recipients.count() == 0  # a failed list changes nothing
    client.force_login(official_a)
    response = client.post(
        reverse("support:add", args=[programme.pk]),
        {"village": tree.village_a.pk, "codes": "H000\nH001\nH002"},
    )
    assert response.status_code == 302
    assert client.post(reverse("support:post", args=[programme.pk])).status_code == 302
    programme.refresh_from_db()
    assert programme.disclosure.category == "7" and programme.posted_until > programme.posted_on
    client.logout()

    # A resident objects online; the commune answers within the posting period.
    public = reverse("support:public_detail", args=[programme.pk])
    recipient = programme.recipients.get(household=houses[1])
    response = client.post(
        public,
        {
            "recipient": recipient.pk,
            "text": "Hộ này đã thoát nghèo từ năm ngoái",
            "raiser_name": "Hoàng Văn Phản",
            "raiser_contact": "0987654321",
        },
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    now.move_to(dt.datetime(2026, 11, 10, 3, tzinfo=dt.UTC), tick=False)
    client.force_login(official_a)
    response = client.post(
        reverse("support:answer", args=[objection.pk]),
        {"answer": "Xã đã rà soát: hộ còn trong danh sách cận nghèo năm 2026."},
        follow=True,
    )
    assert "rà soát" in response.content.decode(), response.content.decode()[-3000:]
    objection.refresh_from_db()
    assert objection.answered_in_time and objection.answered_on == dt.date(2026, 11, 10)
    client.logout()

    pages = [
        client.get(public),
        client.get(reverse("support:public_list", args=[tree.a.code])),
        client.get(reverse("disclosures:public_detail", args=[programme.disclosure.series])),
        client.get(f"/api/support/{programme.pk}"),
        client.get(f"/api/disclosures/{programme.disclosure.series}"),
    ]
    body = "".join(p.content.decode() for p in pages)
    assert all(p.status_code == 200 for p in pages)
    assert "Lò Văn Chủ 1" in body and "1.150.000" in body and "đã rà soát" in body
    secrets = ["Hoàng Văn Phản", "0987654321", "Lò Thị Con"]
    for house in houses:
        for member in house.members.all():
            secrets += [member.citizen_id, member.citizen_id[-6:]]
            born = member.date_of_birth
            secrets += [
                born.isoformat(),
                f"{born:%d/%m/%Y}",
                f"{born.day}/{born.month}/{born.year}",
            ]
    leaked = [s for s in secrets if s in body]
    assert not leaked


def test_objections_only_while_posted(client, tree, official_a, now):
    homes(tree.village_a, 1)
    programme = gift(official_a, tree.a)
    with pytest.raises(DomainError, match="chưa niêm yết"):
        services.objection_submit(programme=programme, text="x")
    assert client.get(reverse("support:public_detail", args=[programme.pk])).status_code == 404
    services.recipients_add(
        actor=official_a, programme=programme, village=tree.village_a, codes=["H000"]
    )
    services.programme_post(actor=official_a, programme=programme)
    with pytest.raises(DomainError, match="đã niêm yết"):
        services.recipients_add(
            actor=official_a, programme=programme, village=tree.village_a, codes=["H000"]
        )
    programme.refresh_from_db()
    now.move_to(
        dt.datetime.combine(programme.posted_until + dt.timedelta(days=1), dt.time(3), dt.UTC),
        tick=False,
    )
    with pytest.raises(DomainError, match="trong thời gian niêm yết"):
        services.objection_submit(programme=programme, text="muộn")
    page = client.get(reverse("support:public_detail", args=[programme.pk])).content.decode()
    assert 'id="object"' not in page


def test_another_communes_support_answers_404(client, tree, official_a, official_b, now):
    homes(tree.village_a, 1)
    programme = gift(official_a, tree.a)
    services.recipients_add(
        actor=official_a, programme=programme, village=tree.village_a, codes=["H000"]
    )
    services.programme_post(actor=official_a, programme=programme)
    objection = services.objection_submit(programme=programme, text="x")
    client.force_login(official_b)
    for url in (
        reverse("support:detail", args=[programme.pk]),
        reverse("support:list", args=[tree.a.code]),
        reverse("support:new", args=[tree.a.code]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("support:add", args=[programme.pk]),
        reverse("support:post", args=[programme.pk]),
        reverse("support:answer", args=[objection.pk]),
    ):
        assert client.post(url, {"answer": "x", "codes": "H000"}).status_code == 404, url
    objection.refresh_from_db()
    assert objection.answered_on is None
    # A list not yet posted is no one's to read outside its commune, by page or API.
    draft = gift(official_a, tree.a, "Chưa niêm yết")
    for url in (
        reverse("support:detail", args=[draft.pk]),
        reverse("support:public_detail", args=[draft.pk]),
        f"/api/support/{draft.pk}",
    ):
        assert client.get(url).status_code == 404, url
    # The other commune's village is not this list's either.
    other = gift(official_b, tree.b)
    make_household(tree.village_a, "H900")
    with pytest.raises(DomainError, match="không thuộc xã này"):
        services.recipients_add(
            actor=official_b, programme=other, village=tree.village_a, codes=["H900"]
        )


@pytest.mark.parametrize("public", [True, False])
def test_pages_run_a_fixed_number_of_queries(
    client, tree, official_a, now, public, django_assert_num_queries
):
    """A list of one household with one objection costs what a list of twelve with
    twelve costs; the commune's page of one programme what one of six costs."""
    client.force_login(official_a)
    houses = homes(tree.village_a, 12)

    def posted(name, homes):
        programme = gift(official_a, tree.a, name)
        codes = [h.code for h in homes]
        services.recipients_add(
            actor=official_a, programme=programme, village=tree.village_a, codes=codes
        )
        services.programme_post(actor=official_a, programme=programme)
        for code in codes:
            services.objection_submit(programme=programme, text=f"về {code}")
        return programme

    detail = "support:public_detail" if public else "support:detail"
    listing = reverse("support:public_list" if public else "support:list", args=[tree.a.code])
    small = posted("Một hộ", houses[:1])
    counts = []
    for url in (reverse(detail, args=[small.pk]), listing):
        client.get(url)
        with CaptureQueriesContext(connection) as seen:
            client.get(url)
        counts.append(len(seen))
    big = posted("Mười hai hộ", houses)
    for i in range(4):
        posted(f"Đợt {i}", houses[:2])
    for url, count in zip((reverse(detail, args=[big.pk]), listing), counts, strict=True):
        with django_assert_num_queries(count):
            body = client.get(url).content.decode()
    assert (
        body.count("<tr>") >= 7
        and "Lò Văn Chủ 11" in client.get(reverse(detail, args=[big.pk])).content.decode()
    )


def test_names_before_posting_only_for_personal_data_and_never_after_take_down(
    client, tree, official_a, front_officer, now
):
    homes(tree.village_a, 1)
    programme = gift(official_a, tree.a)
    services.recipients_add(
        actor=front_officer, programme=programme, village=tree.village_a, codes=["H000"]
    )
    url = reverse("support:detail", args=[programme.pk])
    client.force_login(front_officer)
    page = client.get(url).content.decode()
    assert "Lò Văn Chủ 0" not in page and "H000" in page
    client.force_login(official_a)
    assert "Lò Văn Chủ 0" in client.get(url).content.decode()
    services.programme_post(actor=official_a, programme=programme)
    client.force_login(front_officer)
    assert "Lò Văn Chủ 0" in client.get(url).content.decode()  # posted: public anyway
    from coso.disclosures.services import disclosure_take_down

    programme.refresh_from_db()
    disclosure_take_down(actor=official_a, disclosure=programme.disclosure, reason="đăng nhầm")
    client.logout()
    for address in (
        reverse("support:public_detail", args=[programme.pk]),
        f"/api/support/{programme.pk}",
    ):
        assert client.get(address).status_code == 404
    assert (
        "Quà Tết"
        not in client.get(reverse("support:public_list", args=[tree.a.code])).content.decode()
    )
