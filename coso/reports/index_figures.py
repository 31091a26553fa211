"""The indices as entries of the indicator catalogue: derived from the maintained
figures by the rulebook's formulas, never stored. What dashboards, the open figures API,
periodic reports and emulation read through `selectors.value_of` / `figure_of`."""

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from coso.core.indicators import StrOrPromise
from coso.core.text import whole
from coso.reports import indices
from coso.reports.figure_types import Figure, Share
from coso.reports.formulas import Formulas, formulas_on
from coso.reports.indices import PARTICIPATION, SATISFACTION

CODES = indices.CODES
LABELS: dict[str, StrOrPromise] = {
    SATISFACTION: _("Chỉ số hài lòng của người dân"),
    PARTICIPATION: _("Chỉ số tham gia của người dân"),
}
MEASURES: dict[str, StrOrPromise] = {SATISFACTION: "%", PARTICIPATION: _("điểm (thang 0–10)")}
DEFINITIONS: dict[str, StrOrPromise] = {
    SATISFACTION: _(
        "Tỷ lệ người trả lời hài lòng (mức 4, 5 của thang 5) trên số người trả lời câu hỏi "
        "đánh giá chung, cách tính của SIPAS; không công bố khi chưa đủ số trả lời tối thiểu."
    ),
    PARTICIPATION: _(
        "Công thức của Coso: trung bình có trọng số của các tỷ lệ tính từ hồ sơ (công khai, "
        "hộ tham gia, đơn thư đúng hạn, đối thoại, giải trình ý kiến, trả lời kiến nghị), "
        "đưa về thang 0–10; thành phần không có mẫu số bị bỏ, trọng số chia lại."
    ),
}
BASIS = _("Luật Thực hiện dân chủ ở cơ sở, điều 34, 35; quy định của Coso")
COUNTS = {
    SATISFACTION: "surveys.satisfied.overall / surveys.answered.overall",
    PARTICIPATION: "index.participation",
}


@dataclass(frozen=True)
class Withheld:
    """A satisfaction share not published: fewer answers than the minimum sample."""

    answered: int

    def __str__(self) -> str:
        return str(_("chưa đủ số trả lời (%(n)s)") % {"n": whole(self.answered)})


@dataclass(frozen=True)
class Score:
    """A participation score as tables show it ("7,30"), not as a percent."""

    value: float

    def __str__(self) -> str:
        return shown(self.value)


def _formulas(formulas: Formulas | None) -> Formulas | None:
    return formulas if formulas is not None else formulas_on()


def satisfaction_of(values: dict[str, int], formulas: Formulas) -> indices.Satisfaction:
    return indices.satisfaction(values, formulas.satisfaction, formulas.min_sample)


def participation_of(values: dict[str, int], formulas: Formulas) -> indices.Participation:
    return indices.participation(values, formulas.participation)


def index_value(code: str, values: dict[str, int], formulas: Formulas | None) -> float | None:
    """The index's number: a percent (satisfaction, None when withheld) or a score."""
    found = _formulas(formulas)
    if found is None:  # a period before the formulas
        return None
    if code == SATISFACTION:
        return satisfaction_of(values, found).value
    return participation_of(values, found).value


def index_figure(
    code: str, values: dict[str, int], formulas: Formulas | None
) -> Share | Withheld | Score | None:
    """The index as a table shows it: a share with its base, withheld with its number
    of answers, or the score."""
    found = _formulas(formulas)
    if found is None:
        return None
    if code == SATISFACTION:
        overall = satisfaction_of(values, found).overall
        if overall.suppressed:
            return Withheld(overall.answered)
        return Share(overall.satisfied, overall.answered)
    score = participation_of(values, found).value
    return None if score is None else Score(score)


def shown(value: float | None) -> str:
    return "—" if value is None else number_format(value, 2)


def catalogue_entries(values: dict[str, int], formulas: Formulas) -> list[Figure]:
    """The two indices as catalogue figures, with their formula and version."""
    sat = satisfaction_of(values, formulas)
    part = participation_of(values, formulas)
    base: Any = (
        None if sat.overall.suppressed else Share(sat.overall.satisfied, sat.overall.answered)
    )
    return [
        Figure(
            SATISFACTION,
            LABELS[SATISFACTION],
            MEASURES[SATISFACTION],
            sat.value,
            DEFINITIONS[SATISFACTION],
            BASIS,
            COUNTS[SATISFACTION],
            sat.version,
            base=base,
        ),
        Figure(
            PARTICIPATION,
            LABELS[PARTICIPATION],
            MEASURES[PARTICIPATION],
            part.value,
            DEFINITIONS[PARTICIPATION],
            BASIS,
            COUNTS[PARTICIPATION],
            part.version,
        ),
    ]
