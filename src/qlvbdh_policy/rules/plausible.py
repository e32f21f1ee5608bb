"""Plausible values of a register's record (NĐ 30/2020 Phụ lục IV, VI).

A typing slip that the register takes (a document dated 2062 instead of
2026, an arrival in next year's book, 30,000 pages) stays in the book for
good: numbers are never reused (Điều 15, 22), so the record cannot be
quietly dropped later. The dates are written as Vietnamese readers see
them, dd/mm/yyyy.
"""

from collections import namedtuple
from qlvbdh_policy import _
from qlvbdh_policy.timeutil import format_date

import datetime

Refusal = namedtuple("Refusal", "field rule msgid mapping")

RULE_DATES = "NĐ 30/2020/NĐ-CP, Phụ lục IV: ngày văn bản, ngày đến"
RULE_COUNTS = "NĐ 30/2020/NĐ-CP, Phụ lục VI: số trang, số lượng bản"

DEFAULT_MIN_DOCUMENT_DATE = datetime.date(1945, 1, 1)
COUNT_BOUNDS = (1, 10000)

MSG_DOC_DATE_FUTURE = _("The document date ${date} is after today (${today}).")
MSG_DOC_DATE_TOO_OLD = _(
    "The document date ${date} is before ${floor}, the earliest document date "
    "the system accepts."
)
MSG_ARRIVAL_FUTURE = _("The arrival date ${date} is after today (${today}).")
MSG_ARRIVAL_OTHER_YEAR = _(
    "The arrival date ${date} is not in ${year}, the year of the register "
    "“${register}”."
)
MSG_COUNT = _("“${field}” must be a whole number from ${low} to ${high}; ${value} is not.")


def refuse_doc_date(value, today, floor=DEFAULT_MIN_DOCUMENT_DATE, field="doc_date"):
    """Ngày văn bản: not after today, not before the configured floor."""
    if value is None:
        return None
    if value > today:
        return Refusal(field, RULE_DATES, MSG_DOC_DATE_FUTURE,
                       {"date": format_date(value), "today": format_date(today)})
    if floor is not None and value < floor:
        return Refusal(field, RULE_DATES, MSG_DOC_DATE_TOO_OLD,
                       {"date": format_date(value), "floor": format_date(floor)})
    return None


def refuse_arrival_date(value, today, register_year=None, register_title="",
                        field="arrival_date"):
    """Ngày đến: not in the future, and in the year of the book it is
    written in (numbers restart each 1 January: Điều 22)."""
    if value is None:
        return None
    if value > today:
        return Refusal(field, RULE_DATES, MSG_ARRIVAL_FUTURE,
                       {"date": format_date(value), "today": format_date(today)})
    if register_year is not None and value.year != int(register_year):
        return Refusal(field, RULE_DATES, MSG_ARRIVAL_OTHER_YEAR,
                       {"date": format_date(value), "year": str(register_year),
                        "register": register_title})
    return None


def refuse_count(value, field, field_title=None, bounds=COUNT_BOUNDS):
    """Số trang, số lượng bản: a whole number within ``bounds``."""
    if value is None:
        return None
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return Refusal(field, RULE_COUNTS, MSG_COUNT,
                       {"field": field_title or field, "low": str(low),
                        "high": f"{high:,}".replace(",", "."), "value": str(value)})
    return None
