"""The periods of the oversight reports and the arithmetic of their figures,
pure (issue 18).

A period is two dates of Vietnam time, both included: a month, a quarter,
six months, a year (Quy chế Điều 13 asks for six-monthly, yearly and
on-demand reports) or any from–to. Working days are Monday to Friday; public
holidays are not known to the system and count as working days.
"""

from dataclasses import dataclass
from qlvbdh_policy.timeutil import read_date

import datetime
import re

# why a period is refused; the caller turns each into a message naming the field
BAD_DATE, ORDER, BAD_SHORTCUT = "bad_date", "order", "bad_shortcut"

MONTH, QUARTER, HALF, YEAR = "month", "quarter", "half", "year"


class PeriodError(ValueError):
    """``field`` is the parameter at fault ('from', 'to', 'period'),
    ``reason`` one of BAD_DATE, ORDER, BAD_SHORTCUT, ``value`` what was sent
    (for ORDER, the two dates read)."""

    def __init__(self, field, reason, value=""):
        super().__init__(f"{field}: {reason} ({value})")
        self.field, self.reason, self.value = field, reason, value


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def __contains__(self, day):
        return day is not None and self.start <= day <= self.end

    def as_json(self):
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def month(year, number):
    start = datetime.date(year, number, 1)
    following = datetime.date(year + number // 12, number % 12 + 1, 1)
    return Period(start, following - datetime.timedelta(days=1))


def months_of(period):
    """The months a period touches, each cut to the period (the
    dashboard's trend per month)."""
    out, day = [], period.start
    while day <= period.end:
        whole = month(day.year, day.month)
        out.append(Period(max(whole.start, period.start), min(whole.end, period.end)))
        day = whole.end + datetime.timedelta(days=1)
    return out


def months(year, first, count):
    return Period(month(year, first).start, month(year, first + count - 1).end)


def quarter(year, number):
    return months(year, 3 * number - 2, 3)


def half(year, number):
    return months(year, 6 * number - 5, 6)


def whole_year(year):
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


#: 2026 (a year), 2026-11 (a month), 2026-Q4 (a quarter), 2026-H2 (six months)
SHORTCUT = re.compile(r"(\d{4})(?:-(?:(\d{2})|[Qq]([1-4])|[Hh]([12])))?")


def shortcut(token):
    """The period a shortcut names.

    :raises PeriodError: for anything else (field 'period')."""
    match = SHORTCUT.fullmatch((token or "").strip())
    year = int(match.group(1)) if match else 0
    if not match or year < 1:
        raise PeriodError("period", BAD_SHORTCUT, token)
    number, q, h = match.group(2), match.group(3), match.group(4)
    if number:
        if not 1 <= int(number) <= 12:
            raise PeriodError("period", BAD_SHORTCUT, token)
        return month(year, int(number))
    if q:
        return quarter(year, int(q))
    if h:
        return half(year, int(h))
    return whole_year(year)


def token(kind, year, number=None):
    """The shortcut of a month, quarter, half or year."""
    if kind == MONTH:
        return f"{year}-{number:02d}"
    return {QUARTER: f"{year}-Q{number}", HALF: f"{year}-H{number}", YEAR: f"{year}"}[kind]


def shortcuts(today):
    """The choices a period chooser offers, most used first: (token, kind,
    number, year) for this month and the last, this year's quarters and
    halves begun so far, this year and the last."""
    this = month(today.year, today.month)
    last = month(today.year - 1, 12) if today.month == 1 else month(today.year, today.month - 1)
    out = [(token(MONTH, p.start.year, p.start.month), MONTH, p.start.month, p.start.year)
           for p in (this, last)]
    out += [(token(QUARTER, today.year, n), QUARTER, n, today.year)
            for n in range(1, (today.month - 1) // 3 + 2)]
    out += [(token(HALF, today.year, n), HALF, n, today.year)
            for n in range(1, (today.month - 1) // 6 + 2)]
    out += [(token(YEAR, y), YEAR, None, y) for y in (today.year, today.year - 1)]
    return out


def _date(text, field):
    try:
        return read_date(text)
    except ValueError:
        raise PeriodError(field, BAD_DATE, text) from None


def read_period(start=None, end=None, named=None, today=None):
    """The period of a request: ``start`` and ``end`` as dd/mm/yyyy or
    yyyy-mm-dd, or, when both are empty, the shortcut ``named``; else from
    1 January to ``today``. A missing end is ``today``, a missing start
    1 January of the end's year.

    :raises PeriodError: naming the field at fault."""
    start_day, end_day = _date(start, "from"), _date(end, "to")
    if start_day is None and end_day is None and (named or "").strip():
        return shortcut(named)
    end_day = end_day or today
    start_day = start_day or datetime.date(end_day.year, 1, 1)
    if start_day > end_day:
        raise PeriodError("from", ORDER, (start_day, end_day))
    return Period(start_day, end_day)


# -- working days (Quyết định 28/2018/QĐ-TTg Điều 6 khoản 2) -------------------


def is_working_day(day):
    return day.weekday() < 5


def working_day_on_or_after(day):
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def feedback_deadline(delivered):
    """The last day on which a delivery's receipt is acknowledged "the same
    working day": that day, or the next working day for a delivery made on
    a Saturday or Sunday."""
    return working_day_on_or_after(delivered)


def acknowledged_in_time(delivered, acknowledged):
    return acknowledged is not None and acknowledged <= feedback_deadline(delivered)


# a document's delivery feedback: every recipient acknowledged in time; one
# did late (or never, once the day is over); some still may today
SAME_DAY, LATE, WAITING = "same_day", "late", "waiting"


def feedback(deliveries):
    """The feedback of one document from its deliveries, [(delivered day,
    acknowledged day or None)]; None when it was delivered to no agency.
    WAITING while an acknowledgement is missing and none came late."""
    if not deliveries:
        return None
    if any(ack is not None and not acknowledged_in_time(day, ack) for day, ack in deliveries):
        return LATE
    if any(ack is None for day, ack in deliveries):
        return WAITING
    return SAME_DAY


def feedback_on(value, delivered, today):
    """``feedback`` as it stands on ``today``: a document still WAITING once
    its deadline has passed is LATE."""
    if value == WAITING and delivered is not None and today > feedback_deadline(delivered):
        return LATE
    return value


# -- figures ---------------------------------------------------------------------------


def rate(part, whole):
    """``part`` of ``whole`` as a fraction to four decimals; None of nothing."""
    return round(part / whole, 4) if whole else None


def average(values, digits=1):
    values = list(values)
    return round(sum(values) / len(values), digits) if values else None


def processing_days(arrived, completed):
    """Calendar days from the arrival date to the day of completion."""
    return (completed - arrived).days


#: what Products.PluginIndexes' DateIndex keeps: minutes of UTC time packed as
#: ((((year * 12 + month) * 31 + day) * 24 + hour) * 60 + minute); a plain
#: date is kept as its midnight, with no time zone
_VIETNAM = datetime.timezone(datetime.timedelta(hours=7))


def index_day(value):
    """The Vietnam date of a DateIndex's number. Months and days start at
    1, so the packing's remainders of 0 belong to the unit above."""
    value, minute = divmod(value, 60)
    value, hour = divmod(value, 24)
    value, day = divmod(value, 31)
    if day == 0:
        value, day = value - 1, 31
    year, month = divmod(value, 12)
    if month == 0:
        year, month = year - 1, 12
    moment = datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.timezone.utc)
    return moment.astimezone(_VIETNAM).date()


def completed_in_time(completed, due):
    """Done by the deadline; a document without a deadline is in time."""
    return due is None or completed <= due


def is_overdue(due, today):
    """Past its deadline on ``today`` (the deadline day itself is in time)."""
    return due is not None and due < today
