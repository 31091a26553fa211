"""What communes (agencies, enterprises) made public: disclosures made, made late, taken
down early; and the mandatory categories of a commune's catalogue with nothing up."""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from coso.core.counting import count_per_unit
from coso.core.indicators import LAST, SUM, Indicator, Source, StrOrPromise, register
from coso.disclosures import catalogues
from coso.disclosures.models import Disclosure
from coso.rules.services import RuleMissing
from coso.units.selectors import Unit, UnitKind, existed_between

CONTENTS = _("nội dung")
BASIS = "Luật Thực hiện dân chủ ở cơ sở, điều 11–13 (dân biết)"


def _mandatory(end: dt.date) -> list[str]:
    try:
        return catalogues.mandatory_keys(Unit(kind=UnitKind.COMMUNE), on=end)
    except RuleMissing:  # a period before the catalogue was in force
        return []


def _covered(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date, mandatory: list[str]
) -> dict[int, int]:
    """Per commune, the mandatory categories with something up at some time in the
    period (one aggregate; communes with nothing get no row)."""
    up = Q(is_current=True, posted_on__lte=end, category__in=mandatory) & (
        Q(taken_down_on__isnull=True) | Q(taken_down_on__gte=start)
    )
    qs = Disclosure.objects.filter(up, unit__kind=UnitKind.COMMUNE)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    rows = qs.values("unit_id").annotate(n=Count("category", distinct=True))
    return {r["unit_id"]: r["n"] for r in rows}


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    made = Q(version=1, posted_on__range=(start, end))
    taken_down = Q(is_current=True, taken_down_on__range=(start, end))
    counted = {
        "disclosures.made": made,
        "disclosures.late": made & Q(is_late=True),
        "disclosures.taken_down_early": taken_down & Q(taken_down_early=True),
    }
    qs = Disclosure.objects.filter(made | taken_down)
    found = count_per_unit(qs, counted, unit_ids=unit_ids)
    mandatory = _mandatory(end)
    covered = _covered(unit_ids, start, end, mandatory)
    for unit_id, n in covered.items():
        found.setdefault(unit_id, {})["disclosures.categories_covered"] = n
    # Every commune that existed in the period owes the catalogue, records or not.
    owing = Unit.objects.filter(existed_between(start, end), kind=UnitKind.COMMUNE)
    if unit_ids is not None:
        owing = owing.filter(pk__in=unit_ids)
    for unit_id in owing.values_list("pk", flat=True):
        missing = len(mandatory) - covered.get(unit_id, 0)
        found.setdefault(unit_id, {})["disclosures.categories_missing"] = missing
    return found


def _indicator(
    code: str,
    label: StrOrPromise,
    definition: StrOrPromise,
    measure: StrOrPromise = CONTENTS,
    over_time: str = SUM,
) -> Indicator:
    return Indicator(code, label, definition, measure, "disclosures", BASIS, over_time)


register(
    Source(
        name="disclosures",
        indicators=(
            _indicator(
                "disclosures.made",
                _("Nội dung đã công khai"),
                _(
                    "Nội dung công khai (lần đầu, không tính các lần sửa) có ngày công khai trong kỳ."
                ),
            ),
            _indicator(
                "disclosures.late",
                _("Nội dung công khai muộn"),
                _("Nội dung công khai trong kỳ sau hạn công khai (điều 12 khoản 3)."),
            ),
            _indicator(
                "disclosures.taken_down_early",
                _("Nội dung gỡ trước thời hạn"),
                _(
                    "Nội dung gỡ trong kỳ trước thời hạn niêm yết tối thiểu, hoặc phải niêm yết thường xuyên."
                ),
            ),
            _indicator(
                "disclosures.categories_covered",
                _("Nội dung bắt buộc đã công khai"),
                _("Nội dung bắt buộc của danh mục xã (điều 11) có công khai vào một lúc trong kỳ."),
                _("nội dung bắt buộc"),
                LAST,
            ),
            _indicator(
                "disclosures.categories_missing",
                _("Nội dung bắt buộc chưa công khai"),
                _(
                    "Nội dung bắt buộc của danh mục xã (điều 11) không có gì được công khai "
                    "trong kỳ, tính trên mọi xã, phường của đơn vị."
                ),
                _("nội dung bắt buộc"),
                LAST,
            ),
        ),
        compute=compute,
    )
)
