"""The rating of one case by the person who raised it: by the case's code, or as the
signed-in household that raised it (the view finds the case either way, through
`coso.ratings.selectors`). Once per case — the database holds that promise, so two
attempts at once still make one rating."""

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit, indicators
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.ratings.models import Channel, Kind, Rating, Score
from coso.ratings.scale import Scale, scale_in_force
from coso.ratings.selectors import Case, is_rated


def already_rated() -> DomainError:
    return DomainError(
        _("Việc này đã được đánh giá. Mỗi đơn, mỗi việc chỉ được đánh giá một lần."),
        field="code",
    )


def check_ready(case: Case) -> None:
    """The case may be rated now: resolved (a petition) or done (a follow-up), and not
    rated yet."""
    if not case.ready:
        raise DomainError(
            _("Đơn chưa được giải quyết xong: chưa thể đánh giá.")
            if case.kind == Kind.PETITION
            else _("Việc chưa được báo là đã thực hiện: chưa thể đánh giá."),
            field="code",
        )
    if is_rated(case):
        raise already_rated()


def _check_scores(scale: Scale, scores: Mapping[str, int]) -> None:
    """A score on every criterion of the version in force, each a point of its scale."""
    allowed = {points for points, _label in scale.points}
    for key, label in scale.criteria:
        if key not in scores:
            raise DomainError(
                _("Hãy chọn mức đánh giá cho tiêu chí “%(criterion)s”.") % {"criterion": label},
                field=f"score_{key}",
            )
        if scores[key] not in allowed:
            raise DomainError(_("Mức đánh giá không hợp lệ."), field=f"score_{key}")
    unknown = sorted(set(scores) - set(scale.labels))
    if unknown:
        raise DomainError(
            _("Không có tiêu chí “%(criterion)s”.") % {"criterion": unknown[0]}, field="scores"
        )


def rating_create(
    *,
    actor: Any = None,
    case: Case,
    scores: Mapping[str, int],
    comment: str = "",
    channel: str = Channel.CODE,
) -> Rating:
    """Record the rating of `case` under the criteria in force today: each score with
    whether it counts as satisfied, the rule's version, the comment, the channel."""
    check_ready(case)
    day = timezone.localdate()
    scale = scale_in_force(day)
    _check_scores(scale, scores)
    comment = comment.strip()
    check_lengths(Rating, comment=comment)
    if channel not in Channel.values:
        raise DomainError(_("Cách đánh giá không hợp lệ."), field="channel")
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                kind=case.kind,
                unit=case.unit,
                title=case.title,
                rated_on=day,
                satisfied=scale.is_satisfied(scores[scale.overall]),
                comment=comment,
                rule_version=scale.version,
                channel=channel,
                **{f"{case.kind}_id": case.pk},
            )
            Score.objects.bulk_create(
                Score(rating=rating, criterion=key, points=n, satisfied=scale.is_satisfied(n))
                for key, n in ((key, scores[key]) for key, _label in scale.criteria)
            )
            audit.log_create(actor=actor, obj=rating, unit_id=rating.unit_id)
            indicators.touched("ratings", rating.unit_id, [day])
    except IntegrityError as error:  # rated meanwhile, by another request
        raise already_rated() from error
    return rating
