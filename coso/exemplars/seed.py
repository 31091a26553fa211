"""Demo "Dân vận khéo" models: one per two communes, a road model recognised by the
province and replicated in neighbouring communes."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from coso.core.manifests import DemoPlace
from coso.exemplars import services
from coso.exemplars.models import Exemplar, Field, Level
from coso.units.models import Unit

MODELS = [
    ("Hiến đất, góp công làm đường bê tông nội bản", Field.ECONOMY, "farmers"),
    ("Tổ hòa giải ở cơ sở gắn với camera an ninh", Field.DEFENCE, "front"),
    ("Phụ nữ giữ gìn bản sạch, không rác thải", Field.CULTURE, "women"),
    ("Chi bộ gương mẫu, dân tin, dân theo", Field.POLITICS, "authority"),
    ("Thanh niên giúp hộ nghèo trồng chè", Field.ECONOMY, "youth"),
]


def seed_exemplars(*, communes: Sequence[Unit], actor: Any) -> int:
    """Idempotent: nothing is added once the province has models."""
    if not communes or Exemplar.objects.filter(unit__in=communes).exists():
        return 0
    today = timezone.localdate()
    created: list[Exemplar] = []
    for i, commune in enumerate(communes[::2]):
        name, field, sponsor = MODELS[i % len(MODELS)]
        created.append(
            services.exemplar_register(
                actor=actor,
                unit=commune,
                data=services.ExemplarData(
                    name=name,
                    field=field,
                    sponsor=sponsor,
                    started_on=today - dt.timedelta(days=400 + 30 * i),
                    description="Cách làm do xã trình bày (dữ liệu mô phỏng).",
                    households_benefited=40 + 10 * i,
                    money_mobilised=50_000_000 + 5_000_000 * i,
                    workdays_mobilised=300 + 20 * i,
                    land_donated_m2=500 * (i % 3),
                ),
            )
        )
    first = created[0]
    services.exemplar_recognise(
        actor=actor,
        exemplar=first,
        level=Level.PROVINCE,
        decision_number="125/QĐ-UBND",
        decided_on=today - dt.timedelta(days=120),
        issuer="UBND tỉnh (mô phỏng)",
    )
    for j, commune in enumerate(communes[1:6:2]):
        services.exemplar_register(
            actor=actor,
            unit=commune,
            origin=first,
            data=services.ExemplarData(
                name=first.name,
                field=first.field,
                sponsor="front",
                started_on=today - dt.timedelta(days=90 - 20 * j),
                description="Nhân rộng từ mô hình được tỉnh công nhận (dữ liệu mô phỏng).",
                households_benefited=30,
            ),
        )
    return len(created) + 3


def seed_demo(place: DemoPlace) -> None:
    """The demo's "Dân vận khéo" models."""
    seed_exemplars(communes=place.communes, actor=place.actor)
