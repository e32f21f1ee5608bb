"""The weekly work calendar (issue 20): each agency's calendar of
plone.app.event events, drafted by the office, published by a leader,
its version raised by a change after publishing."""

from plone import api
from plone.app.testing import login
from plone.event.interfaces import IEvent
from qlvbdh_policy.work_calendar import weeks
from work_calendar_fixtures import add_entry
from work_calendar_fixtures import at

import pytest


def test_each_agency_has_its_calendar(province):
    a, b = province
    for agency in (a, b):
        calendar = agency["lich-cong-tac"]
        assert calendar.portal_type == "WorkCalendar"
        assert api.content.get_state(calendar) == "active"


def test_entries_are_events_with_the_schedules_columns(portal, calendar, drafted):
    entry = drafted[0]
    assert IEvent.providedBy(entry)
    assert entry.start == at(1, 8) and entry.start.tzinfo.zone == "Asia/Ho_Chi_Minh"
    info = weeks.week_info(calendar, 2026, 49)
    titles = [r["title"] for r in info["rows"]]
    assert titles == ["Họp giao ban lãnh đạo Sở",
                      "Làm việc với UBND huyện Cái Bè về chuyển đổi số",
                      "Giao ban chuyên viên phòng"]
    first, second, third = info["rows"]
    assert (first["weekday"], first["session"], first["time"]) == ("Tuesday", "sang",
                                                                     "08:00 - 10:00")
    assert (second["session"], second["time"]) == ("chieu", "14:00 - 16:30")
    assert first["host"] == "Trần Văn Lãnh Đạo"
    assert "Lê Minh Hiếu" in first["participants"]
    assert first["location"] == "Phòng họp số 1"
    assert first["preparing_unit"] == "Văn phòng"
    assert third["recurring"]


def test_a_recurring_entry_appears_in_later_weeks(portal, calendar, drafted):
    later = weeks.week_info(calendar, 2026, 51)
    assert [r["title"] for r in later["rows"]] == ["Giao ban chuyên viên phòng"]
    assert later["rows"][0]["date"].isoformat() == "2026-12-17"
    assert weeks.week_info(calendar, 2027, 1)["rows"] == []  # COUNT=4 ended


def test_drafts_are_the_offices_until_a_leader_publishes(portal, calendar, drafted):
    login(portal, "xla")
    assert weeks.week_info(calendar, 2026, 49)["rows"] == []
    login(portal, "vta")
    with pytest.raises(weeks.WeekForbidden):
        weeks.publish_week(calendar, 2026, 49)
    assert weeks.submit_week(calendar, 2026, 49)["state"] == weeks.SUBMITTED
    login(portal, "xla")
    with pytest.raises(weeks.WeekForbidden):
        weeks.submit_week(calendar, 2026, 49)
    login(portal, "lda")
    rec = weeks.publish_week(calendar, 2026, 49)
    assert (rec["state"], rec["version"]) == (weeks.PUBLISHED, 1)
    assert [api.content.get_state(e) for e in drafted] == ["published"] * 3
    login(portal, "xla")
    assert len(weeks.week_info(calendar, 2026, 49)["rows"]) == 3
    login(portal, "cbb")  # another agency's official
    assert weeks.week_info(calendar, 2026, 49)["rows"] == []


def test_an_empty_week_is_not_published(portal, calendar):
    login(portal, "lda")
    with pytest.raises(weeks.WeekRefused):
        weeks.publish_week(calendar, 2026, 50)


def test_a_change_after_publishing_raises_the_version_once(portal, calendar, drafted):
    login(portal, "lda")
    weeks.publish_week(calendar, 2026, 49)
    login(portal, "vta")
    entry = drafted[0]
    entry.location = "Hội trường Sở"
    from zope.lifecycleevent import modified

    modified(entry)
    added = add_entry(calendar, "Tiếp đoàn kiểm tra của Bộ", at(4, 9))
    rec = calendar.week_record("2026-W49")
    assert rec["version"] == 2  # one request, one adjustment
    assert weeks.version_text(rec["version"]) == "điều chỉnh lần 1"
    assert api.content.get_state(added) == "published"
    assert [h["action"] for h in rec["history"]] == ["publish", "change"]


def test_a_change_to_a_draft_week_changes_no_version(portal, calendar, drafted):
    login(portal, "vta")
    add_entry(calendar, "Họp chi bộ", at(5, 14))
    assert calendar.week_record("2026-W49") is None


@pytest.mark.parametrize("value", ["2026-49", "tuần này", "2026-W54"])
def test_bad_week_is_refused(value):
    with pytest.raises(weeks.WeekRefused) as refused:
        weeks.read_week(value)
    assert refused.value.field == "week"


def test_people_index_and_leader_filter(portal, calendar, drafted):
    login(portal, "lda")
    weeks.publish_week(calendar, 2026, 49)
    catalog = api.portal.get_tool("portal_catalog")
    assert len(catalog.unrestrictedSearchResults(work_calendar_people="pha")) == 2
    rows = weeks.week_info(calendar, 2026, 49, leader="tpa")["rows"]
    assert [r["title"] for r in rows] == ["Giao ban chuyên viên phòng"]


def test_an_entry_removed_after_publishing_raises_the_version(portal, calendar, drafted):
    login(portal, "lda")
    weeks.publish_week(calendar, 2026, 49)
    login(portal, "vta")
    api.content.delete(drafted[1])
    rec = calendar.week_record("2026-W49")
    assert rec["version"] == 2 and rec["history"][-1]["action"] == "change"
    assert len(weeks.week_info(calendar, 2026, 49)["rows"]) == 2


def test_an_entry_moved_to_another_published_week_raises_both(portal, calendar, drafted):
    login(portal, "lda")
    weeks.publish_week(calendar, 2026, 49)
    login(portal, "vta")
    add_entry(calendar, "Họp tuần sau", at(8, 8))
    login(portal, "lda")
    weeks.publish_week(calendar, 2026, 50)
    import transaction

    transaction.savepoint()
    login(portal, "vta")
    entry = drafted[0]
    entry.start, entry.end = at(9, 8), at(9, 10)
    from zope.lifecycleevent import modified

    modified(entry)
    entry.reindexObject()
    assert calendar.week_record("2026-W49")["version"] == 2
    assert calendar.week_record("2026-W50")["version"] == 2
    assert [r["title"] for r in weeks.week_info(calendar, 2026, 50)["rows"]] == [
        "Họp tuần sau", "Họp giao ban lãnh đạo Sở", "Giao ban chuyên viên phòng"]
