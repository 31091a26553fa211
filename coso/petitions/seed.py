"""Demo petitions for the demo province: a few per commune, in every state."""

import datetime as dt
import random
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from coso.core.errors import DomainError
from coso.petitions import services
from coso.petitions.models import Category, Kind, Petition
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


def seed_petitions(*, communes: Iterable[Unit], actor: Any, per_commune: int = 6) -> int:
    """Idempotent: communes that already have petitions are skipped."""
    today = timezone.localdate()
    done = set(Petition.objects.values_list("unit_id", flat=True).distinct())
    created = 0
    for commune in communes:
        if commune.pk in done:
            continue
        rng = random.Random(f"coso-petitions-{commune.code}")
        for _ in range(per_commune):
            kind = rng.choice([Kind.FEEDBACK] * 4 + [Kind.COMPLAINT, Kind.DENUNCIATION])
            received = today - dt.timedelta(days=rng.randint(0, 60))
            petition = services.petition_submit(
                actor=actor,
                unit=commune,
                data=services.Submission(
                    kind=kind,
                    subject=rng.choice(SUBJECTS[kind]),
                    received_on=received,
                    category=rng.choice(Category.values) if kind == Kind.FEEDBACK else "other",
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
