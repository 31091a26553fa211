"""Reads of emulation: a unit's sets, runs and results; a run's ranking with each unit's
lines (a fixed number of queries whatever the number of units); the final runs on a
unit's public page.

Who sees what: a final result is public. An unfinished one (draft, or published for
objections) is shown only to the assessing body (`emulation.write` over the run's
scope) and to the unit's own officials (`emulation.object` at the unit); anyone else
gets the same 404 as for a record that does not exist."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from coso.core.indicators import ratios, records_url
from coso.core.pagination import keyset_page
from coso.core.permissions import can, get_or_404, scoped_for
from coso.emulation.models import CriteriaSet, Line, Objection, Result, Run, Status
from coso.emulation.services import may_assess
from coso.reports.selectors import label_of
from coso.units.selectors import Unit

__all__ = ["Line", "Objection", "Result", "Run", "Status"]


def _may_see(user: Any, run: Run, unit: Unit | None = None) -> bool:
    if run.status == Status.FINAL or may_assess(user, run):
        return True
    return unit is not None and can(user, "emulation.object", path=unit.path)


def _lines() -> Prefetch:
    lines = Line.objects.select_related("criterion", "scored_by").prefetch_related(
        Prefetch("objections", queryset=Objection.objects.select_related("by", "answered_by"))
    )
    return Prefetch("lines", queryset=lines)


def _results(run: Run) -> QuerySet[Result]:
    return (
        Result.objects.filter(run=run)
        .select_related("unit")
        .prefetch_related(_lines())
        .order_by("rank", "unit__name", "pk")
    )


def _runs() -> QuerySet[Run]:
    return Run.objects.select_related("criteria_set", "scope", "criteria_set__owner")


def run_get(*, user: Any, pk: int) -> Run:
    """A run for its assessing body (or, once final, anyone who reads its scope)."""
    run = get_or_404(_runs(), user, "records.read", path_field="scope__path", pk=pk)
    if not _may_see(user, run):
        raise Http404
    return run


def public_run_get(*, pk: int) -> Run:
    return get_object_or_404(_runs(), pk=pk, status=Status.FINAL)


def results(run: Run) -> list[Result]:
    """The run's units in rank order, each with its lines, objections and who scored:
    three queries."""
    return list(_results(run))


def result_get(*, user: Any, pk: int) -> Result:
    """One unit's result, for the unit's officials and the assessing body (anyone who
    reads the unit once final)."""
    qs = Result.objects.select_related("unit", "run", "run__scope", "run__criteria_set")
    result = get_or_404(
        qs.prefetch_related(_lines()), user, "records.read", path_field="unit__path", pk=pk
    )
    if not _may_see(user, result.run, result.unit):
        raise Http404
    return result


def result_of_line(pk: int) -> int:
    """The result a line belongs to (0 when none: its fetch then answers 404)."""
    return Line.objects.filter(pk=pk).values_list("result_id", flat=True).first() or 0


def line_get(*, user: Any, pk: int) -> Line:
    """A line the user may score (the assessing body of its run)."""
    qs = Line.objects.select_related("criterion", "result__unit", "result__run__scope")
    line = get_or_404(qs, user, "records.read", path_field="result__run__scope__path", pk=pk)
    if not may_assess(user, line.result.run):
        raise Http404
    return line


def line_for_objection(*, user: Any, pk: int) -> Line:
    qs = Line.objects.select_related("criterion", "result__unit", "result__run")
    return get_or_404(qs, user, "emulation.object", path_field="result__unit__path", pk=pk)


def objection_get(*, user: Any, pk: int) -> Objection:
    qs = Objection.objects.select_related(
        "line__criterion", "line__result__unit", "line__result__run__scope"
    )
    return get_or_404(
        qs, user, "emulation.write", path_field="line__result__run__scope__path", pk=pk
    )


def set_get(*, user: Any, pk: int) -> CriteriaSet:
    qs = CriteriaSet.objects.select_related("owner").prefetch_related("criteria")
    return get_or_404(qs, user, "records.read", path_field="owner__path", pk=pk)


@dataclass(frozen=True)
class Overview:
    sets: list[CriteriaSet]
    runs: list[Run]
    own: list[Result]


def overview(*, user: Any, unit: Unit) -> Overview:
    """The sets made at `unit`, the runs over it (those the user may see) and the
    unit's own results in runs made above it: three queries."""
    sets = list(CriteriaSet.objects.filter(owner=unit).order_by("-year", "name", "-version"))
    runs = scoped_for(_runs(), user, "records.read", path_field="scope__path").filter(scope=unit)
    if not can(user, "emulation.write", path=unit.path):
        runs = runs.filter(status=Status.FINAL)
    own = Result.objects.filter(unit=unit).select_related("run", "run__criteria_set", "run__scope")
    if not (
        can(user, "emulation.object", path=unit.path)
        or can(user, "emulation.write", path=unit.path)
    ):
        own = own.filter(run__status=Status.FINAL)
    return Overview(sets, list(runs[:50]), list(own.order_by("-run__period_end", "-pk")[:50]))


def unit_results(*, user: Any, unit: Unit, after: Any = None, size: int = 50) -> Any:
    """The unit's results it may see, newest first, a page at a time (one query)."""
    qs = Result.objects.filter(unit=unit).select_related("run", "run__criteria_set")
    if not (
        can(user, "emulation.object", path=unit.path)
        or can(user, "emulation.write", path=unit.path)
    ):
        qs = qs.filter(run__status=Status.FINAL)
    return keyset_page(qs, key="id", after=after, size=size, descending=True)


def public_runs(unit: Unit) -> list[Result]:
    """The final runs `unit` appears in, newest first, with its rank and class: one query."""
    qs = Result.objects.filter(unit=unit, run__status=Status.FINAL)
    return list(
        qs.select_related("run", "run__criteria_set", "run__scope").order_by(
            "-run__period_end", "-pk"
        )[:20]
    )


def source_link(code: str, unit: Unit, start: dt.date, end: dt.date) -> str | None:
    """Where the records behind a criterion's figure are listed (a share: its numerator's)."""
    ratio = ratios().get(code)
    return records_url(ratio.numerator if ratio else code, unit, start, end)


def source_label(code: str) -> str:
    return str(label_of(code)) if code else ""


def open_objections(run: Run) -> int:
    return Objection.objects.filter(line__result__run=run, status="open").count()


def free_text_visible(user: Any, run: Run, unit: Unit | None = None) -> bool:
    """Notes, reasons and answers may carry a name: the assessing body and the unit's
    own officials read them; monitoring roles read the figures only."""
    if may_assess(user, run):
        return True
    return unit is not None and (
        can(user, "personal.read", path=unit.path) or can(user, "emulation.object", path=unit.path)
    )


def runs_of(*, user: Any, unit: Unit) -> QuerySet[Run]:
    """Runs over `unit` the user may see (the API's list)."""
    qs = scoped_for(_runs(), user, "records.read", path_field="scope__path").filter(scope=unit)
    return qs if can(user, "emulation.write", path=unit.path) else qs.filter(Q(status=Status.FINAL))
