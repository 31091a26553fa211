"""The concerns view: what residents raised in a unit (the nation, for nationwide roles)
over a period, by topic and beside the period before, read from the maintained figures;
a topic drills down to the communes where it was raised (a province: where it
concentrates, as a table and a chart), then to a commune's records. Counts and topics
are for every role that reads figures; what residents said, only for `personal.read`."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.concerns import charts, listing, ranking
from coso.concerns.indicators import HOUSEHOLDS
from coso.concerns.indicators import RECORDS as RECORDS_FIGURE
from coso.core.errors import DomainError
from coso.core.permissions import can, can_nationwide, requires
from coso.reports import YEAR, Period, period_of_kind, period_parse
from coso.reports import selectors as figures
from coso.units import selectors as units
from coso.units import unit_page
from coso.units.selectors import Unit, UnitKind

FIGURES = "aggregates.read"
RECORDS = "records.read"


def _period(request: HttpRequest) -> tuple[Period, str | None]:
    """The period asked for (`?period=`), by default this year — with the reason an
    unreadable one was set aside."""
    asked = request.GET.get("period", "").strip()
    try:
        return (period_parse(asked), None) if asked else (_this_year(), None)
    except DomainError as error:
        return _this_year(), error.message


def _this_year() -> Period:
    return period_of_kind(YEAR, timezone.localdate())


def _unit(request: HttpRequest, code: str | None) -> Unit | None:
    """The unit asked for, in the user's scope (404 elsewhere); None: the nation, for
    the roles that read figures everywhere."""
    if code is None:
        if not can_nationwide(request.user, FIGURES):
            raise Http404
        return None
    return units.unit_get_for_user(user=request.user, code=code, action=FIGURES)


@requires(FIGURES)
def unit_view(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Topics ranked by households and records, beside the period before."""
    unit = _unit(request, code)
    period, problem = _period(request)
    total, rows = ranking.ranked(unit=unit, period=period)
    return unit_page(
        request,
        "concerns/concerns_view.html",
        unit,
        period=period,
        previous=period.previous(),
        problem=problem,
        totals=[
            (
                HOUSEHOLDS,
                _("Hộ, người có ý kiến, kiến nghị"),
                total.households,
                total.households_before,
            ),
            (
                RECORDS_FIGURE,
                _("Hồ sơ (đơn, ý kiến, góp ý, kiến nghị)"),
                total.records,
                total.records_before,
            ),
        ],
        rows=rows,
        refreshed_at=figures.refreshed_at(period=period),
    )


@requires(FIGURES)
def topic_view(request: HttpRequest, topic: str, code: str | None = None) -> HttpResponse:
    """Where a topic was raised: the nation's provinces, a province's communes (a
    table and a chart); a commune's records directly."""
    unit = _unit(request, code)
    entry = ranking.topic_or_404(topic)
    period, problem = _period(request)
    if unit is not None and unit.kind != UnitKind.PROVINCE:
        target = reverse("concerns:records", args=[unit.code, entry.code])
        return redirect(f"{target}?period={period.code}")
    total, places = ranking.where(unit=unit, period=period, topic=entry.code)
    return unit_page(
        request,
        "concerns/concerns_topic.html",
        unit,
        topic=entry,
        parent=ranking.catalogue().get(entry.parent or ""),
        period=period,
        previous=period.previous(),
        problem=problem,
        total=total,
        places=places,
        chart=charts.bars([(p.name, p.count.households) for p in places]),
        refreshed_at=figures.refreshed_at(period=period),
    )


@requires(RECORDS)
def records(request: HttpRequest, code: str, topic: str) -> HttpResponse:
    """A reporting unit's records on a topic over the period, newest first, by key."""
    unit = units.unit_get_for_user(user=request.user, code=code, action=RECORDS)
    topics = ranking.catalogue()
    entry = topics.get(topic)
    if entry is None:
        raise Http404
    period, problem = _period(request)
    lines, next_after = listing.page(
        unit=unit,
        topic=entry,
        topics=topics,
        start=period.start,
        end=period.end,
        after=request.GET.get("after", ""),
        size=settings.PAGE_SIZE,
        with_texts=can(request.user, "personal.read", path=unit.path),
    )
    return unit_page(
        request,
        "concerns/concerns_records.html",
        unit,
        topic=entry,
        parent=topics.get(entry.parent or ""),
        period=period,
        problem=problem,
        lines=lines,
        next_after=next_after,
    )
