"""The pure rules of the oversight reports: periods, working days, the
delivery feedback, rates (rules/periods.py)."""

from qlvbdh_policy.rules import periods as P

import datetime
import pytest

D = datetime.date
TODAY = D(2026, 11, 27)  # a Friday


@pytest.mark.parametrize("token, start, end", [
    ("2026", D(2026, 1, 1), D(2026, 12, 31)),
    ("2026-02", D(2026, 2, 1), D(2026, 2, 28)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),  # leap year
    ("2026-12", D(2026, 12, 1), D(2026, 12, 31)),  # the month that ends the year
    ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026-q4", D(2026, 10, 1), D(2026, 12, 31)),
    ("2026-H1", D(2026, 1, 1), D(2026, 6, 30)),  # six months (Quy chế Điều 13)
    ("2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
])
def test_shortcuts_name_months_quarters_halves_and_years(token, start, end):
    assert P.shortcut(token) == P.Period(start, end)


@pytest.mark.parametrize("token", ["", "26", "2026-13", "2026-00", "2026-Q5", "2026-H3",
                                   "2026-1", "quý 4", "0000", "2026-Q1; drop"])
def test_other_shortcuts_are_refused_naming_the_period(token):
    with pytest.raises(P.PeriodError) as refused:
        P.shortcut(token)
    assert (refused.value.field, refused.value.reason) == ("period", P.BAD_SHORTCUT)


@pytest.mark.parametrize("start, end, named, expected", [
    ("2026-01-01", "2026-06-30", None, (D(2026, 1, 1), D(2026, 6, 30))),
    ("01/07/2026", "31/12/2026", None, (D(2026, 7, 1), D(2026, 12, 31))),  # as officials write
    ("15/12/2025", "15/01/2026", None, (D(2025, 12, 15), D(2026, 1, 15))),  # across New Year
    ("", "", "2026-Q3", (D(2026, 7, 1), D(2026, 9, 30))),
    ("2026-03-01", "", "2025", (D(2026, 3, 1), TODAY)),  # dates win over the shortcut
    ("", "", "", (D(2026, 1, 1), TODAY)),  # this year so far
    ("", "2025-05-31", None, (D(2025, 1, 1), D(2025, 5, 31))),
    ("2026-11-27", "2026-11-27", None, (TODAY, TODAY)),  # one day
])
def test_a_period_from_dates_or_a_shortcut(start, end, named, expected):
    assert P.read_period(start, end, named, TODAY) == P.Period(*expected)


@pytest.mark.parametrize("start, end, field, reason", [
    ("2026-13-01", "", "from", P.BAD_DATE),
    ("", "31/02/2026", "to", P.BAD_DATE),
    ("hôm qua", "2026-01-01", "from", P.BAD_DATE),
    ("2026-12-01", "2026-11-30", "from", P.ORDER),
    ("2027-01-01", "", "from", P.ORDER),  # the end defaults to today
])
def test_bad_periods_name_the_parameter(start, end, field, reason):
    with pytest.raises(P.PeriodError) as refused:
        P.read_period(start, end, None, TODAY)
    assert (refused.value.field, refused.value.reason) == (field, reason)


def test_a_period_holds_its_days_both_ends_included():
    q4 = P.quarter(2026, 4)
    assert D(2026, 10, 1) in q4 and D(2026, 12, 31) in q4
    assert D(2027, 1, 1) not in q4 and None not in q4
    assert q4.as_json() == {"from": "2026-10-01", "to": "2026-12-31"}


def test_shortcuts_offered_on_a_day():
    tokens = [t for t, *_rest in P.shortcuts(TODAY)]
    assert tokens == ["2026-11", "2026-10", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4",
                      "2026-H1", "2026-H2", "2026", "2025"]
    january = [t for t, *_rest in P.shortcuts(D(2027, 1, 5))]
    assert january == ["2027-01", "2026-12", "2027-Q1", "2027-H1", "2027", "2026"]


@pytest.mark.parametrize("delivered, acknowledged, in_time", [
    (D(2026, 11, 23), D(2026, 11, 23), True),  # Monday, the same day
    (D(2026, 11, 23), D(2026, 11, 24), False),  # the next morning is late
    (D(2026, 11, 27), D(2026, 11, 30), False),  # Friday → Monday is late
    (D(2026, 11, 28), D(2026, 11, 30), True),  # Saturday: the next working day
    (D(2026, 11, 29), D(2026, 11, 30), True),  # Sunday likewise
    (D(2026, 11, 29), D(2026, 12, 1), False),
    (D(2026, 12, 31), D(2026, 12, 31), True),  # New Year's Eve
    (D(2026, 11, 23), None, False),
])
def test_acknowledged_the_same_working_day(delivered, acknowledged, in_time):
    assert P.acknowledged_in_time(delivered, acknowledged) is in_time


def test_feedback_of_a_document_from_its_deliveries():
    monday, tuesday = D(2026, 11, 23), D(2026, 11, 24)
    assert P.feedback([]) is None
    assert P.feedback([(monday, monday), (monday, monday)]) == P.SAME_DAY
    assert P.feedback([(monday, monday), (monday, tuesday)]) == P.LATE
    assert P.feedback([(monday, monday), (monday, None)]) == P.WAITING
    assert P.feedback([(monday, tuesday), (monday, None)]) == P.LATE  # late already
    # waiting while its day lasts, late once it is over
    assert P.feedback_on(P.WAITING, monday, monday) == P.WAITING
    assert P.feedback_on(P.WAITING, monday, tuesday) == P.LATE
    assert P.feedback_on(P.WAITING, D(2026, 11, 28), D(2026, 11, 30)) == P.WAITING
    assert P.feedback_on(P.SAME_DAY, monday, tuesday) == P.SAME_DAY


def test_figures():
    assert P.rate(2, 3) == 0.6667 and P.rate(0, 0) is None and P.rate(3, 3) == 1
    assert P.average([1, 2, 4]) == 2.3 and P.average([]) is None
    assert P.processing_days(D(2026, 12, 30), D(2027, 1, 4)) == 5
    assert P.completed_in_time(D(2026, 11, 20), D(2026, 11, 20))
    assert not P.completed_in_time(D(2026, 11, 21), D(2026, 11, 20))
    assert P.completed_in_time(D(2026, 11, 21), None)
    assert P.is_overdue(D(2026, 11, 26), TODAY) and not P.is_overdue(TODAY, TODAY)
    assert not P.is_overdue(None, TODAY)


def _date_index():
    from Products.PluginIndexes.DateIndex.DateIndex import DateIndex

    index = DateIndex("when")
    index.index_naive_time_as_local = True  # as profiles/default/catalog.xml sets it
    return index


@pytest.mark.parametrize("value, day", [
    (datetime.datetime(2026, 3, 1, 0, 30), D(2026, 3, 1)),  # 17:30 UTC the day before
    (datetime.datetime(2026, 12, 31, 23, 59), D(2026, 12, 31)),  # the year's last minute
    (datetime.datetime(2027, 1, 1, 6, 59), D(2027, 1, 1)),  # still 31/12 in UTC
    (datetime.datetime(2026, 1, 31, 12, 0), D(2026, 1, 31)),  # day 31: remainder 0
    (datetime.datetime(2026, 12, 15, 8, 0), D(2026, 12, 15)),  # month 12: remainder 0
    (D(2026, 5, 31), D(2026, 5, 31)),  # a plain date: its midnight, no zone
    (D(2026, 12, 31), D(2026, 12, 31)),
])
def test_the_day_a_date_index_keeps_is_read_back_in_vietnam_time(value, day):
    assert P.index_day(_date_index()._convert(value)) == day


def test_a_moment_with_its_own_zone_is_read_as_its_vietnam_date():
    from DateTime import DateTime

    assert P.index_day(_date_index()._convert(DateTime("2026/06/30 20:00:00 GMT+0"))) \
        == D(2026, 7, 1)
    assert P.index_day(_date_index()._convert(DateTime("2026/06/30 20:00:00 GMT+7"))) \
        == D(2026, 6, 30)
