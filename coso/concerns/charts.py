"""Where a topic concentrates, as horizontal bars drawn on the server (SVG, no
JavaScript): one bar per place, most households first, the longest the largest. The
page always shows the same numbers in a table beside it (readers of screens, print)."""

from dataclasses import dataclass

# The drawing's box (the SVG scales to the page's width) and how many bars it holds: the
# table lists every place, the chart the first ones.
WIDTH, ROW, LABEL, MOST = 320, 22, 120, 15


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    label: str
    value: int
    text_y: float
    value_x: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    left: int = LABEL
    width: int = WIDTH


def bars(points: list[tuple[str, int]]) -> Chart:
    """Bars for the first MOST (label, value) points, scaled to the largest value."""
    shown = points[:MOST]
    top = max((v for _label, v in shown), default=0) or 1
    usable = WIDTH - LABEL - 36  # room on the right for the value
    found = []
    for i, (label, value) in enumerate(shown):
        width = round(usable * value / top, 1)
        found.append(
            Bar(
                y=i * ROW + 4,
                width=width,
                label=label if len(label) <= 22 else label[:21] + "…",
                value=value,
                text_y=i * ROW + 18,
                value_x=LABEL + width + 4,
            )
        )
    return Chart(found, len(shown) * ROW + 8)
