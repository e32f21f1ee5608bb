"""How long support requests wait and take (Quy chế Điều 9.1, 10.4: the IT
centre answers the users; Điều 13: its work is reported): the age of an
open request in whole days, the time a closed one took in days, and the
median the oversight figures read. Pure: dates and datetimes in, numbers
out."""

import datetime


def _day(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def age_days(created, today):
    """Whole calendar days since the request arrived (0 on its own day)."""
    return max((_day(today) - _day(created)).days, 0)


def resolve_days(created, closed):
    """Days from arrival to resolution, in tenths (0.5 for twelve hours);
    None when the request is not closed yet."""
    if closed is None:
        return None
    seconds = (closed - created).total_seconds()
    return round(max(seconds, 0) / 86400, 1)


def median(values):
    """The median of the numbers given (None for none): one slow request
    does not hide that most were answered the same day."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return round((values[middle - 1] + values[middle]) / 2, 1)
