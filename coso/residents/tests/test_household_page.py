"""The household's page lists what it can do now — the open rounds it holds a form in
(voting there without its code once it chose online voting), drafts open in its
commune, follow-ups waiting for its confirmation — in a fixed number of queries; the
village head's slip names the household's head and the site, and new codes for every
household ask to confirm first."""

import datetime as dt

import pytest
from django.urls import reverse

from coso.decisions import services as decisions
from coso.decisions.models import Channel, HouseholdCode, OnlineOptIn, Participation
from coso.people.tests.factories import make_household
from coso.residents import services
from coso.residents.models import HouseholdAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(tree, village_head):
    """Three households of the village; the first two chose online voting."""
    homes = [make_household(tree.village_a, f"NL-{n}") for n in (1, 2, 3)]
    for home in homes[:2]:
        decisions.online_opt_in(household=home)
    sheet = services.issue_codes(actor=village_head, village=tree.village_a)
    return homes, {row["household"]: row for row in sheet}


def open_round(actor, unit, title="Chọn ngày hội bản", secret=False):
    matter = decisions.matter_create(
        actor=actor, unit=unit, matter_type="6", title=title, method="ballot", secret=secret
    )
    return decisions.matter_open(actor=actor, matter=matter)


def sign_in(client, row):
    client.post(reverse("residents:sign_in"), {"login": row["login"], "secret": row["code"]})


def test_a_household_sees_its_open_vote_and_votes_signed_in_without_a_code(
    client, village, village_head, tree
):
    homes, sheet = village
    matter = open_round(village_head, tree.village_a)
    assert matter.online_allowed
    sign_in(client, sheet["NL-1"])
    page = client.get(reverse("residents:home")).content.decode()
    vote_url = reverse("decisions:vote_signed_in", args=[matter.pk])
    assert "Việc bạn có thể làm" in page and "Chọn ngày hội bản" in page and vote_url in page
    form = client.get(vote_url).content.decode()
    assert 'name="choice"' in form and 'name="code"' not in form
    assert client.post(vote_url, {"choice": "yes"})["Location"] == reverse("residents:home")
    assert decisions.tally_counts(matter)["yes"] == 1
    code = HouseholdCode.objects.get(matter=matter, household=homes[0])
    assert code.used_at is not None  # the household's own form, claimed by the server
    assert Participation.objects.get(matter=matter).channel == Channel.ONLINE
    page = client.get(reverse("residents:home")).content.decode()
    assert "Hộ đã biểu quyết" in page and vote_url not in page
    again = client.post(vote_url, {"choice": "no"})
    assert again.status_code == 400 and "mỗi hộ chỉ biểu quyết một lần" in again.content.decode()
    assert decisions.tally_counts(matter) == {"yes": 1, "no": 0, "other": 0}
    # Its printed code is spent too: no second vote by typing it.
    refused = client.post(reverse("decisions:vote"), {"code": code.code, "choice": "no"})
    assert "đã được dùng" in refused.content.decode()


def test_a_vote_needs_a_choice_and_the_form_comes_back(client, village, village_head, tree):
    _homes, sheet = village
    matter = open_round(village_head, tree.village_a)
    sign_in(client, sheet["NL-2"])
    response = client.post(reverse("decisions:vote_signed_in", args=[matter.pk]), {})
    assert response.status_code == 400
    assert "Hãy chọn ý kiến" in response.content.decode()
    assert 'name="choice"' in response.content.decode()


def test_a_household_that_did_not_choose_online_voting_still_types_its_code(
    client, village, village_head, tree
):
    homes, sheet = village
    matter = open_round(village_head, tree.village_a)
    sign_in(client, sheet["NL-3"])
    page = client.get(reverse("residents:home")).content.decode()
    vote_url = reverse("decisions:vote_signed_in", args=[matter.pk])
    assert vote_url not in page and reverse("decisions:vote") in page
    response = client.post(vote_url, {"choice": "yes"})
    assert (
        response.status_code == 400 and "chưa chọn bỏ phiếu trực tuyến" in response.content.decode()
    )
    assert decisions.tally_counts(matter)["yes"] == 0
    code = HouseholdCode.objects.get(matter=matter, household=homes[2]).code
    client.post(reverse("decisions:vote"), {"code": code, "cast": "1", "choice": "yes"})
    assert decisions.tally_counts(matter)["yes"] == 1


def test_a_paper_only_round_says_so(client, village, village_head, tree):
    _homes, sheet = village
    OnlineOptIn.objects.all().delete()  # too few chose online voting: paper forms only
    matter = open_round(village_head, tree.village_a)
    assert not matter.online_allowed
    sign_in(client, sheet["NL-1"])
    page = client.get(reverse("residents:home")).content.decode()
    assert "Phiếu giấy" in page
    assert reverse("decisions:vote_signed_in", args=[matter.pk]) not in page


def test_another_villages_round_answers_404_and_a_visitor_signs_in_first(
    client, village, tree, official_b
):
    _homes, sheet = village
    make_household(tree.village_b, "B-1")
    elsewhere = open_round(official_b, tree.village_b, title="Việc của tổ khác")
    url = reverse("decisions:vote_signed_in", args=[elsewhere.pk])
    assert client.get(url)["Location"] == reverse("residents:sign_in")
    sign_in(client, sheet["NL-1"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"choice": "yes"}).status_code == 404
    assert "Việc của tổ khác" not in client.get(reverse("residents:home")).content.decode()


def _followup_done(official, unit, household):
    from coso.dialogues import services as dialogues
    from coso.followups.services import Promise, followup_claim, followup_move

    today = dt.date.today()
    meeting = dialogues.meeting_create(
        actor=official,
        unit=unit,
        data=dialogues.MeetingData(kind="dialogue", date=today, place="x", chair="y"),
    )
    followup = dialogues.item_add(
        actor=official,
        meeting=meeting,
        data=dialogues.ItemData(
            text="Đường hỏng",
            commitment=Promise(
                "Sửa đường bản Nà Luông", unit, "Chủ tịch", today, today, raised_by_resident=True
            ),
        ),
    ).followup
    followup_claim(followup=followup, household=household)
    followup.refresh_from_db()
    return followup_move(
        actor=official, followup=followup, status="done", note="Đã đổ bê tông đoạn đường"
    )


def _draft(official, unit, title):
    from coso.consultations import services as consultations

    return consultations.consultation_publish(
        actor=official,
        unit=unit,
        draft=consultations.Draft(
            category="7",
            title=title,
            clauses=["Điều 1. Phạm vi áp dụng."],
            forms=["meeting"],
            closes_on=dt.date.today() + dt.timedelta(days=30),
        ),
    )


def test_the_page_lists_drafts_of_its_commune_and_followups_to_confirm(
    client, village, tree, official_a, official_b
):
    homes, sheet = village
    sign_in(client, sheet["NL-1"])
    page = client.get(reverse("residents:home")).content.decode()
    for empty in (
        "Không có việc nào đang lấy biểu quyết của hộ.",
        "Không có dự thảo nào đang lấy ý kiến ở thôn, xã.",
        "Không có việc nào chờ hộ xác nhận.",
    ):
        assert empty in page
    draft = _draft(official_a, tree.a, "Dự thảo Quy chế dân chủ xã")
    _draft(official_b, tree.b, "Dự thảo của phường khác")
    followup = _followup_done(official_a, tree.a, homes[0])
    page = client.get(reverse("residents:home")).content.decode()
    assert reverse("consultations:public_detail", args=[draft.pk]) in page
    assert "Dự thảo của phường khác" not in page
    assert 'id="to-confirm"' in page and "Sửa đường bản Nà Luông" in page
    # Its button opens the follow-up by its code, in a POST body.
    opened = client.post(reverse("followups:respond"), {"code": followup.confirm_code})
    assert "Sửa đường bản Nà Luông" in opened.content.decode()
    client.post(
        reverse("followups:respond"),
        {"code": followup.confirm_code, "answer": "confirm", "note": ""},
    )
    page = client.get(reverse("residents:home")).content.decode()
    assert "Không có việc nào chờ hộ xác nhận." in page


def test_the_page_runs_a_fixed_number_of_queries(
    client, village, village_head, tree, official_a, django_assert_num_queries
):
    homes, sheet = village
    sign_in(client, sheet["NL-1"])

    def add_one(n):
        open_round(village_head, tree.village_a, title=f"Việc {n}")
        _draft(official_a, tree.a, f"Dự thảo {n}")
        _followup_done(official_a, tree.a, homes[0])

    add_one(1)
    client.get(reverse("residents:home"))
    # session, sign-in, online choice, rounds, drafts, to confirm, surveys, petitions,
    # follow-ups, choice of notices
    with django_assert_num_queries(10):
        one = client.get(reverse("residents:home"))
    for n in (2, 3):
        add_one(n)
    with django_assert_num_queries(10):
        three = client.get(reverse("residents:home"))
    assert one.content.decode().count("Việc 1") == 1 and "Dự thảo 3" in three.content.decode()


def test_the_slip_names_the_households_head_and_the_site(client, tree, village_head):
    make_household(tree.village_a, "NL-1")
    client.force_login(village_head)
    url = reverse("residents:logins", args=[tree.village_a.code])
    page = client.post(url, {"household": tree.village_a.households.get().pk}).content.decode()
    assert "Chủ hộ: Lò Văn Pọm" in page
    assert "Đăng nhập tại: <code>http://testserver/ho/dang-nhap/</code>" in page


def test_codes_for_every_household_ask_to_confirm_with_what_they_cancel(client, tree, village_head):
    homes = [make_household(tree.village_a, f"NL-{n}") for n in (1, 2, 3)]
    services.issue_codes(actor=village_head, village=tree.village_a, households=homes[:1])
    access = HouseholdAccess.objects.get()
    services.set_pin(access=access, pin="482915")
    client.force_login(village_head)
    url = reverse("residents:logins", args=[tree.village_a.code])
    confirm = client.get(url, {"confirm": "all"}).content.decode()
    assert 'id="confirm"' in confirm and "Cấp mã mới cho 3 hộ?" in confirm
    assert "1 hộ đang dùng mã PIN" in confirm
    # A bare POST (no confirmation) issues nothing: it shows the confirmation.
    bare = client.post(url).content.decode()
    assert 'id="confirm"' in bare and 'id="sheet"' not in bare
    assert HouseholdAccess.objects.count() == 1
    access.refresh_from_db()
    assert access.pin
    # A household added since the page was shown: asked again.
    make_household(tree.village_a, "NL-4")
    stale = client.post(url, {"confirm": "3"}).content.decode()
    assert 'id="confirm"' in stale and "Cấp mã mới cho 4 hộ?" in stale
    done = client.post(url, {"confirm": "4"}).content.decode()
    assert done.count('class="activation"') == 4
    access.refresh_from_db()
    assert access.pin == ""
