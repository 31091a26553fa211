import datetime as dt
from collections.abc import Sequence

from coso.core.indicators import Indicator, Source, register


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    return {}


register(
    Source(
        name="sample",
        indicators=(Indicator("sample.things", "Things", "Things counted.", "things", "things"),),
        compute=compute,
    )
)
