"""A bar chart drawn on the server as SVG geometry: readable without JavaScript, sized
for a phone, and always beside a table holding the same numbers."""

from dataclasses import dataclass

from django.utils.formats import number_format

from coso.core.text import whole

WIDTH, HEIGHT, TOP, BOTTOM = 320, 160, 16, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    label_x: float
    value_y: float
    label_y: float = HEIGHT - 10


def _shown(value: float | int | None) -> str:
    """As the table beside the chart writes it (19.967; 71,3 in Vietnamese)."""
    if value is None:
        return "—"
    return whole(value) if isinstance(value, int) else number_format(value)


def bars(points: list[tuple[str, float | int | None]]) -> list[Bar]:
    """Bars for (label, value) points, scaled to the largest value."""
    if not points:
        return []
    top = max((v or 0) for _label, v in points) or 1
    slot = WIDTH / len(points)
    width = slot * 0.7
    usable = HEIGHT - TOP - BOTTOM
    out = []
    for i, (label, value) in enumerate(points):
        height = usable * (value or 0) / top
        x = i * slot + (slot - width) / 2
        out.append(
            Bar(
                x=round(x, 1),
                y=round(TOP + usable - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                label=label,
                value=_shown(value),
                label_x=round(x + width / 2, 1),
                value_y=round(TOP + usable - height - 3, 1),
            )
        )
    return out


@dataclass(frozen=True)
class Pair:
    """One period's two bars: the unit's and its province's median."""

    label: str
    unit: Bar
    median: Bar
    version: int
    break_x: float | None  # a dashed line before it: the formula changed


def pairs(points: list[tuple[str, float | None, float | None, int]], top: float) -> list[Pair]:
    """Two bars a period (label, the unit's value, the median, formula version), on a
    fixed scale `top` (10 for a 0–10 score, 100 for a percent); a break where the
    formula's version changes, since scores of two versions are not compared."""
    if not points:
        return []
    slot = WIDTH / len(points)
    width = slot * 0.35
    usable = HEIGHT - TOP - BOTTOM

    def bar(x: float, value: float | None, label: str) -> Bar:
        height = usable * min(value or 0, top) / top
        return Bar(
            x=round(x, 1),
            y=round(TOP + usable - height, 1),
            width=round(width, 1),
            height=round(height, 1),
            label=label,
            value=_shown(value),
            label_x=round(x + width / 2, 1),
            value_y=round(TOP + usable - height - 3, 1),
        )

    out = []
    for i, (label, mine, middle, version) in enumerate(points):
        left = i * slot + slot * 0.15
        before = points[i - 1][3] if i else 0
        changed = bool(before and version and before != version)  # 0: no formula yet
        out.append(
            Pair(
                label=label,
                unit=bar(left, mine, label),
                median=bar(left + width, middle, label),
                version=version,
                break_x=round(i * slot, 1) if changed else None,
            )
        )
    return out
