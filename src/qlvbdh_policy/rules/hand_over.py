"""Nộp lưu hồ sơ vào Lưu trữ cơ quan: the pure rules of the hand-over
(NĐ 30/2020 Điều 30, Điều 31.3; Phụ lục VI III.5.b).

- Hạn nộp lưu (Điều 30.2.b): within one year from the day the work
  ended, the case file's closing date; a case file closed on 29/02 is due
  on 28/02 of the next year. (Điều 30.2.a, three months after the
  settlement of a construction project, needs a date this system does not
  keep: the office writes it in the plan's notes.)
- The archive publishes the list of the case files due in a year: those
  whose deadline falls in that year.
- The notice (III.5.b): 30 days before the deadline, once per case file;
  a notice the daily job missed goes out the next day it runs, while the
  case file still waits (not after the deadline has passed a year).
- Returned by the archive: always with a reason, kept in the history.
- The retention runs from the year after closing (``case_files``).
"""

from collections import namedtuple
from qlvbdh_policy import _

import datetime

Refusal = namedtuple("Refusal", "field rule msgid mapping")

RULE_DEADLINE = ("NĐ 30/2020/NĐ-CP, Điều 30 khoản 2 điểm b: nộp lưu trong thời hạn 01 năm "
                 "kể từ ngày công việc kết thúc")
RULE_NOTICE = ("NĐ 30/2020/NĐ-CP, Phụ lục VI, mục III.5.b: thông báo hồ sơ đến hạn nộp lưu "
               "trước 30 ngày")
RULE_HAND_OVER = "NĐ 30/2020/NĐ-CP, Điều 30 khoản 3 điểm b: nộp lưu hồ sơ điện tử"

NOTICE_DAYS = 30
MAX_REASON = 2000

MSG_NEED_REASON = _("Give the reason the case file is returned (${rule}).")
MSG_REASON_LONG = _("The reason is longer than ${max} characters.")


def hand_over_deadline(closed):
    """Hạn nộp lưu: one year after the closing date (Điều 30.2.b); None
    while the case file is open."""
    if closed is None:
        return None
    try:
        return closed.replace(year=closed.year + 1)
    except ValueError:  # 29 February
        return closed.replace(year=closed.year + 1, day=28)


def notice_date(deadline):
    """The day the person responsible is told (III.5.b)."""
    return deadline - datetime.timedelta(days=NOTICE_DAYS)


def due_in(closed, year):
    """Whether a case file closed on ``closed`` is due in ``year``."""
    deadline = hand_over_deadline(closed)
    return deadline is not None and deadline.year == year


def notice_due(closed, today, notified=False):
    """Whether the notice goes out ``today``: from 30 days before the
    deadline on, once, and not for a deadline passed more than a year ago
    (a case file forgotten for years is the archive's business, not a
    mail every morning)."""
    deadline = hand_over_deadline(closed)
    if deadline is None or notified:
        return False
    return notice_date(deadline) <= today <= deadline + datetime.timedelta(days=365)


def overdue(closed, today):
    """Past its deadline and not handed over."""
    deadline = hand_over_deadline(closed)
    return deadline is not None and today > deadline


def refuse_reason(reason, field="reason"):
    """A return needs its reason (the history keeps it and shows it)."""
    text = (reason or "").strip() if isinstance(reason, str) else ""
    if not text:
        return Refusal(field, RULE_HAND_OVER, MSG_NEED_REASON, {"rule": RULE_HAND_OVER})
    if len(text) > MAX_REASON:
        return Refusal(field, RULE_HAND_OVER, MSG_REASON_LONG, {"max": str(MAX_REASON)})
    return None


def time_span(opened, closed):
    """Thời gian tài liệu of the mục lục: the years the case file ran,
    ``2025`` or ``2025-2026``."""
    first = (opened or closed).year if (opened or closed) else None
    last = closed.year if closed else first
    if first is None:
        return ""
    return str(first) if first == last else f"{first}-{last}"
