"""Fixtures of the work calendar tests: the province of routing_fixtures
(sttt and ubndcb, one person per role), entries made by sttt's office."""

from plone.app.testing import login
from routing_fixtures import make_province
from work_calendar_fixtures import add_entry
from work_calendar_fixtures import at

import pytest


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
