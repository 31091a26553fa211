"""A resident rates the answer to their case: by its code (a petition's tracking code, a
follow-up's confirmation code) or as the signed-in household that raised it; only once
the case is resolved or done; once per case, held by the database; under the criteria
in force, whose version the rating keeps."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.followups import services as followups
from coso.people.tests.factories import make_household
from coso.petitions import services as petitions
from coso.ratings import selectors, services
from coso.ratings.models import Channel, Kind, Rating, Score
from coso.ratings.scale import scale_in_force
from coso.ratings.tests.factories import SCORES, done_followup, rate, resolved_petition
from coso.residents import services as residents
from coso.rules.services import rule_revise

pytestmark = pytest.mark.django_db
RATE = reverse("ratings:rate")


def _form(code: str, scores: dict[str, int] = SCORES, **extra: str) -> dict[str, object]:
    return {"code": code, "rate": "1", **{f"score_{k}": v for k, v in scores.items()}, **extra}


def test_a_rating_keeps_its_scores_what_counted_as_satisfied_and_the_rule_version(tree, official_a):
    petition = resolved_petition(official_a, tree.a)
    rating = rate(petition.tracking_code, {**SCORES, "attitude": 2}, comment="Cảm ơn")
    scale = scale_in_force()
    assert (rating.kind, rating.petition_id, rating.unit_id) == (
        Kind.PETITION,
        petition.pk,
        tree.a.pk,
    )
    assert rating.rule_version == scale.version == dt.date(2023, 7, 1)
    assert rating.satisfied and rating.channel == Channel.CODE
    assert rating.rated_on == timezone.localdate() and rating.title == "Đèn đường hỏng"
    scores = {s.criterion: (s.points, s.satisfied) for s in rating.scores.all()}
    assert scores == {
        "timeliness": (4, True),
        "clarity": (5, True),
        "attitude": (2, False),
        "outcome": (4, True),
        "overall": (4, True),
    }
    entry = AuditEntry.objects.get(model="ratings.rating", object_pk=str(rating.pk))
    assert entry.action == "create" and entry.unit_id == tree.a.pk
    assert "Cảm ơn" not in str(entry.changes)  # the comment is redacted in the log


def test_a_later_version_of_the_criteria_never_rewrites_an_earlier_rating(
    tree, official_a, administrator, time_machine
):
    first = rate(resolved_petition(official_a, tree.a).tracking_code)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    value = {**scale_value(), "satisfied": [5]}  # only 5 counts from tomorrow
    rule_revise(actor=administrator, code="rating.criteria", value=value, effective_from=tomorrow)
    second_case = resolved_petition(official_a, tree.a, "Rác thải đổ ra suối")
    time_machine.move_to(dt.datetime.combine(tomorrow, dt.time(9)), tick=False)
    second = rate(second_case.tracking_code)
    first.refresh_from_db()
    assert first.satisfied and first.rule_version == dt.date(2023, 7, 1)
    assert not second.satisfied and second.rule_version == tomorrow
    assert Score.objects.filter(rating=first, satisfied=True).count() == 4
    assert Score.objects.filter(rating=second, satisfied=True).count() == 1


def scale_value() -> dict[str, object]:
    from coso.rules.services import rule_in_force

    return dict(rule_in_force("rating.criteria").value)


def test_only_a_resolved_petition_or_a_done_follow_up_is_rated(tree, official_a):
    open_petition = petitions.petition_submit(
        actor=official_a,
        unit=tree.a,
        data=petitions.Submission(kind="feedback", subject="Đèn hỏng", description="x"),
    )
    with pytest.raises(DomainError, match="Đơn chưa được giải quyết xong"):
        rate(open_petition.tracking_code)
    waiting = done_followup(official_a, tree.a, done=False)
    with pytest.raises(DomainError, match="Việc chưa được báo là đã thực hiện"):
        rate(waiting.confirm_code)
    followup = done_followup(official_a, tree.a)
    rating = rate(followup.confirm_code)
    assert (rating.kind, rating.followup_id) == (Kind.FOLLOWUP, followup.pk)
    assert not Rating.objects.filter(petition=open_petition).exists()


def test_a_case_is_rated_once_even_when_the_check_is_bypassed(tree, official_a, monkeypatch):
    petition = resolved_petition(official_a, tree.a)
    rate(petition.tracking_code)
    with pytest.raises(DomainError, match="chỉ được đánh giá một lần"):
        rate(petition.tracking_code)
    # Two requests at once both pass the check: the database refuses the second.
    monkeypatch.setattr(services, "is_rated", lambda case: False)
    with pytest.raises(DomainError, match="chỉ được đánh giá một lần"):
        rate(petition.tracking_code)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(
            kind=Kind.PETITION,
            petition=petition,
            unit=tree.a,
            title="x",
            rated_on=timezone.localdate(),
            satisfied=True,
            rule_version=dt.date(2023, 7, 1),
            channel=Channel.CODE,
        )
    assert Rating.objects.filter(petition=petition).count() == 1


def test_every_criterion_needs_a_point_of_the_scale(tree, official_a):
    code = resolved_petition(official_a, tree.a).tracking_code
    with pytest.raises(DomainError, match="Hãy chọn mức đánh giá cho tiêu chí “Thời gian"):
        rate(code, {k: v for k, v in SCORES.items() if k != "timeliness"})
    with pytest.raises(DomainError, match="Mức đánh giá không hợp lệ"):
        rate(code, {**SCORES, "overall": 6})
    assert not Rating.objects.exists()


def test_the_resident_rates_by_the_tracking_code_and_is_thanked(client, tree, official_a):
    petition = resolved_petition(official_a, tree.a)
    track = client.post(reverse("petitions:track"), {"code": petition.tracking_code})
    assert 'id="rate-link"' in track.content.decode()
    shown = client.post(RATE, {"code": petition.tracking_code})
    page = shown.content.decode()
    assert shown.status_code == 200 and "Thái độ của cán bộ, công chức" in page
    assert "5 · Rất hài lòng" in page
    done = client.post(RATE, _form(petition.tracking_code, comment="Rất nhanh"))
    assert done.status_code == 302 and done["Location"] == reverse("ratings:thanks")
    thanks = client.get(done["Location"]).content.decode()
    assert "Đã ghi nhận đánh giá của bạn về “Đèn đường hỏng”" in thanks
    rating = Rating.objects.get(petition=petition)
    assert rating.comment == "Rất nhanh" and rating.channel == Channel.CODE
    assert AuditEntry.objects.filter(model="ratings.rating", object_pk=str(rating.pk)).exists()
    again = client.post(RATE, {"code": petition.tracking_code})
    assert again.status_code == 400
    assert "Mỗi đơn, mỗi việc chỉ được đánh giá một lần" in again.content.decode()


def test_the_page_says_what_is_missing_in_vietnamese(client, tree, official_a):
    petition = resolved_petition(official_a, tree.a)
    missing = client.post(RATE, _form(petition.tracking_code, {"overall": 5}))
    assert missing.status_code == 400
    assert "Hãy chọn một mức." in missing.content.decode()
    unknown = client.post(RATE, {"code": "KHONGCOMA1"})
    assert unknown.status_code == 400
    assert "Không tìm thấy đơn hoặc việc với mã này" in unknown.content.decode()
    open_one = done_followup(official_a, tree.a, done=False)
    early = client.post(RATE, _form(open_one.confirm_code))
    assert early.status_code == 400 and "chưa thể đánh giá" in early.content.decode()
    assert not Rating.objects.exists()
    assert (
        'id="rate-link"'
        not in client.post(
            reverse("followups:respond"), {"code": open_one.confirm_code}
        ).content.decode()
    )


def test_the_follow_ups_confirmation_page_links_the_rating(client, tree, official_a):
    followup = done_followup(official_a, tree.a)
    page = client.post(reverse("followups:respond"), {"code": followup.confirm_code})
    assert 'id="rate-link"' in page.content.decode()
    assert client.post(RATE, _form(followup.confirm_code)).status_code == 302
    assert Rating.objects.get(followup=followup).kind == Kind.FOLLOWUP


@pytest.fixture
def signed_in(client, tree, village_head):
    """Two households of commune A's village; the first signed in on `client`."""
    homes = [make_household(tree.village_a, f"NL-{n}") for n in (1, 2)]
    sheet = residents.issue_codes(actor=village_head, village=tree.village_a)
    row = next(r for r in sheet if r["household"] == "NL-1")
    client.post(reverse("residents:sign_in"), {"login": row["login"], "secret": row["code"]})
    return homes


def _sent_by(official, unit, household, subject="Nước sinh hoạt bị đục"):
    petition = petitions.petition_submit(
        actor=None,
        unit=unit,
        data=petitions.Submission(
            kind="feedback", subject=subject, description="x", household=household
        ),
    )
    petitions.petition_accept(actor=official, petition=petition)
    return petitions.petition_resolve(actor=official, petition=petition, resolution="Đã xử lý.")


def test_the_signed_in_household_rates_what_it_raised_without_a_code(
    client, tree, official_a, signed_in
):
    mine, theirs = signed_in
    petition = _sent_by(official_a, tree.a, mine)
    home = client.get(reverse("residents:home")).content.decode()
    assert f'value="petition:{petition.pk}"' in home
    followup = done_followup(official_a, tree.a)
    followups.followup_claim(followup=followup, household=mine)
    for key in (f"petition:{petition.pk}", f"followup:{followup.pk}"):
        form = _form("", case=key)
        assert client.post(RATE, {"case": key}).status_code == 200
        assert client.post(RATE, form).status_code == 302
    channels = set(Rating.objects.values_list("channel", flat=True))
    assert channels == {Channel.HOUSEHOLD} and Rating.objects.count() == 2
    # Another household's case, by its key: not found, nothing written.
    other = _sent_by(official_a, tree.a, theirs, "Đèn đường không sáng")
    refused = client.post(RATE, _form("", case=f"petition:{other.pk}"))
    assert refused.status_code == 400 and not Rating.objects.filter(petition=other).exists()
    assert selectors.case_of_household(household=mine, key=f"petition:{other.pk}") is None
