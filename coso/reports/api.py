"""Open figures: every indicator of every unit and period, for anyone — they hold no
personal data. Read from the maintained table only."""

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import Field

from coso.core import pagecache
from coso.core.api import public
from coso.reports import formulas, periods, selectors
from coso.reports.schemas import FiguresOut
from coso.units import selectors as units

router = Router(tags=["indicators"])
# Figures change when records do, at most; a minute of caching costs nothing.
MAX_AGE = 60


class FiguresFilter(Schema):
    unit: str = Field(..., description="Mã đơn vị: tỉnh, xã, cơ quan")
    period: str = Field(
        ..., description="Kỳ: tháng 2026-11, quý 2026-Q4, 6 tháng 2026-H1, năm 2026, 2021-2025"
    )


@router.get(
    "",
    summary="Các chỉ tiêu của một đơn vị trong một kỳ",
    **public({200: FiguresOut}, 400, 404, 422),
)
@decorate_view(pagecache.cached)
def figures(
    request: HttpRequest, response: HttpResponse, filters: Query[FiguresFilter]
) -> dict[str, object]:
    unit = units.unit_get_public(code=filters.unit)
    pagecache.depends_on(request, unit)
    period = periods.parse(filters.period)
    values = selectors.figures(unit=unit, period=period)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return {
        "unit": unit.code,
        "unit_name": unit.name,
        "period": period.code,
        "period_label": period.label,
        "start": period.start,
        "end": period.end,
        "items": [
            selectors.as_json(f)
            # The indices are derived entries, computed by the formulas of the period.
            for f in selectors.catalogue_figures(values, formulas.for_periods([period])[0])
        ],
    }
