"""The dashboards' chart geometry (rules/charts.py), pure: scales, bar
lengths proportional to values, nothing drawn for nothing, rows and groups
in order."""

from qlvbdh_policy.rules import charts
from qlvbdh_policy.rules import periods

import datetime
import pytest


@pytest.mark.parametrize("value, ceiling", [
    (0, 1), (None, 1), (0.4, 1), (1, 1), (1.5, 2), (3, 5), (7, 10), (10, 10), (11, 20),
    (48, 50), (51, 100), (230, 500), (50_000, 50_000), (50_001, 100_000),
])
def test_nice_ceiling(value, ceiling):
    assert charts.nice_ceiling(value) == ceiling


def test_rows_are_proportional_to_their_values():
    layout = charts.rows([("Sở A", [1, 3]), ("Sở B", [0, None])], series=2, width=400,
                         value_room=64)
    assert layout.scale == 5 and [label.text for label in layout.labels] == ["Sở A", "Sở B"]
    # no bar for a missing value; a zero drawn with no length
    assert [(b.row, b.series, b.value, b.width) for b in layout.bars] == [
        (0, 0, 1, 67.2), (0, 1, 3, 201.6), (1, 0, 0, 0.0)]
    first, second, zero = layout.bars
    assert first.y < second.y < zero.y  # series under each other, rows down the page
    assert layout.labels[1].y < zero.y  # each row's name above its bars
    assert first.text_x == first.width + 4  # the value written after the bar
    assert layout.height > zero.y + zero.height


def test_a_share_is_drawn_against_one():
    layout = charts.rows([("Sở A", [0.5]), ("Sở B", [1.0])], scale=1, width=400, value_room=0)
    assert [b.width for b in layout.bars] == [200.0, 400.0]


def test_columns_per_month():
    items = [("10/2026", [0, 0]), ("11/2026", [6, 7]), ("12/2026", [0, 0])]
    layout = charts.columns(items, series=2, width=400, height=220)
    assert layout.scale == 10
    assert [(t[1]) for t in layout.ticks] == [0, 5, 10]  # whole numbers written as such
    november = [b for b in layout.bars if b.row == 1]
    assert [b.value for b in november] == [6, 7]
    assert november[1].height > november[0].height > 0
    base = november[0].y + november[0].height
    assert all(round(b.y + b.height, 2) == round(base, 2) for b in layout.bars)  # one baseline
    assert all(b.height == 0 for b in layout.bars if b.row != 1)
    xs = [b.x for b in layout.bars]
    assert xs == sorted(xs) and max(b.width for b in layout.bars) <= 40
    assert [label.text for label in layout.labels] == [i[0] for i in items]
    assert all(b.x + b.width <= 400 for b in layout.bars)


def test_an_empty_chart_still_has_a_scale():
    assert charts.rows([]).scale == 1 and charts.rows([]).bars == ()
    assert charts.columns([]).bars == () and charts.columns([("T1", [None])]).bars == ()


D = datetime.date


@pytest.mark.parametrize("start, end, months", [
    (D(2026, 11, 1), D(2026, 11, 30), [(D(2026, 11, 1), D(2026, 11, 30))]),
    (D(2026, 11, 27), D(2026, 11, 27), [(D(2026, 11, 27), D(2026, 11, 27))]),
    (D(2026, 12, 15), D(2027, 1, 10), [(D(2026, 12, 15), D(2026, 12, 31)),
                                       (D(2027, 1, 1), D(2027, 1, 10))]),
    (D(2028, 1, 31), D(2028, 3, 1), [(D(2028, 1, 31), D(2028, 1, 31)),
                                     (D(2028, 2, 1), D(2028, 2, 29)),
                                     (D(2028, 3, 1), D(2028, 3, 1))]),
])
def test_the_months_of_a_period(start, end, months):
    assert [(m.start, m.end) for m in periods.months_of(periods.Period(start, end))] == months


def test_a_year_has_twelve_months():
    assert len(periods.months_of(periods.whole_year(2026))) == 12
