"""The weekly calendar's pure rules: week numbers, buổi, giờ, version labels."""

from qlvbdh_policy.rules import work_weeks as W

import datetime
import pytest

D = datetime.date
T = datetime.datetime


@pytest.mark.parametrize("day,key", [
    (D(2026, 11, 30), "2026-W49"),  # a Monday
    (D(2026, 12, 6), "2026-W49"),   # its Sunday
    (D(2026, 12, 7), "2026-W50"),
    (D(2027, 1, 1), "2026-W53"),    # 2026 has 53 ISO weeks: 1 January 2027 is in its last
    (D(2027, 1, 4), "2027-W01"),
    (D(2025, 12, 29), "2026-W01"),  # week 1 of 2026 starts in December 2025
])
def test_week_key(day, key):
    assert W.week_key(day) == key


def test_week_dates_monday_to_sunday():
    assert W.week_dates(2026, 49) == (D(2026, 11, 30), D(2026, 12, 6))
    assert W.week_dates(2026, 1) == (D(2025, 12, 29), D(2026, 1, 4))


@pytest.mark.parametrize("text", ["", "2026-49", "2026-W0", "2026-W54", "2027-W53",
                                  "W49", "2026-W4x", None])
def test_bad_week_keys_refused(text):
    with pytest.raises(ValueError):
        W.parse_week_key(text)


def test_parse_and_shift():
    assert W.parse_week_key(" 2026-W9 ") == (2026, 9)
    assert W.shifted(2026, 53, 1) == (2027, 1)
    assert W.shifted(2026, 1, -1) == (2025, 52)


@pytest.mark.parametrize("hour,minute,whole,session", [
    (7, 30, False, W.MORNING), (11, 59, False, W.MORNING), (12, 0, False, W.AFTERNOON),
    (17, 59, False, W.AFTERNOON), (18, 0, False, W.EVENING), (8, 0, True, W.ALL_DAY),
])
def test_session(hour, minute, whole, session):
    assert W.session_of(T(2026, 12, 1, hour, minute), whole) == session


def test_time_label():
    start = T(2026, 12, 1, 8, 0)
    assert W.time_label(start) == "08:00"
    assert W.time_label(start, T(2026, 12, 1, 11, 30)) == "08:00 - 11:30"
    assert W.time_label(start, T(2026, 12, 2, 11, 30)) == "08:00"  # ends another day
    assert W.time_label(start, whole_day=True) == ""


def test_weekday():
    assert W.weekday_msgid(D(2026, 11, 30)) == "Monday"
    assert W.weekday_msgid(D(2026, 12, 6)) == "Sunday"


def test_version_label():
    assert W.version_label(0) is None
    assert W.version_label(1) == (W.MSG_FIRST_ISSUE, {})
    assert W.version_label(2) == (W.MSG_ADJUSTMENT, {"number": 1})
    assert W.version_label(4) == (W.MSG_ADJUSTMENT, {"number": 3})


@pytest.mark.parametrize("text,value", [
    ("01/12/2026 08:00", T(2026, 12, 1, 8, 0)),
    ("01/12/2026", T(2026, 12, 1)),
    ("2026-12-01T14:30", T(2026, 12, 1, 14, 30)),
    ("", None),
])
def test_read_moment(text, value):
    assert W.read_moment(text) == value


def test_read_moment_keeps_an_offset():
    moment = W.read_moment("2026-12-01T08:00:00+07:00")
    assert moment.utcoffset() == datetime.timedelta(hours=7)


@pytest.mark.parametrize("text", ["32/12/2026 08:00", "mai", "2026-13-01T08:00"])
def test_bad_moments(text):
    with pytest.raises(ValueError):
        W.read_moment(text)


def test_week_keys_of_spans():
    assert W.week_keys([(D(2026, 12, 1), D(2026, 12, 1))]) == ["2026-W49"]
    assert W.week_keys([(D(2026, 12, 6), D(2026, 12, 7))]) == ["2026-W49", "2026-W50"]
    assert W.week_keys([(D(2026, 12, 3), D(2026, 12, 3)), (D(2026, 12, 10), D(2026, 12, 10)),
                        (D(2026, 12, 31), D(2026, 12, 31))]) == ["2026-W49", "2026-W50",
                                                                 "2026-W53"]
    many = [(D(2026, 1, 5) + datetime.timedelta(weeks=n),) * 2 for n in range(1000)]
    assert len(W.week_keys(many, limit=10)) == 10
