"""Demo reports: the last six-month review of a province, sent by most of its communes
(some late), so that "who has not reported" has something to show. Idempotent."""

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from coso.core.manifests import DemoPlace
from coso.reports import reporting, selectors, services
from coso.reports.models import Report, ReportType
from coso.reports.periods import Period
from coso.units.models import Unit

# Of a province's 38 communes, 30 send their report and 25 of them on time.
SENT_SHARE, ON_TIME_SHARE = 30 / 38, 25 / 38


def seed_reports(*, communes: list[Unit], actor: Any) -> int:
    """For the six-month period before the one under way, most communes send their
    report, a few after the due day. Returns the reports sent."""
    report_type = ReportType.objects.get(code="so-ket-6-thang")
    period = reporting.recent_periods(report_type, count=2)[1]
    if Report.objects.filter(report_type=report_type, period=period.code).exists():
        return 0
    rng = random.Random(f"coso-reports-{period.code}")
    sending = rng.sample(communes, round(len(communes) * SENT_SHARE))
    on_time = round(len(communes) * ON_TIME_SHARE)
    for n, unit in enumerate(sending):
        report = services.report_draft(
            actor=actor, report_type=report_type, unit=unit, period=period.code
        )
        late = n >= on_time
        day = report.due_on + dt.timedelta(days=rng.randint(1, 5) if late else -rng.randint(0, 6))
        services.report_save(
            actor=actor,
            report=report,
            narrative=_narrative(report_type, unit, period),
            number=f"{rng.randint(10, 199)}/BC-UBND",
            place=unit.name,
            signer=rng.choice(SIGNERS),
            signer_title="Chủ tịch",
            signed_on=min(day, timezone.localdate()),
        )
        report = services.report_submit(actor=actor, report=report)
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
        # The demo's history: sent on a day of the past, on time or not.
        Report.objects.filter(pk=report.pk).update(submitted_at=moment, on_time=not late)
    return len(sending)


SIGNERS = ["Lò Văn Thắng", "Tao Thị Mai", "Giàng A Chứ", "Nguyễn Văn Hải", "Lù Thị Hoa"]


def _narrative(report_type: ReportType, unit: Unit, period: Period) -> dict[str, str]:
    """What a commune would write, from its own figures."""
    v = selectors.figures(unit=unit, period=period)
    results = (
        f"{period.label}, {unit.name} công khai {v.get('disclosures.made', 0)} nội dung, "
        f"tổ chức {v.get('reception.sessions', 0)} buổi tiếp công dân, tiếp nhận "
        f"{v.get('petitions.received', 0)} đơn và giải quyết {v.get('petitions.resolved', 0)} đơn."
    )
    shortcomings = (
        f"Còn {v['petitions.overdue']} đơn quá hạn giải quyết; một số thôn họp chưa đủ số hộ."
        if v.get("petitions.overdue")
        else "Một số thôn, tổ dân phố họp chưa đủ số hộ tham dự."
    )
    written = {"results": results, "shortcomings": shortcomings}
    # The other sections, as briefly as a commune often writes them.
    return {
        s["key"]: written.get(s["key"], f"{s['title']}: như kỳ trước.")
        for s in report_type.sections
    }


def seed_demo(place: DemoPlace) -> None:
    """The communes' periodic reports, once the figures they freeze are computed."""
    seed_reports(communes=list(place.communes), actor=place.actor)
