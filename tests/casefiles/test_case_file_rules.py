"""Pure rules of the file plan and the case files (rules/case_files.py):
notations, the file code, retention counted from the year after closing,
the documents' order numbers."""

from qlvbdh_policy.rules import case_files as R

import datetime
import pytest

D = datetime.date


@pytest.mark.parametrize("value, expected", [
    ("01.VP", "01.VP"),
    ("1.vp", "01.VP"),
    (" 12.KHTC ", "12.KHTC"),
    ("1.2.VP", "01.2.VP"),
    ("105.TCCB", "105.TCCB"),
    ("03.QLĐT", "03.QLĐT"),
])
def test_notations_are_written_alike(value, expected):
    assert R.normalise_notation(value) == expected
    assert R.refuse_notation(value) is None


@pytest.mark.parametrize("value", ["", "VP", "01", "01-VP", "01.", ".VP", "01.V P", "1234.VP",
                                   "01.VP.", "01.ABCDEFGHIJKLMNOPQRSTU"])
def test_what_is_no_notation_is_refused_naming_the_rule(value):
    refusal = R.refuse_notation(value, field="code")
    assert refusal is not None and refusal.field == "code"
    assert "Phụ lục VI" in refusal.mapping["rule"]


def test_a_notation_longer_than_twenty_characters_is_refused():
    refusal = R.refuse_notation("01.ABCDEFGHIJKLMNOPQRS")
    assert refusal.msgid == R.MSG_NOTATION_LONG


def test_notation_from_number_and_department():
    assert R.format_notation(1, "VP") == "01.VP"
    assert R.format_notation(23, "khtc") == "23.KHTC"


def test_file_code_joins_agency_year_and_notation():
    assert R.file_code("000.00.12.H57", 2026, "01.VP") == "000.00.12.H57.2026.01.VP"
    assert R.file_code(None, 2026, "01.VP") == "2026.01.VP"


@pytest.mark.parametrize("closed, retention, end", [
    (D(2026, 6, 15), "10", D(2036, 12, 31)),
    (D(2026, 12, 31), "5", D(2031, 12, 31)),
    (D(2026, 1, 1), "20", D(2046, 12, 31)),
    (D(2026, 6, 15), "permanent", None),
    (None, "10", None),
])
def test_retention_counts_from_the_year_after_closing(closed, retention, end):
    assert R.retention_end(closed, retention) == end


def test_retention_start_is_next_january():
    assert R.retention_start_year(D(2026, 12, 31)) == 2027


@pytest.mark.parametrize("value", ["5", "10", "20", "permanent"])
def test_the_four_retentions(value):
    assert R.refuse_retention(value) is None


@pytest.mark.parametrize("value", ["15", "", None, "vinh-vien", 10])
def test_other_retentions_are_refused(value):
    assert R.refuse_retention(value).field == "retention"


def test_closing_before_opening_is_refused_with_both_dates():
    refusal = R.refuse_closing(D(2026, 3, 1), D(2026, 2, 28))
    assert refusal.mapping["closed"] == "28/02/2026" and refusal.mapping["opened"] == "01/03/2026"
    assert R.refuse_closing(D(2026, 3, 1), D(2026, 3, 1)) is None


def test_documents_are_numbered_in_the_order_they_came_each_once():
    uids, new = R.added([], ["a", "b"])
    assert new == ["a", "b"]
    uids, new = R.added(uids, ["b", "c", "c", ""])
    assert uids == ["a", "b", "c"] and new == ["c"]
    assert R.numbered(uids) == [(1, "a"), (2, "b"), (3, "c")]


def test_a_document_taken_out_leaves_no_gap():
    uids, gone = R.removed(["a", "b", "c"], ["b", "x"])
    assert gone == ["b"]
    assert R.numbered(uids) == [(1, "a"), (2, "c")]


def test_at_most_999_documents():
    assert R.refuse_count(["x"] * 999) is None
    assert R.refuse_count(["x"] * 1000).field == "documents"


@pytest.mark.parametrize("closed, dates, refused_by", [
    (datetime.date(2026, 11, 20), [("45/UBND-VP", datetime.date(2026, 11, 20))], None),
    (datetime.date(2026, 11, 19), [("45/UBND-VP", datetime.date(2026, 11, 20))], "45/UBND-VP"),
    (datetime.date(2026, 11, 19), [("01/QĐ", datetime.date(2026, 1, 2)),
                                   ("02/QĐ", datetime.date(2026, 12, 1))], "02/QĐ"),
    (datetime.date(2026, 11, 19), [("không ngày", None)], None),
])
def test_a_case_file_closes_after_its_documents_came(closed, dates, refused_by):
    refusal = R.refuse_closing_before_documents(closed, dates)
    assert (refusal.mapping["document"] if refusal else None) == refused_by
    if refusal:
        assert refusal.field == "closed" and refusal.mapping["closed"] == "19/11/2026"


def test_no_english_term_in_the_rules_quoted():
    assert "(FileNotation)" not in R.RULE_NOTATION
    assert R.PAGE_COUNT_BOUNDS[0] == 0  # a case file kept only electronically has 0 pages
