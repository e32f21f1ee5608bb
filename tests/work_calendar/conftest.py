"""Fixtures of the work calendar tests: the province of routing_fixtures
(sttt and ubndcb, one person per role), entries made by sttt's office."""

from plone import api
from plone.app.testing import login
from qlvbdh_policy.work_calendar.invitations import EVENT_ZONE
from routing_fixtures import make_province

import datetime
import pytest

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


@pytest.fixture
def province(portal):
    return make_province(portal)


@pytest.fixture
def calendar(province):
    a, _b = province
    return a["lich-cong-tac"]


@pytest.fixture
def drafted(portal, calendar):
    """Three entries of week 49 drafted by sttt's office (vta), one a weekly
    recurring meeting."""
    login(portal, "vta")
    entries = [
        add_entry(calendar),
        add_entry(calendar, "Làm việc với UBND huyện Cái Bè về chuyển đổi số",
                  at(2, 14), at(2, 16, 30), participants=["pha"], location="UBND huyện Cái Bè"),
        add_entry(calendar, "Giao ban chuyên viên phòng", at(3, 7, 30), at(3, 8, 30),
                  host="tpa", participants=["xla", "pha"],
                  recurrence="RRULE:FREQ=WEEKLY;COUNT=4"),
    ]
    return entries
