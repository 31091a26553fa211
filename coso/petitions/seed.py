"""Demo petitions for the demo province: a few per commune, in every state, most of
them recent and some from earlier in the year; and the communes' reception days."""

import datetime as dt
import random
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from coso.core.errors import DomainError
from coso.core.manifests import DemoPlace
from coso.core.seeding import communes_to_seed
from coso.people.models import Household
from coso.petitions import reception, services
from coso.petitions.models import Kind, Petition, ReceptionSession
from coso.units.models import Unit

SUBJECTS = {
    Kind.FEEDBACK: [
        "Đường vào bản bị sạt lở",
        "Đèn đường không sáng",
        "Rác thải đổ ra suối",
        "Nước sinh hoạt bị đục",
        "Cống thoát nước bị tắc",
    ],
    Kind.COMPLAINT: ["Khiếu nại quyết định thu hồi đất", "Khiếu nại mức hỗ trợ hộ nghèo"],
    Kind.DENUNCIATION: ["Tố cáo việc thu tiền trái quy định"],
}
# Households of the first village writing about one compensation plan.
CLUSTER = 6
# The topics a demo feedback is filed under (codes of the shipped catalogue).
FIRST_LEVEL = ("roads", "environment", "water_power", "land", "security", "procedures", "social")


def seed_petitions(*, communes: Iterable[Unit], actor: Any, per_commune: int = 10) -> int:
    """Idempotent: communes that already have petitions are skipped."""
    today = timezone.localdate()
    created = 0
    for commune, rng in communes_to_seed(communes, Petition.objects, "petitions"):
        for n in range(per_commune):
            kind = rng.choice([Kind.FEEDBACK] * 4 + [Kind.COMPLAINT, Kind.DENUNCIATION])
            ago = rng.randint(0, 60) if n < per_commune * 0.6 else rng.randint(61, 330)
            received = today - dt.timedelta(days=ago)
            petition = services.petition_submit(
                actor=actor,
                unit=commune,
                data=services.Submission(
                    kind=kind,
                    subject=rng.choice(SUBJECTS[kind]),
                    received_on=received,
                    category=rng.choice(FIRST_LEVEL) if kind == Kind.FEEDBACK else "other",
                    description="Nội dung do người dân trình bày (dữ liệu mô phỏng).",
                    sender_name="Người dân (mô phỏng)" if kind == Kind.DENUNCIATION else "",
                ),
            )
            _advance(petition, actor, rng, received, today)
            created += 1
    return created


def _advance(
    petition: Petition, actor: Any, rng: random.Random, received: dt.date, today: dt.date
) -> None:
    step = rng.random()
    try:
        if step < 0.25:
            return
        accepted = min(today, received + dt.timedelta(days=rng.randint(1, 8)))
        services.petition_accept(actor=actor, petition=petition, on=accepted)
        if step > 0.55:
            resolved = min(today, accepted + dt.timedelta(days=rng.randint(3, 40)))
            services.petition_resolve(
                actor=actor,
                petition=petition,
                on=resolved,
                resolution="Đã kiểm tra và giải quyết (mô phỏng).",
            )
    except DomainError:
        return


def seed_reception(*, communes: Iterable[Unit], actor: Any, weeks: int = 45) -> int:
    """Most weeks, a commune's chairman receives citizens on Thursday; communes that
    already have reception days are skipped."""
    today = timezone.localdate()
    thursday = today - dt.timedelta(days=(today.weekday() - 3) % 7)
    created = 0
    for commune, rng in communes_to_seed(communes, ReceptionSession.objects, "reception"):
        for week in range(weeks):
            if rng.random() < 0.15:  # a week missed
                continue
            try:
                reception.session_create(
                    actor=actor,
                    unit=commune,
                    date=thursday - dt.timedelta(weeks=week),
                    leader="Chủ tịch Ủy ban nhân dân (mô phỏng)",
                    place="Trụ sở Ủy ban nhân dân",
                )
            except DomainError:  # before the rule was in force
                continue
            created += 1
    return created


def seed_demo(place: DemoPlace) -> None:
    """The demo's petitions and citizen-reception days, in every commune; and households
    of the first village writing about one compensation plan this week, enough to open
    a hotspot (coso.concerns) by the rule as shipped."""
    seed_petitions(communes=place.communes, actor=place.actor)
    seed_reception(communes=place.communes, actor=place.actor)
    senders = Household.objects.filter(village=place.village).order_by("pk")[:CLUSTER]
    for household in senders:
        services.petition_submit(
            actor=None,
            unit=place.commune,
            data=services.Submission(
                kind=Kind.FEEDBACK,
                subject="Đền bù giải phóng mặt bằng dự án khu dân cư",
                description=(
                    "Gia đình tôi bị thu hồi đất cho dự án khu dân cư, mức đền bù chưa thỏa "
                    "đáng, đề nghị xã trả lời."
                ),
                household=household,
            ),
        )
