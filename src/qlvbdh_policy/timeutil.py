"""Vietnam time: registers, numbers and dates follow Asia/Ho_Chi_Minh
whatever the server's time zone."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def vietnam_now():
    return datetime.now(VIETNAM)


def vietnam_today():
    return vietnam_now().date()


# Vietnam has kept UTC+7 without summer time since 1975; a fixed offset
# pickles in the ZODB, a ZoneInfo does not.
VIETNAM_OFFSET = timezone(timedelta(hours=7), "ICT")


def vietnam_timestamp():
    """Now, to the second, as a datetime that can be stored in the ZODB."""
    return datetime.now(VIETNAM_OFFSET).replace(microsecond=0)


def format_date(value):
    """dd/mm/yyyy, as Vietnamese documents write dates; '' when there is
    none (None, or a catalog's Missing.Value)."""
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else ""


def format_datetime(value):
    """hh:mm dd/mm/yyyy; '' when there is none."""
    return value.strftime("%H:%M %d/%m/%Y") if hasattr(value, "strftime") else ""
