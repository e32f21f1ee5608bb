"""The pure rules of the hand-over to the agency's archive (NĐ 30/2020
Điều 30.2.b, Phụ lục VI III.5.b) and of the retention counted from the
year after closing: table-driven, no Zope."""

from qlvbdh_policy.rules import case_files as R
from qlvbdh_policy.rules import hand_over as H

import datetime
import pytest

D = datetime.date


@pytest.mark.parametrize("closed, deadline", [
    (D(2025, 11, 20), D(2026, 11, 20)),   # one year from the work's end
    (D(2025, 12, 31), D(2026, 12, 31)),
    (D(2024, 2, 29), D(2025, 2, 28)),     # no 29 February next year
    (D(2026, 1, 1), D(2027, 1, 1)),
    (None, None),                         # open: no deadline yet
])
def test_deadline_is_one_year_after_closing(closed, deadline):
    assert H.hand_over_deadline(closed) == deadline


@pytest.mark.parametrize("closed, year, due", [
    (D(2025, 11, 20), 2026, True),
    (D(2025, 11, 20), 2025, False),
    (D(2026, 1, 1), 2026, False),          # due 01/01/2027
    (D(2025, 12, 31), 2026, True),
    (None, 2026, False),
])
def test_due_in_the_year_its_deadline_falls_in(closed, year, due):
    assert H.due_in(closed, year) is due


@pytest.mark.parametrize("closed, today, notified, due", [
    (D(2025, 12, 31), D(2026, 12, 1), False, True),    # exactly 30 days before
    (D(2025, 12, 31), D(2026, 11, 30), False, False),  # 31 days before: not yet
    (D(2025, 12, 31), D(2026, 12, 15), False, True),   # a missed day caught up
    (D(2025, 12, 31), D(2026, 12, 15), True, False),   # once per case file
    (D(2025, 12, 31), D(2027, 12, 31), False, True),   # a year late: still told
    (D(2025, 12, 31), D(2028, 1, 1), False, False),    # forgotten for years: no more mail
    (None, D(2026, 12, 1), False, False),
])
def test_notice_thirty_days_before_once(closed, today, notified, due):
    assert H.notice_due(closed, today, notified) is due


def test_notice_date_and_overdue():
    assert H.notice_date(D(2026, 3, 1)) == D(2026, 1, 30)
    assert H.overdue(D(2025, 3, 1), D(2026, 3, 2))
    assert not H.overdue(D(2025, 3, 1), D(2026, 3, 1))
    assert not H.overdue(None, D(2026, 3, 1))


@pytest.mark.parametrize("reason, refused", [
    ("Thiếu văn bản số 12", False),
    ("", True), ("   \n ", True), (None, True), (12, True),
    ("x" * 2001, True),
])
def test_a_return_needs_its_reason(reason, refused):
    refusal = H.refuse_reason(reason)
    assert (refusal is not None) is refused
    if refusal:
        assert refusal.field == "reason"


@pytest.mark.parametrize("closed, retention, start, end", [
    (D(2026, 6, 15), "10", 2027, D(2036, 12, 31)),   # from the year after closing
    (D(2026, 12, 31), "5", 2027, D(2031, 12, 31)),
    (D(2026, 1, 1), "20", 2027, D(2046, 12, 31)),
    (D(2026, 6, 15), "permanent", 2027, None),
])
def test_retention_counted_from_the_year_after_closing(closed, retention, start, end):
    assert R.retention_start_year(closed) == start
    assert R.retention_end(closed, retention) == end


@pytest.mark.parametrize("opened, closed, span", [
    (D(2025, 3, 1), D(2026, 2, 1), "2025-2026"),
    (D(2026, 3, 1), D(2026, 9, 1), "2026"),
    (None, D(2026, 9, 1), "2026"),
    (None, None, ""),
])
def test_time_span_of_the_list(opened, closed, span):
    assert H.time_span(opened, closed) == span
