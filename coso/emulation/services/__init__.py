"""Writes of the emulation app: criteria sets in `sets`, runs and their scores in
`runs`, objections in `objections`. Callers use `coso.emulation.services.<name>`."""

from coso.emulation.services.objections import objection_answer, objection_lodge
from coso.emulation.services.runs import (
    line_score,
    may_assess,
    run_compute,
    run_create,
    run_finalise,
    run_publish,
)
from coso.emulation.services.sets import (
    CriterionData,
    criterion_add,
    criterion_weight_set,
    grades_set,
    is_frozen,
    set_create,
)

__all__ = [
    "CriterionData",
    "criterion_add",
    "criterion_weight_set",
    "grades_set",
    "is_frozen",
    "line_score",
    "may_assess",
    "objection_answer",
    "objection_lodge",
    "run_compute",
    "run_create",
    "run_finalise",
    "run_publish",
    "set_create",
]
