"""The weekly work calendar's arithmetic (lịch công tác tuần; Quy chế Điều
3.3 lists work schedules among the documents sent electronically only).

A week runs Monday to Sunday and is numbered as ISO 8601 numbers it (week 1
holds the year's first Thursday), the number printed on the schedule
("Tuần 49, từ ngày 30/11/2026 đến ngày 06/12/2026"). Its key in URLs and
REST is ``2026-W49``. The columns Thứ/ngày and Buổi come from an entry's
start; the version label from the number of times the week was published.
"""

from qlvbdh_policy import _

import datetime
import re

KEY = re.compile(r"^(\d{4})-W(\d{1,2})$")

#: Thứ of the week, Monday first (Vietnamese schedules count Monday as Thứ Hai)
WEEKDAYS = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
            _("Saturday"), _("Sunday"))

MORNING, AFTERNOON, EVENING, ALL_DAY = "sang", "chieu", "toi", "ca_ngay"
SESSIONS = {MORNING: _("Morning"), AFTERNOON: _("Afternoon"), EVENING: _("Evening"),
            ALL_DAY: _("All day")}
NOON, EVENING_FROM = 12, 18

MSG_FIRST_ISSUE = _("first issue")
MSG_ADJUSTMENT = _("adjustment no. ${number}")


def week_of(day):
    """(ISO year, week number) of a date."""
    year, week, _weekday = day.isocalendar()
    return year, week


def week_key(day):
    year, week = week_of(day)
    return f"{year}-W{week:02d}"


def week_dates(year, week):
    """(Monday, Sunday) of a week; ValueError for a week the year lacks."""
    monday = datetime.date.fromisocalendar(year, week, 1)
    return monday, monday + datetime.timedelta(days=6)


def parse_week_key(text):
    """(year, week) of ``2026-W49``; ValueError for anything else,
    week 53 of a year of 52 weeks included."""
    match = KEY.match((text or "").strip())
    if match is None:
        raise ValueError(text)
    year, week = int(match.group(1)), int(match.group(2))
    week_dates(year, week)  # raises for week 0, 54, or 53 of a short year
    return year, week


def shifted(year, week, weeks):
    """The week ``weeks`` later (earlier when negative)."""
    monday, _sunday = week_dates(year, week)
    return week_of(monday + datetime.timedelta(weeks=weeks))


def session_of(start, whole_day=False):
    """Buổi: sáng before noon, chiều until six, tối after; cả ngày for an
    all-day entry."""
    if whole_day:
        return ALL_DAY
    if start.hour < NOON:
        return MORNING
    return AFTERNOON if start.hour < EVENING_FROM else EVENING


def weekday_msgid(day):
    return WEEKDAYS[day.weekday()]


def time_label(start, end=None, whole_day=False):
    """Giờ: "08:00" or "08:00 - 11:30"; empty for an all-day entry."""
    if whole_day:
        return ""
    text = start.strftime("%H:%M")
    if end is not None and end.date() == start.date() and end > start:
        text += " - " + end.strftime("%H:%M")
    return text


def version_label(version):
    """(msgid, mapping) of the week's version: the first publication is the
    schedule itself, each later one its adjustment ("điều chỉnh lần 1" is
    version 2). None for a week never published (version 0)."""
    if version < 1:
        return None
    if version == 1:
        return MSG_FIRST_ISSUE, {}
    return MSG_ADJUSTMENT, {"number": version - 1}


#: how a meeting's moment is read: as officials write it, then ISO 8601
MOMENT_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y")


def read_moment(text):
    """A datetime of "01/12/2026 08:00", "01/12/2026" or ISO 8601
    ("2026-12-01T08:00+07:00"); naive unless the text gives an offset.
    None for empty text; ValueError for anything else."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in MOMENT_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return datetime.datetime.fromisoformat(text)


def week_keys(spans, limit=400):
    """The keys of the weeks that (start date, end date) spans touch, in
    order, at most ``limit`` (a recurrence without end stops there)."""
    found = []
    for first, last in spans:
        day = first - datetime.timedelta(days=first.weekday())
        while day <= last and len(found) < limit:
            key = week_key(day)
            if key not in found:
                found.append(key)
            day += datetime.timedelta(weeks=1)
        if len(found) >= limit:
            break
    return found
