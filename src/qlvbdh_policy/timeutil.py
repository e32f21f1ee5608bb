"""Vietnam time: registers, numbers and dates follow Asia/Ho_Chi_Minh
whatever the server's time zone."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# Every rule that depends on the date (numbers restarting on 1 January,
# deadlines, the register's year) reads the clock here, so a test can set
# it with ``set_clock`` and walk across New Year's Eve.
_clock = None


def set_clock(now=None):
    """``now``: a callable returning an aware datetime, or None for the real clock."""
    global _clock
    _clock = now


def vietnam_now():
    if _clock is not None:
        return _clock().astimezone(VIETNAM)
    return datetime.now(VIETNAM)


def vietnam_today():
    return vietnam_now().date()


# Vietnam has kept UTC+7 without summer time since 1975; a fixed offset
# pickles in the ZODB, a ZoneInfo does not.
VIETNAM_OFFSET = timezone(timedelta(hours=7), "ICT")


def vietnam_timestamp():
    """Now, to the second, as a datetime that can be stored in the ZODB."""
    return vietnam_now().astimezone(VIETNAM_OFFSET).replace(microsecond=0)


def format_date(value):
    """dd/mm/yyyy, as Vietnamese documents write dates; '' when there is
    none (None, or a catalog's Missing.Value)."""
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else ""


#: how a date is read: as officials write it, then as a browser's date field sends it
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def read_date(text):
    """The date of ``text`` written dd/mm/yyyy or yyyy-mm-dd; None for an
    empty text. Raises ValueError for anything else (the caller names the
    field)."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def format_datetime(value):
    """hh:mm dd/mm/yyyy in Vietnam time; '' when there is none."""
    if not hasattr(value, "strftime"):
        return ""
    if getattr(value, "tzinfo", None) is not None:
        value = value.astimezone(VIETNAM_OFFSET)
    return value.strftime("%H:%M %d/%m/%Y")
