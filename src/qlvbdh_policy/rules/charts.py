"""The geometry of the dashboards' bar charts, pure arithmetic (issue 18:
charts a person reads at a glance, drawn on the server as SVG, readable on
a phone). The markup is browser/charts.py's; here only where each bar and
label goes, in the units of the SVG's viewBox (the browser scales the
whole drawing to the width it has, so a phone gets the same picture
smaller, its labels on their own line above the bars).

- ``rows``: one row per agency, its name on a line, then one bar per
  series under it, each bar's length proportional to its value against the
  chart's scale (a share: 1; a count: ``nice_ceiling`` of the largest).
- ``columns``: one group of bars per month, side by side, over a baseline,
  the month's label under it.
"""

from dataclasses import dataclass

import math


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    series: int
    row: int = 0  # the row or group it belongs to (its label's index)
    # where the value is written: at the end of the bar (rows) or above it (columns)
    text_x: float = 0
    text_y: float = 0


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    scale: float  # the value a full-length bar stands for
    bars: tuple
    labels: tuple
    ticks: tuple = ()  # (position, value) of the scale's marks


def nice_ceiling(value):
    """The smallest of 1, 2, 5 × 10ⁿ (n ≥ 0) at least ``value``; 1 for
    nothing, so an empty chart still has a scale."""
    if not value or value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover (the loop ends at 10)


def _length(value, scale, room):
    return 0.0 if not value else round(room * min(value, scale) / scale, 2)


def rows(items, series=1, scale=None, width=400, label_height=22, bar_height=15,
         bar_gap=3, row_gap=12, value_room=64):
    """Horizontal bars: ``items`` [(label, [value per series])]; a value
    None draws no bar (nothing to measure). ``scale`` defaults to the
    nice ceiling of the largest value."""
    values = [v for _label, vs in items for v in vs[:series] if v is not None]
    scale = scale or nice_ceiling(max(values, default=0))
    room = width - value_room
    bars, labels, y = [], [], 0.0
    for index, (text, vs) in enumerate(items):
        labels.append(Label(0, y + label_height - 6, text))
        y += label_height
        for number in range(series):
            value = vs[number] if number < len(vs) else None
            if value is not None:
                length = _length(value, scale, room)
                bars.append(Bar(0, y, length, bar_height, value, number, index,
                                text_x=length + 4, text_y=y + bar_height - 3))
            y += bar_height + bar_gap
        y += row_gap
    return Layout(width, max(y, label_height), scale, tuple(bars), tuple(labels))


def _tick(value):
    return int(value) if value == int(value) else value


def columns(items, series=1, scale=None, width=400, height=220, axis_room=36,
            label_room=22, top_room=18, group_gap=0.3, widest=40):
    """Vertical bars: ``items`` [(label, [value per series])], one group
    per item across the width, a bar no wider than ``widest``; ticks at 0,
    half and the full scale."""
    values = [v for _label, vs in items for v in vs[:series] if v is not None]
    scale = scale or nice_ceiling(max(values, default=0))
    plot = height - label_room - top_room
    base = top_room + plot
    step = (width - axis_room) / max(len(items), 1)
    bar_width = round(min(step * (1 - group_gap) / series, widest), 2)
    bars, labels = [], []
    for index, (text, vs) in enumerate(items):
        left = axis_room + index * step + (step - bar_width * series) / 2
        labels.append(Label(round(left + bar_width * series / 2, 2), height - 6, text))
        for number in range(series):
            value = vs[number] if number < len(vs) else None
            if value is None:
                continue
            tall = _length(value, scale, plot)
            x = round(left + number * bar_width, 2)
            bars.append(Bar(x, round(base - tall, 2), bar_width, tall, value, number, index,
                            text_x=round(x + bar_width / 2, 2), text_y=round(base - tall - 4, 2)))
    ticks = tuple((round(base - plot * share, 2), _tick(scale * share)) for share in (0, 0.5, 1))
    return Layout(width, height, scale, tuple(bars), tuple(labels), ticks)
