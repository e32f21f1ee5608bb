"""The 30-day notice of case files due for hand-over (NĐ 30/2020 Phụ lục
VI III.5.b), mailed to the person responsible through the site's mail
queue to a real SMTP server on loopback; once per case file; the cron
script (`make hand-over-notices`) sends before its process ends."""

from mail_fixtures import delivered
from mail_fixtures import mailbox
from plone import api
from plone.app.testing import login
from qlvbdh_policy import mail_queue
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import handover
from qlvbdh_policy.casefiles import plans
from routing_fixtures import make_archivist
from routing_fixtures import make_province

import datetime
import pytest
import transaction

D = datetime.date


@pytest.fixture
def smtp(functional, tmp_path):
    with mailbox(tmp_path) as inbox:
        yield functional["portal"], inbox


@pytest.fixture
def plan(smtp):
    """The plan of 2026 in the functional layer's site (the mails' one)."""
    portal = smtp[0]
    a, _b = make_province(portal)
    login(portal, "vta")
    plan = plans.ensure_plan(a, 2026)
    plans.add_entries(plan, [
        {"code": "01.VP", "title": "Hồ sơ về chuyển đổi số năm 2026", "retention": "10",
         "department": "vp", "responsible": "xla"},
        {"code": "02.VP", "title": "Hồ sơ hội nghị tổng kết năm 2026",
         "retention": "permanent", "department": "vp", "responsible": "pha"}])
    return plan


def closed_case_files(portal, plan):
    """xla's 01.VP closed on 15/12/2025 (due 15/12/2026, told from
    15/11/2026); pha's 02.VP closed on 10/02/2026 (due 10/02/2027)."""
    make_archivist(portal)
    a = plan.aq_parent
    entries = {e.code: e.UID() for e in plan.objectValues()}
    login(portal, "xla")
    mine = filing.open_case_file(a, plan_entry=entries["01.VP"], opened=D(2025, 3, 1))
    filing.close(mine, closed="2025-12-15", page_count=4)
    login(portal, "pha")
    theirs = filing.open_case_file(a, plan_entry=entries["02.VP"], opened=D(2026, 1, 5))
    filing.close(theirs, closed="2026-02-10")
    transaction.commit()
    return mine, theirs


def test_the_person_responsible_is_told_thirty_days_before_once(smtp, plan):
    portal, inbox = smtp
    mine, theirs = closed_case_files(portal, plan)
    with api.env.adopt_roles(["Manager"]):
        assert handover.send_notices(D(2026, 11, 14)) == {}  # 31 days before
        sent = handover.send_notices(D(2026, 11, 15))
    transaction.commit()
    assert sent == {mine.UID(): "xla"}
    [(rcpt, message)] = delivered(inbox, 1)
    assert rcpt == ["xla@example.vn"]
    assert str(message["Subject"]) == (
        "Hồ sơ đến hạn nộp lưu ngày 15/12/2026: 01.VP Hồ sơ về chuyển đổi số năm 2026")
    body = message.get_content()
    assert "kết thúc ngày 15/12/2025" in body and "chậm nhất ngày 15/12/2026" in body
    assert "Phụ lục VI, mục III.5.b" in body
    assert mine.absolute_url().split("/plone/")[-1] in body
    assert mine.hand_over_notified == D(2026, 11, 15)
    inbox.messages.clear()
    # the next morning: nothing again; pha's comes 30 days before its own deadline
    with api.env.adopt_roles(["Manager"]):
        assert handover.send_notices(D(2026, 11, 16)) == {}
        assert handover.send_notices(D(2027, 1, 11)) == {theirs.UID(): "pha"}
    transaction.commit()
    [(rcpt, message)] = delivered(inbox, 1)
    assert rcpt == ["pha@example.vn"]


def test_a_case_file_handed_over_is_not_told(smtp, plan):
    portal, inbox = smtp
    mine, _theirs = closed_case_files(portal, plan)
    login(portal, "xla")
    handover.hand_over(mine)
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        assert handover.send_notices(D(2026, 11, 20)) == {}


def test_without_a_sender_nothing_is_said_sent(smtp, plan):
    portal, inbox = smtp
    mine, _theirs = closed_case_files(portal, plan)
    api.portal.set_registry_record("plone.email_from_address", "")
    with api.env.adopt_roles(["Manager"]):
        assert handover.send_notices(D(2026, 11, 20)) == {}
    assert getattr(mine, "hand_over_notified", None) is None


def test_the_cron_script_sends_before_its_process_ends(smtp, plan, monkeypatch):
    """`make hand-over-notices` (zconsole run scripts/hand_over_notices.py)."""
    from qlvbdh_policy.console import hand_over_notices

    portal, inbox = smtp
    mine, _theirs = closed_case_files(portal, plan)
    monkeypatch.setenv("MAILHOST_QUEUE_ONLY", "1")
    mail_queue.stop_processor()
    sent = hand_over_notices.main(portal.aq_parent, ["--site", portal.getId(),
                                                     "--date", "2026-11-27"])
    assert sent == {mine.UID(): "xla"}
    [(rcpt, message)] = inbox.messages  # already sent: no waiting
    assert rcpt == ["xla@example.vn"]
    assert mail_queue.queued() == []
