"""A change after publishing tells the people concerned (issue 20), by mail
through the site's queue to a real SMTP server on loopback; an invitation
(giấy mời) puts its meeting on the calendars of the invited agencies and
people."""

from domain_fixtures import outgoing
from mail_fixtures import delivered
from mail_fixtures import mailbox
from plone import api
from plone.app.testing import login
from qlvbdh_policy.work_calendar import feeds
from qlvbdh_policy.work_calendar import invitations
from qlvbdh_policy.work_calendar import weeks
from routing_fixtures import make_province
from work_calendar_fixtures import add_entry
from work_calendar_fixtures import at
from zope.lifecycleevent import modified

import pytest
import transaction


@pytest.fixture
def smtp(functional, tmp_path):
    with mailbox(tmp_path) as inbox:
        yield functional["portal"], inbox


def test_a_change_after_publishing_mails_the_people_concerned(smtp):
    portal, inbox = smtp
    a, _b = make_province(portal)
    calendar = a["lich-cong-tac"]
    login(portal, "vta")
    entry = add_entry(calendar, participants=["xla", "pha"])
    add_entry(calendar, "Họp chi bộ", at(2, 14), host="tpa", participants=[])
    login(portal, "lda")
    weeks.publish_week(calendar, 2026, 49)
    transaction.commit()
    assert delivered(inbox) == []  # publishing the first time mails nobody

    login(portal, "vta")
    entry.location = "Hội trường Sở"
    modified(entry)
    transaction.commit()

    messages = delivered(inbox, 3)
    assert sorted(r for rcpts, _m in messages for r in rcpts) == [
        "lda@example.vn", "pha@example.vn", "xla@example.vn"]  # not tpa: not concerned
    message = messages[0][1]
    assert str(message["Subject"]) == (
        "Lịch công tác tuần 49 (điều chỉnh lần 1): Họp giao ban lãnh đạo Sở")
    body = message.get_content()
    assert "từ ngày 30/11/2026 đến ngày 06/12/2026" in body
    assert "Thứ Ba 01/12/2026, 08:00 - 10:00" in body
    assert "Địa điểm: Hội trường Sở" in body
    assert calendar.week_record("2026-W49")["version"] == 2


def test_an_invitation_reaches_the_invited_agencies_and_people(smtp):
    portal, _inbox = smtp
    a, b = make_province(portal)
    login(portal, "xla")
    invitation = outgoing(a["di-2026"], title="Giấy mời họp triển khai chuyển đổi số",
                          doc_type="giay_moi", recipients_internal=[b.UID()])
    with pytest.raises(weeks.WeekForbidden):  # staff: not the office or a leader
        invitations.put_on_calendars(invitation, at(3, 14), people=["ldb"])
    login(portal, "vta")
    with pytest.raises(invitations.InvitationRefused) as refused:
        invitations.put_on_calendars(invitation, at(3, 14), people=["nobody"])
    assert refused.value.field == "people"
    own, theirs = invitations.put_on_calendars(
        invitation, at(3, 14), at(3, 16), "Hội trường UBND tỉnh", people=["ldb", "xla"],
        host="lda")
    assert own.aq_parent == a["lich-cong-tac"] and theirs.aq_parent == b["lich-cong-tac"]
    assert own.participants == ["xla"] and theirs.participants == ["ldb"]
    assert own.host == "lda" and theirs.host is None
    assert theirs.location == "Hội trường UBND tỉnh"
    assert api.content.get_state(theirs) == "draft"  # for Cái Bè's office to keep
    again = invitations.put_on_calendars(invitation, at(3, 15), people=["ldb"])
    assert [e.UID() for e in again] == [own.UID(), theirs.UID()]  # updated, not doubled
    assert theirs.start == at(3, 15)
    login(portal, "ldb")
    weeks.publish_week(b["lich-cong-tac"], 2026, 49)
    assert [e.title for e in feeds.person_entries("ldb")] == [invitation.title]
    other = outgoing(a["di-2026"], title="Công văn", doc_type="cong_van")
    login(portal, "vta")
    with pytest.raises(invitations.InvitationRefused):
        invitations.put_on_calendars(other, at(3, 14))
