"""The work calendar over HTTP (issue 20): plone.app.event's @@ics_view of
an agency's calendar and a person's token feed, read with the
``icalendar`` library (recurrence, time zone Asia/Ho_Chi_Minh); the entries
through plone.restapi; the week's REST service and its refusals in the
project's envelope; the week's PDF read back with pdftotext."""

from plone.app.testing import login
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.work_calendar.invitations import EVENT_ZONE
from rest_client import call
from rest_client import ok
from rest_client import refused
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from work_calendar_fixtures import add_entry
from work_calendar_fixtures import at
from work_calendar_fixtures import WEEK

import datetime
import icalendar
import pytest
import requests
import subprocess
import transaction


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    a, _b = make_province(portal)
    login(portal, "vta")
    calendar = a["lich-cong-tac"]
    add_entry(calendar)
    add_entry(calendar, "Giao ban chuyên viên phòng", at(3, 7, 30), at(3, 8, 30),
              host="tpa", participants=["xla", "pha"], recurrence="RRULE:FREQ=WEEKLY;COUNT=4")
    add_entry(calendar, "Hội nghị cả ngày", at(4, 0), at(4, 23, 59), whole_day=True,
              participants=["pha"])
    # a series begun weeks before (its first meetings are past)
    add_entry(calendar, "Sinh hoạt chuyên đề", EVENT_ZONE.localize(datetime.datetime(
        2026, 11, 2, 15, 0)), EVENT_ZONE.localize(datetime.datetime(2026, 11, 2, 16, 0)),
        host="tpa", participants=[], recurrence="RRULE:FREQ=WEEKLY;COUNT=10")
    transaction.commit()
    return server_url


def events(data):
    calendar = icalendar.Calendar.from_ical(data)
    return calendar, {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def publish(site):
    return ok(call("POST", f"{site}/sttt/lich-cong-tac/@work-week", "lda",
                   {"week": WEEK, "action": "publish"}))


def test_agency_feed_is_plone_app_events_ics(site):
    publish(site)
    response = requests.get(f"{site}/sttt/lich-cong-tac/@@ics_view",
                            auth=("xla", PASSWORD), timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar, found = events(response.content)
    assert set(found) == {"Họp giao ban lãnh đạo Sở", "Giao ban chuyên viên phòng",
                          "Hội nghị cả ngày", "Sinh hoạt chuyên đề"}
    assert str(calendar["x-wr-timezone"]) == "Asia/Ho_Chi_Minh"
    assert [str(t["tzid"]) for t in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    meeting = found["Họp giao ban lãnh đạo Sở"]
    start = meeting["dtstart"].dt
    assert start.utcoffset() == datetime.timedelta(hours=7)
    assert start.replace(tzinfo=None) == datetime.datetime(2026, 12, 1, 8, 0)
    assert meeting["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(meeting["location"]) == "Phòng họp số 1"
    rule = found["Giao ban chuyên viên phòng"]["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["COUNT"] == [4]
    series = found["Sinh hoạt chuyên đề"]  # where it began, not its next meeting
    assert series["dtstart"].dt.replace(tzinfo=None) == datetime.datetime(2026, 11, 2, 15, 0)
    assert series["dtend"].dt.replace(tzinfo=None) == datetime.datetime(2026, 11, 2, 16, 0)
    assert series["rrule"]["COUNT"] == [10]
    whole = found["Hội nghị cả ngày"]
    assert whole["dtstart"].dt == datetime.date(2026, 12, 4)  # a date: all day


def test_drafts_stay_out_of_the_staffs_feed(site):
    response = requests.get(f"{site}/sttt/lich-cong-tac/@@ics_view",
                            auth=("xla", PASSWORD), timeout=60)
    assert events(response.content)[1] == {}


def test_person_feed_by_token_for_a_phone(site, server):
    publish(site)
    url = ok(call("GET", f"{site}/@my-work-calendar", "pha"))["feed_url"]
    assert url.startswith(f"{site}/@@work-calendar-feed/") and len(url.rsplit("/", 1)[1]) > 40
    response = requests.get(url, timeout=60)  # no login: the token is the key
    assert response.status_code == 200
    _calendar, found = events(response.content)
    assert set(found) == {"Giao ban chuyên viên phòng", "Hội nghị cả ngày"}  # pha's only
    assert found["Giao ban chuyên viên phòng"]["rrule"]["COUNT"] == [4]
    assert found["Giao ban chuyên viên phòng"]["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert requests.get(url + "x", timeout=60).status_code == 404
    new = ok(call("POST", f"{site}/@my-work-calendar", "pha"))["feed_url"]
    assert new != url
    assert requests.get(url, timeout=60).status_code == 404  # the old address is dead
    assert requests.get(new, timeout=60).status_code == 200
    guard(server["portal"]).disable("pha")  # the account disabled: its feed too
    transaction.commit()
    assert requests.get(new, timeout=60).status_code == 404


def test_rest_week_entries_and_refusals(site):
    week = ok(call("GET", f"{site}/sttt/lich-cong-tac/@work-week", "vta",
                   params={"week": WEEK}))
    assert (week["state"], week["version"], len(week["rows"])) == ("draft", 0, 4)
    refused(call("GET", f"{site}/sttt/lich-cong-tac/@work-week", "vta",
                 params={"week": "tuần 49"}), 400, "week")
    refused(call("POST", f"{site}/sttt/lich-cong-tac/@work-week", "vta",
                 {"week": WEEK, "action": "publish"}), 403)
    refused(call("POST", f"{site}/sttt/lich-cong-tac/@work-week", "lda",
                 {"week": WEEK, "action": "archive"}), 400, "action")
    week = publish(site)
    assert (week["state"], week["version"], week["version_label"]) == (
        "published", 1, "ban hành lần đầu")
    # an entry through plone.restapi's content services, into the published week
    added = ok(call("POST", f"{site}/sttt/lich-cong-tac", "vta", {
        "@type": "WorkCalendarEntry", "title": "Tiếp đoàn kiểm tra",
        "start": "2026-12-05T09:00:00+07:00", "end": "2026-12-05T11:00:00+07:00",
        "host": "lda", "location": "Phòng khách"}), 201)
    assert added["review_state"] == "published"
    entry = ok(call("GET", added["@id"], "cba"))
    assert entry["start"] == "2026-12-05T09:00:00+07:00"  # Vietnam time (restapi/dates.py)
    week = ok(call("GET", f"{site}/sttt/lich-cong-tac/@work-week", "cba",
                   params={"week": WEEK}))
    assert week["version_label"] == "điều chỉnh lần 1" and len(week["rows"]) == 5
    refused(call("GET", f"{site}/sttt/lich-cong-tac/@work-week", "cbb",
                 params={"week": WEEK}), 403)


def test_week_pdf_has_the_usual_header(site):
    publish(site)
    week = ok(call("GET", f"{site}/sttt/lich-cong-tac/@work-week", "vta",
                   params={"week": WEEK}))
    moved = next(r for r in week["rows"] if r["title"] == "Họp giao ban lãnh đạo Sở")
    response = call("PATCH", moved["@id"], "vta", {"location": "Hội trường Sở"})
    assert response.status_code == 204, response.text
    response = requests.get(f"{site}/sttt/lich-cong-tac/@@work-week.pdf",
                            params={"week": WEEK}, auth=("xla", PASSWORD), timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content,
                          check=True, capture_output=True).stdout.decode()
    assert "LỊCH CÔNG TÁC TUẦN" in text
    assert "Tuần 49 (từ ngày 30/11/2026 đến ngày 06/12/2026)" in text
    assert "Điều chỉnh lần 1" in text
    assert "Hội trường Sở" in text
    for column in ("Thứ/ngày", "Buổi", "Nội dung", "Chủ trì", "Địa điểm"):
        assert column in text
    assert "Họp giao ban lãnh đạo Sở" in text and "Thứ Ba" in text
