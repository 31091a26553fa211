"""The demo's emulation: a set for communes (Coso's example criteria, automatic and
assessed) made by the demo province, and a final run over its communes for last year,
each assessed line scored with a note. Runs after the figures were computed."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from coso.core.manifests import DemoPlace
from coso.emulation import services
from coso.emulation.defaults import COMMUNE_CRITERIA
from coso.emulation.models import CriteriaSet, Line, Run

NOTE = "Biên bản kiểm tra của Ủy ban Mặt trận Tổ quốc (dữ liệu mẫu)"


def seed_demo(place: DemoPlace) -> None:
    """Idempotent: nothing is added once the province has a set."""
    if not place.communes:
        return
    province = place.communes[0].parent
    year = timezone.localdate().year - 1
    if CriteriaSet.objects.filter(owner=province, year=year).exists():
        return
    criteria_set = services.set_create(
        actor=place.actor,
        owner=province,
        year=year,
        kind="commune",
        name="Thi đua thực hiện dân chủ ở cơ sở",
        criteria=COMMUNE_CRITERIA,
    )
    run = services.run_create(
        actor=place.actor, criteria_set=criteria_set, scope=province, period=str(year)
    )
    _score(place.actor, run)
    services.run_publish(actor=place.actor, run=run)
    # The demo's objection period is over: its last day was yesterday.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Run.objects.filter(pk=run.pk).update(objection_deadline=yesterday)
    run.objection_deadline = yesterday
    services.run_finalise(actor=place.actor, run=run)


def _score(actor: Any, run: Run) -> None:
    lines = Line.objects.filter(result__run=run, criterion__source="assessed").select_related(
        "criterion", "result__unit", "result__run__scope"
    )
    for n, line in enumerate(lines.order_by("result__unit__name", "pk")):
        share = Decimal((55 + 7 * n) % 45 + 55) / 100  # 55–99 % of the points, spread out
        services.line_score(actor=actor, line=line, points=line.criterion.weight * share, note=NOTE)
