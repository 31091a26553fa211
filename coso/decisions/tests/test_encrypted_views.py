"""The pages of an encrypted round: opening shows the board's shares once, a voter gets
a receipt, the board counts with its shares, anyone checks the record and a receipt."""

import json
import re

import pytest
from django.urls import reverse

from coso.decisions import crypto, services
from coso.decisions.models import (
    BoardMember,
    EncryptedBallot,
    HouseholdCode,
    Matter,
    OnlineOptIn,
    Status,
)
from coso.decisions.services.encrypted import fingerprint
from coso.people.tests.factories import make_household

pytestmark = pytest.mark.django_db
BOARD = "Lò Văn An\nTòng Thị Bình\nQuàng Văn Cường\nLường Thị Dung\nCầm Văn Én"
SHARE = re.compile(r"COSO1-[0-9A-F]+-\d-[0-9A-F]{64}-[0-9A-F]{8}")


@pytest.fixture(autouse=True)
def small_keys(settings):
    settings.COSO_BALLOT_KEY_BITS = 512
    settings.COSO_RATE_LIMITS = {k: "100000/m" for k in settings.COSO_RATE_LIMITS}


@pytest.fixture
def opened(tree, official_a, client) -> tuple[Matter, list[str], str]:
    """An encrypted round of 6 households opened through the pages: its shares as the
    opening page showed them, and that page."""
    for i in range(6):
        household = make_household(tree.village_a, f"A-{i}")
        OnlineOptIn.objects.create(unit=tree.village_a, household=household)
    client.force_login(official_a)
    response = client.post(
        reverse("decisions:new", args=[tree.village_a.code]),
        {
            "matter_type": "6",
            "title": "Chọn ngày hội bản",
            "method": "ballot",
            "secret": "on",
            "counting_board": BOARD,
            "seats": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()
    matter = Matter.objects.get(title="Chọn ngày hội bản")
    assert matter.encrypted and matter.secret
    page = client.post(reverse("decisions:open", args=[matter.pk]))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    html = page.content.decode()
    shares = SHARE.findall(html)
    return matter, list(dict.fromkeys(shares)), html


def _vote(client, matter: Matter, n: int, key: str = "yes") -> list[str]:
    receipts = []
    for code in HouseholdCode.objects.filter(matter=matter, used_at__isnull=True)[:n]:
        page = client.post(
            reverse("decisions:vote"), {"code": code.code, "choice": key, "cast": "1"}
        )
        found = re.search(r"[0-9a-f]{64}", page.content.decode())
        assert found, page.content.decode()
        receipts.append(found.group(0))
    return receipts


def test_the_opening_page_shows_five_shares_once(opened, client):
    matter, shares, html = opened
    assert len(shares) == 5
    assert "3 trên 5" in html and "Lường Thị Dung" in html and "<svg" in html
    assert html.count('download="manh-khoa-') == 5
    detail = client.get(reverse("decisions:matter", args=[matter.pk])).content.decode()
    assert not SHARE.search(detail)
    again = client.post(reverse("decisions:open", args=[matter.pk]))
    assert not SHARE.search(client.get(again.url).content.decode())


def test_a_member_confirms_saving_their_share(opened, client):
    matter, _shares, _html = opened
    url = reverse("decisions:share_saved", args=[matter.pk, 2])
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Tòng Thị Bình" in response.content.decode()
    saved = BoardMember.objects.get(matter=matter, index=2)
    assert saved.confirmed_at is not None
    assert not BoardMember.objects.filter(matter=matter, confirmed_at__isnull=False).exclude(
        index=2
    )


def test_another_communes_official_gets_404(opened, official_b, client):
    matter, _shares, _html = opened
    client.force_login(official_b)
    for name, args in (
        ("decisions:count_encrypted", [matter.pk]),
        ("decisions:share_saved", [matter.pk, 1]),
        ("decisions:open", [matter.pk]),
    ):
        assert client.post(reverse(name, args=args)).status_code == 404
    assert client.get(reverse("decisions:count_encrypted", args=[matter.pk])).status_code == 404


def test_a_voter_sees_a_receipt_stored_with_no_household(opened, client):
    matter, _shares, _html = opened
    (receipt,) = _vote(client, matter, 1)
    assert EncryptedBallot.objects.get(matter=matter).receipt == receipt


def test_the_counting_page_runs_a_fixed_number_of_queries(
    opened, client, django_assert_num_queries
):
    matter, _shares, _html = opened
    url = reverse("decisions:count_encrypted", args=[matter.pk])
    with django_assert_num_queries(7):
        page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count('name="share_') == 5


def test_the_board_counts_with_three_shares_and_anyone_checks(
    opened, client, django_assert_num_queries
):
    matter, shares, _html = opened
    receipts = _vote(client, matter, 3, "yes") + _vote(client, matter, 2, "no")
    url = reverse("decisions:count_encrypted", args=[matter.pk])
    refused = client.post(url, {"share_1": shares[0], "share_4": shares[3]})
    assert refused.status_code == 400 and "ít nhất 3" in refused.content.decode()
    matter.refresh_from_db()
    assert matter.status == Status.OPEN
    done = client.post(url, {"share_1": shares[0], "share_3": shares[2], "share_5": shares[4]})
    assert done.status_code == 302
    matter.refresh_from_db()
    assert matter.status == Status.COUNTED
    assert matter.outcome["tally"] == {"yes": 3, "no": 2, "other": 0}
    services.matter_publish(actor=matter.created_by, matter=matter)
    client.logout()
    public = client.get(reverse("decisions:public_result", args=[matter.pk])).content.decode()
    assert reverse("decisions:round_record", args=[matter.pk]) in public
    record = json.loads(client.get(reverse("decisions:round_record", args=[matter.pk])).content)
    assert crypto.verify_record(record).ok and set(receipts) <= set(
        crypto.verify_record(record).receipts
    )
    check = reverse("decisions:receipt_check", args=[matter.pk])
    with django_assert_num_queries(4):
        found = client.post(check, {"receipt": receipts[0]}).content.decode()
    assert "receipt-found" in found
    assert "receipt-missing" in client.post(check, {"receipt": "0" * 64}).content.decode()
    assert "receipt-found" not in client.get(check, {"receipt": receipts[0]}).content.decode()


def test_counting_a_thin_election_meeting_shows_its_secret_ballot_rounds_shares(
    tree, official_a, client
):
    """A thin meeting opens its household-ballot round at once; an election's is secret,
    so the meeting's count answers with that round's shares, once."""
    for i in range(6):
        make_household(tree.village_a, f"T-{i}")
    client.force_login(official_a)
    client.post(
        reverse("decisions:new", args=[tree.village_a.code]),
        {
            "matter_type": "4",
            "title": "Bầu trưởng thôn",
            "method": "meeting",
            "candidates": "Lò Văn A\nLò Văn B",
            "counting_board": "Lò Văn An\nTòng Thị Bình\nQuàng Văn Cường",
            "seats": 1,
        },
    )
    meeting = Matter.objects.get(title="Bầu trưởng thôn")
    client.post(reverse("decisions:open", args=[meeting.pk]))
    page = client.post(reverse("decisions:count", args=[meeting.pk]))  # nobody came
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    fallback = Matter.objects.get(fallback_of=meeting)
    assert fallback.encrypted and fallback.status == Status.OPEN
    shares = list(dict.fromkeys(SHARE.findall(page.content.decode())))
    assert len(shares) == 3 and "2 trên 3" in page.content.decode()
    assert [m.fingerprint for m in BoardMember.objects.filter(matter=fallback)] == [
        fingerprint(s) for s in shares
    ]
    detail = client.get(reverse("decisions:matter", args=[fallback.pk])).content.decode()
    assert not SHARE.search(detail)


def test_a_meeting_opened_without_a_board_names_it_when_counted(tree, official_a, client):
    """An election meeting opened before every secret round had a board: its count asks
    for the board (a thin meeting's secret ballot round needs one), and refuses without."""
    for i in range(6):
        make_household(tree.village_a, f"L-{i}")
    meeting = services.matter_create(
        actor=official_a,
        unit=tree.village_a,
        matter_type="4",
        title="Bầu trưởng thôn",
        candidates=["Lò Văn A"],
        counting_board=["Lò Văn An", "Tòng Thị Bình", "Quàng Văn Cường"],
    )
    meeting.board_members.all().delete()  # as it was before this release
    services.matter_open(actor=official_a, matter=meeting)
    client.force_login(official_a)
    detail = client.get(reverse("decisions:matter", args=[meeting.pk])).content.decode()
    assert 'name="counting_board"' in detail
    refused = client.post(reverse("decisions:count", args=[meeting.pk]), follow=True)
    assert "Tổ kiểm phiếu có từ 3 đến 5" in refused.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Status.OPEN and not Matter.objects.filter(fallback_of=meeting)
    page = client.post(
        reverse("decisions:count", args=[meeting.pk]),
        {"counting_board": "Lò Văn An\nTòng Thị Bình\nQuàng Văn Cường"},
    )
    assert len(set(SHARE.findall(page.content.decode()))) == 3
    assert Matter.objects.get(fallback_of=meeting).encrypted
