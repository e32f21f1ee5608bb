"""The week's page in Chromium at a phone's width (390 px), in Vietnamese:
the office submits the week, a leader publishes it, a person copies their
feed address and a phone's calendar reads it without logging in."""

from browser import chromium_page
from browser import login
from plone.app.testing import login as zlogin
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from ui_english import english_on
from ui_english import overflow
from ui_english import overflowing
from work_calendar_fixtures import add_entry
from work_calendar_fixtures import at
from work_calendar_fixtures import WEEK

import icalendar
import requests
import transaction


def test_the_week_on_a_phone(server, server_url, artifacts):
    portal = server["portal"]
    a, _b = make_province(portal)
    zlogin(portal, "vta")
    calendar = a["lich-cong-tac"]
    add_entry(calendar, participants=["xla", "pha"],
              participants_text="Lãnh đạo các phòng chuyên môn thuộc Sở; đại diện Văn phòng "
                                "UBND tỉnh Tiền Giang")
    add_entry(calendar, "Giao ban chuyên viên phòng", at(3, 7, 30), at(3, 8, 30),
              host="tpa", participants=["xla"], recurrence="RRULE:FREQ=WEEKLY;COUNT=4")
    transaction.commit()
    week = f"{server_url}/sttt/lich-cong-tac/@@work-week?week={WEEK}"
    with chromium_page(width=390, height=844) as page:
        login(page, server_url, "vta", PASSWORD)
        assert page.goto(week).status == 200
        text = page.locator("#content").inner_text()
        assert "Lịch công tác tuần" in text
        assert "Tuần 49, từ ngày 30/11/2026 đến ngày 06/12/2026" in text
        assert "Thứ Ba, 01/12/2026" in text and "Sáng 08:00 - 10:00" in text
        assert "Chủ trì" in text and "Trần Văn Lãnh Đạo" in text
        page.screenshot(path=str(artifacts / "phone-work-week-draft.png"), full_page=True)
        assert not overflow(page), "the week is wider than the phone"
        assert not overflowing(page)
        assert english_on(page) == []
        # the add form: plone.app.event's fields, in Vietnamese, fitting the phone
        page.get_by_role("link", name="Thêm lịch").click()
        page.wait_for_load_state("networkidle")
        form = page.locator("#content").inner_text()
        for label in ("Nội dung", "Chủ trì", "Thành phần", "Đơn vị chuẩn bị", "Cả ngày",
                      "Lặp lại", "Địa điểm"):
            assert label in form, label
        page.screenshot(path=str(artifacts / "phone-work-entry-add.png"), full_page=True)
        assert not overflow(page), "the add form is wider than the phone"
        assert english_on(page) == []
        page.goto(week)
        page.get_by_role("button", name="Trình lãnh đạo duyệt lịch tuần").click()
        page.wait_for_load_state("networkidle")
        assert "Đã trình lãnh đạo duyệt lịch công tác tuần" in page.content()
        assert page.get_by_role("button", name="Duyệt và công bố lịch tuần").count() == 0

        login(page, server_url, "lda", PASSWORD)
        page.goto(week)
        page.get_by_role("button", name="Duyệt và công bố lịch tuần").click()
        page.wait_for_load_state("networkidle")
        assert "Đã công bố lịch công tác tuần (ban hành lần đầu)" in page.content()
        assert "Đã công bố – ban hành lần đầu" in page.locator(".qlvbdh-week-state").inner_text()
        page.screenshot(path=str(artifacts / "phone-work-week-published.png"), full_page=True)
        assert not overflow(page)

        login(page, server_url, "xla", PASSWORD)
        page.goto(week)
        page.get_by_role("link", name="Lịch của tôi trên điện thoại").click()
        page.wait_for_load_state("networkidle")
        assert "Lịch công tác của tôi trên điện thoại" in page.locator("h1").inner_text()
        feed = page.locator(".qlvbdh-feed-url").input_value()
        page.screenshot(path=str(artifacts / "phone-my-work-calendar.png"), full_page=True)
        assert not overflow(page)
        assert english_on(page) == []
    answer = requests.get(feed, timeout=60)  # the phone: no login
    assert answer.status_code == 200
    found = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in found) == ["Giao ban chuyên viên phòng",
                                                         "Họp giao ban lãnh đạo Sở"]
