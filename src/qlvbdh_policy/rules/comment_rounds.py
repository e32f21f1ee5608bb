"""A round of comments on a draft (lấy ý kiến góp ý dự thảo): its deadline,
who is late, the rows of the summary table (bảng tổng hợp ý kiến).

Drafts for comment travel electronically only (Quy chế 03/2014/QĐ-UBND
Điều 3 khoản 3 điểm đ); the system sends them and takes the answers back
(NĐ 30/2020 Phụ lục VI mục III.5.a). Each party asked answers once, and
may change that answer until the end of the deadline day (Vietnam time);
after it the answer is refused.
"""

from collections import namedtuple
from qlvbdh_policy import _
from qlvbdh_policy.rules.refusals import Refusal

RULE = "Quy chế 03/2014/QĐ-UBND, Điều 3 khoản 3 điểm đ; NĐ 30/2020, Phụ lục VI mục III.5.a"

AGREE, COMMENTS = "agree", "comments"
VERDICTS = (AGREE, COMMENTS)
VERDICT_TITLES = {AGREE: _("Agrees with the draft"), COMMENTS: _("Has comments")}
NO_ANSWER = _("No answer yet")

#: the states of a round, as the drafter's page and REST name them
OPEN, COMPLETE, CLOSED = "open", "complete", "closed"
STATE_TITLES = {OPEN: _("Asking for comments"), COMPLETE: _("Every party has answered"),
                CLOSED: _("Deadline passed")}

MSG_NEED_DEADLINE = _("Give the deadline for comments (dd/mm/yyyy).")
MSG_DEADLINE_PAST = _("The deadline for comments ${date} is before today.")
MSG_NEED_PARTY = _("Choose at least one agency, department or person to ask for comments.")
MSG_CLOSED = _("The deadline for comments was ${date}: answers are no longer taken (${rule}).")
MSG_BAD_VERDICT = _("Choose whether you agree with the draft or have comments.")
MSG_NEED_COMMENTS = _("Write your comments or attach a file with them.")

Row = namedtuple("Row", "number party verdict text filename answered_on")


def format_day(day):
    return day.strftime("%d/%m/%Y")


def deadline_refusal(deadline, today):
    """The deadline of a new round: given, and not before today."""
    if deadline is None:
        return Refusal("deadline", RULE, MSG_NEED_DEADLINE, {})
    if deadline < today:
        return Refusal("deadline", RULE, MSG_DEADLINE_PAST, {"date": format_day(deadline)})
    return None


def is_open(deadline, today):
    """Answers are taken through the deadline day itself."""
    return today <= deadline


def answer_refusal(deadline, today, verdict, text, has_file):
    """An answer given (or changed) on ``today``: before the end of the
    deadline, a known verdict, and comments that say something."""
    if not is_open(deadline, today):
        return Refusal(None, RULE, MSG_CLOSED, {"date": format_day(deadline), "rule": RULE})
    if verdict not in VERDICTS:
        return Refusal("verdict", RULE, MSG_BAD_VERDICT, {})
    if verdict == COMMENTS and not (text or "").strip() and not has_file:
        return Refusal("text", RULE, MSG_NEED_COMMENTS, {})
    return None


def late(party_keys, answered_keys):
    """The parties asked who have not answered, in the order they were asked."""
    answered = set(answered_keys)
    return [key for key in party_keys if key not in answered]


def round_state(party_keys, answered_keys, deadline, today):
    """open → complete (every party answered; answers may still change)
    → closed once the deadline day is over."""
    if not is_open(deadline, today):
        return CLOSED
    return COMPLETE if not late(party_keys, answered_keys) else OPEN


def summary_rows(parties, answers):
    """One row per party asked, in the order asked, the unanswered with no
    verdict: ``parties`` [(key, title)], ``answers`` {key: {verdict, text,
    filename, when}}."""
    rows = []
    for number, (key, title) in enumerate(parties, start=1):
        answer = answers.get(key)
        if answer is None:
            rows.append(Row(number, title, None, "", "", None))
        else:
            rows.append(Row(number, title, answer["verdict"], answer.get("text") or "",
                            answer.get("filename") or "", answer.get("when")))
    return rows


def counts(party_keys, answered_keys):
    """{asked, answered, late} of a round."""
    missing = late(party_keys, answered_keys)
    return {"asked": len(party_keys), "answered": len(party_keys) - len(missing),
            "late": len(missing)}
