"""The pure rules of support requests: their numbers (HT-YYYY-NNNN) and
their times (age, time to resolve, median)."""

from qlvbdh_policy.rules import support_numbers as N
from qlvbdh_policy.rules import support_times as T

import datetime
import pytest


@pytest.mark.parametrize("year, number, text", [
    (2026, 1, "HT-2026-0001"),
    (2026, 42, "HT-2026-0042"),
    (2027, 9999, "HT-2027-9999"),
    (2027, 10000, "HT-2027-10000"),
])
def test_numbers_are_formatted_and_read_back(year, number, text):
    assert N.format_number(year, number) == text
    assert N.parse_number(text) == (year, number)


@pytest.mark.parametrize("text", ["", None, "HT-2026-1", "ht-26-0001", "HT-2026-0000",
                                  "VB-2026-0001", "HT-2026-00a1"])
def test_other_texts_are_no_numbers(text):
    assert N.parse_number(text) is None


def test_lower_case_is_read_and_zero_is_refused():
    assert N.parse_number(" ht-2026-0007 ") == (2026, 7)
    with pytest.raises(ValueError):
        N.format_number(2026, 0)


def test_each_year_is_its_own_series():
    assert N.series(2026) == "HT-2026" != N.series(2027)


D = datetime.datetime


@pytest.mark.parametrize("created, today, days", [
    (D(2026, 12, 1, 23, 50), datetime.date(2026, 12, 1), 0),
    (D(2026, 12, 1, 23, 50), datetime.date(2026, 12, 2), 1),
    (D(2026, 11, 1, 8, 0), D(2026, 12, 1, 7, 0), 30),
    (D(2026, 12, 2, 8, 0), datetime.date(2026, 12, 1), 0),  # clocks apart: never negative
])
def test_age_in_calendar_days(created, today, days):
    assert T.age_days(created, today) == days


def test_time_to_resolve_in_tenths_of_days():
    assert T.resolve_days(D(2026, 12, 1, 8), None) is None
    assert T.resolve_days(D(2026, 12, 1, 8), D(2026, 12, 1, 20)) == 0.5
    assert T.resolve_days(D(2026, 12, 1, 8), D(2026, 12, 4, 8)) == 3.0


@pytest.mark.parametrize("values, expected", [
    ([], None), ([None], None), ([3.0], 3.0), ([0.5, 10.0, 1.0], 1.0),
    ([0.5, 1.0, 2.0, 40.0], 1.5),
])
def test_median_is_not_moved_by_one_slow_request(values, expected):
    assert T.median(values) == expected
