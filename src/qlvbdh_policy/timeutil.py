"""Vietnam time: registers, numbers and dates follow Asia/Ho_Chi_Minh
whatever the server's time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def vietnam_now():
    return datetime.now(VIETNAM)


def vietnam_today():
    return vietnam_now().date()
