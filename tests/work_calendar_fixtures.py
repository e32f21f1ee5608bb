"""Building blocks of the work calendar tests: Vietnam times of week 49
of 2026 as plone.app.event stores them, an entry added to a calendar."""

from plone import api
from qlvbdh_policy.work_calendar.invitations import EVENT_ZONE

import datetime

WEEK = "2026-W49"  # Monday 30/11/2026 to Sunday 06/12/2026


def at(day, hour, minute=0):
    return EVENT_ZONE.localize(datetime.datetime(2026, 12, day, hour, minute))


def add_entry(calendar, title="Họp giao ban lãnh đạo Sở", start=None, end=None, **kw):
    start = start or at(1, 8)
    fields = dict(title=title, start=start, end=end or start + datetime.timedelta(hours=2),
                  host="lda", participants=["xla"], location="Phòng họp số 1",
                  preparing_unit="Văn phòng")
    fields.update(kw)
    return api.content.create(container=calendar, type="WorkCalendarEntry", **fields)
