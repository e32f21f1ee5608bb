"""The pure rules of a round of comments on a draft (rules/comment_rounds.py;
Quy chế Điều 3.3.đ, NĐ 30/2020 Phụ lục VI III.5.a): no Zope."""

from qlvbdh_policy.rules import comment_rounds as rules

import datetime
import pytest

TODAY = datetime.date(2026, 11, 27)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize("deadline,field,msgid", [
    (None, "deadline", rules.MSG_NEED_DEADLINE),
    (TODAY - DAY, "deadline", rules.MSG_DEADLINE_PAST),
    (datetime.date(2025, 12, 31), "deadline", rules.MSG_DEADLINE_PAST),
])
def test_a_deadline_is_given_and_not_past(deadline, field, msgid):
    refusal = rules.deadline_refusal(deadline, TODAY)
    assert (refusal.field, refusal.msgid) == (field, msgid)
    if deadline is not None:
        assert refusal.mapping == {"date": deadline.strftime("%d/%m/%Y")}


@pytest.mark.parametrize("deadline", [TODAY, TODAY + DAY, datetime.date(2027, 1, 5)])
def test_today_or_later_is_a_deadline(deadline):
    assert rules.deadline_refusal(deadline, TODAY) is None


@pytest.mark.parametrize("today,open_", [
    (TODAY - DAY, True), (TODAY, True),  # through the deadline day itself
    (TODAY + DAY, False), (datetime.date(2027, 1, 1), False),
])
def test_answers_are_taken_through_the_deadline_day(today, open_):
    assert rules.is_open(TODAY, today) is open_


def test_past_the_deadline_the_answer_is_refused_naming_the_deadline():
    refusal = rules.answer_refusal(datetime.date(2026, 12, 4), datetime.date(2026, 12, 5),
                                   rules.AGREE, "", False)
    assert refusal.field is None and refusal.msgid == rules.MSG_CLOSED
    assert refusal.mapping["date"] == "04/12/2026"
    assert "Điều 3 khoản 3 điểm đ" in refusal.mapping["rule"]


@pytest.mark.parametrize("verdict,text,has_file,field", [
    (rules.AGREE, "", False, None),
    (rules.AGREE, "Nhất trí", False, None),
    (rules.COMMENTS, "Sửa Điều 2", False, None),
    (rules.COMMENTS, "", True, None),  # the comments in a file
    (rules.COMMENTS, "  \n ", False, "text"),
    (rules.COMMENTS, "", False, "text"),
    ("", "x", False, "verdict"),
    ("disagree", "x", False, "verdict"),
    (None, "", False, "verdict"),
])
def test_an_answer_agrees_or_says_something(verdict, text, has_file, field):
    refusal = rules.answer_refusal(TODAY, TODAY, verdict, text, has_file)
    assert (refusal.field if refusal else None) == field


def test_late_are_those_not_answered_in_the_order_asked():
    assert rules.late(["a", "b", "c"], ["b"]) == ["a", "c"]
    assert rules.late(["a"], ["a", "gone"]) == []
    assert rules.counts(["a", "b", "c"], ["b"]) == {"asked": 3, "answered": 1, "late": 2}


@pytest.mark.parametrize("answered,today,state", [
    ([], TODAY, rules.OPEN),
    (["a"], TODAY, rules.OPEN),
    (["a", "b"], TODAY, rules.COMPLETE),  # answers may still change
    (["a", "b"], TODAY + DAY, rules.CLOSED),
    ([], TODAY + DAY, rules.CLOSED),
])
def test_a_round_is_open_complete_then_closed(answered, today, state):
    assert rules.round_state(["a", "b"], answered, TODAY, today) == state


def test_summary_rows_list_every_party_asked_the_unanswered_without_verdict():
    when = datetime.datetime(2026, 11, 28, 9, 30)
    rows = rules.summary_rows(
        [("user:xla", "Lê Minh Hiếu"), ("group:sttt-vp-heads", "Văn phòng"),
         ("agency:1", "UBND huyện Cái Bè")],
        {"agency:1": {"verdict": rules.COMMENTS, "text": "Bổ sung Điều 3", "filename": "y.docx",
                      "when": when},
         "user:xla": {"verdict": rules.AGREE, "text": "", "filename": "", "when": when}})
    assert [r.number for r in rows] == [1, 2, 3]
    assert rows[0] == rules.Row(1, "Lê Minh Hiếu", rules.AGREE, "", "", when)
    assert rows[1] == rules.Row(2, "Văn phòng", None, "", "", None)
    assert rows[2].text == "Bổ sung Điều 3" and rows[2].filename == "y.docx"
