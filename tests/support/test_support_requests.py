"""A support request from the form's action to its answer (Quy chế Điều
10.4): numbered HT-2026-NNNN, assigned to an officer of the IT centre,
taken in hand, resolved or refused with a reason, the requester mailed at
each change through the site's mail queue (a real SMTP server on
loopback); "Yêu cầu của tôi" and the centre's queue with ages; a domain
request creates its agency (Điều 6.1.c)."""

from mail_fixtures import delivered
from mail_fixtures import mailbox
from plone import api
from plone.app.testing import login
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.support import tracking
from qlvbdh_policy.support.domains import DomainRefused
from support_fixtures import make_support_province

import pytest
import transaction


@pytest.fixture
def smtp(functional, tmp_path):
    portal = functional["portal"]
    make_support_province(portal)
    transaction.commit()
    with mailbox(tmp_path) as inbox:
        yield portal, inbox


def submit(portal, userid, **data):
    login(portal, userid)
    data.setdefault("kind", "incident")
    data.setdefault("kind_title", "Báo sự cố")
    data.setdefault("details", "Không mở được tệp đính kèm của văn bản đến.")
    request = tracking.create_request(data, userid)
    transaction.commit()
    return request


def mails_to(inbox, address):
    return [m for rcpt, m in inbox.messages if address in rcpt]


def test_a_request_walked_to_its_answer_with_a_mail_at_each_change(smtp):
    portal, inbox = smtp
    first = submit(portal, "xla")
    second = submit(portal, "cbb", urgency="urgent", urgency_title="Khẩn")
    assert (first.number, second.number) == ("HT-2026-0001", "HT-2026-0002")
    assert first.requester_name == "Lê Minh Hiếu"
    assert first.requester_agency == portal["sttt"].title
    assert second.requester_agency == "Ủy ban nhân dân huyện Cái Bè"
    assert api.content.get_state(first) == "new"
    # the requester reads his own, not another's; the IT centre reads both
    login(portal, "xla")
    assert [r.number for r in tracking.my_requests()] == ["HT-2026-0001"]
    assert not api.user.has_permission("View", obj=second)
    with pytest.raises(RefusedValue) as refused:
        tracking.queue()
    assert refused.value.status == 403
    with pytest.raises(RefusedValue):
        tracking.take_step(first, "start")
    login(portal, "ktv1")
    assert [r.number for r in tracking.queue()] == ["HT-2026-0001", "HT-2026-0002"]
    assert [i["age_days"] for i in map(tracking.summary, tracking.queue())] == [0, 0]
    # assigned to a colleague, taken in hand, resolved
    with pytest.raises(RefusedValue) as refused:
        tracking.take_step(first, "assign", assignee="lda")
    assert refused.value.field == "assignee"
    tracking.take_step(first, "assign", assignee="ktv2")
    transaction.commit()
    login(portal, "ktv2")
    with pytest.raises(RefusedValue) as refused:
        tracking.take_step(first, "resolve")
    assert refused.value.status == 409
    transaction.abort()
    tracking.take_step(first, "start")
    transaction.commit()
    tracking.take_step(first, "resolve", resolution="Đã cấu hình lại trình xem tệp PDF.")
    transaction.commit()
    assert api.content.get_state(first) == "resolved"
    assert first.assignee == "ktv2" and first.closed is not None
    # refused: a reason is required, then told
    login(portal, "ktv1")
    with pytest.raises(RefusedValue) as refused:
        tracking.take_step(second, "reject", reason="  ")
    assert refused.value.field == "reason"
    transaction.abort()
    tracking.take_step(second, "reject", reason="Đây là lỗi của máy tính cá nhân.")
    transaction.commit()
    assert api.content.get_state(second) == "rejected"
    assert [r.number for r in tracking.queue()] == []
    messages = delivered(inbox, count=6)
    to_xla = mails_to(inbox, "xla@example.vn")
    subjects = [str(m["Subject"]) for m in to_xla]
    assert len(to_xla) == 4, subjects  # received, assigned, in progress, resolved
    assert all("HT-2026-0001" in s for s in subjects)
    assert "Đã xử lý" in subjects[-1]
    assert "Đã cấu hình lại trình xem tệp PDF." in to_xla[-1].get_content()
    assert "Lê Hỗ Trợ" in to_xla[1].get_content()
    to_cbb = mails_to(inbox, "cbb@example.vn")
    assert len(to_cbb) == 2 and "Từ chối" in str(to_cbb[-1]["Subject"])
    assert "Đây là lỗi của máy tính cá nhân." in to_cbb[-1].get_content()
    assert len(messages) == 6


def test_reject_from_the_state_menu_needs_a_reason_too(smtp):
    portal, _inbox = smtp
    request = submit(portal, "xla")
    login(portal, "ktv1")
    wftool = api.portal.get_tool("portal_workflow")
    with pytest.raises(RefusedValue) as refused:
        wftool.doActionFor(request, "reject")
    assert "lý do" in str(refused.value) and refused.value.field == "reason"
    transaction.abort()
    wftool.doActionFor(request, "reject", comment="Trùng yêu cầu khác.")
    assert request.reason == "Trùng yêu cầu khác."


def test_a_domain_request_creates_the_agency_once_resolved(smtp):
    portal, inbox = smtp
    refused = None
    login(portal, "qta")
    with pytest.raises(RefusedValue) as refused:
        tracking.create_request({"kind": "domain", "details": "Đăng ký tên miền"}, "qta")
    assert refused.value.field == "agency_name"
    transaction.abort()
    request = submit(portal, "qta", kind="domain", kind_title="Đăng ký tên miền",
                     details="Sở mới thành lập.", agency_name="Sở Tài chính")
    login(portal, "ktv1")
    assert tracking.summary(request)["suggested_abbr"] == "stc"
    tracking.take_step(request, "start")
    transaction.commit()
    with pytest.raises(DomainRefused) as refused:
        tracking.take_step(request, "resolve", abbr="sttt")
    assert refused.value.field == "abbr"
    transaction.abort()
    tracking.take_step(request, "resolve", resolution="Đã tạo cơ quan.")
    transaction.commit()
    agency = portal["stc"]
    assert agency.portal_type == "Agency" and agency.title == "Sở Tài chính"
    assert agency.notation_abbr == "STC"
    assert api.group.get(groupname="stc-clerks") is not None  # set up as any agency
    assert "den-2026" in agency.objectIds()
    assert tracking.summary(request)["created_agency"] == agency.absolute_url()
    last = delivered(inbox, count=3)[-1][1]
    assert agency.absolute_url() in last.get_content()


def test_the_time_to_resolve_feeds_the_usage_report(smtp):
    """Quy chế Điều 13: the province's report says how the IT centre
    answered: received, resolved, refused, open at the period's end, and
    the median time a request took (support/figures.py)."""
    from qlvbdh_policy.rules import periods as P
    from qlvbdh_policy.stats import usage

    portal, _inbox = smtp
    first, second, third = (submit(portal, user) for user in ("xla", "cbb", "xla"))
    login(portal, "ktv1")
    tracking.take_step(first, "start")
    tracking.take_step(first, "resolve", resolution="Đã sửa.")
    tracking.take_step(second, "reject", reason="Không thuộc phạm vi hỗ trợ.")
    transaction.commit()
    year = P.whole_year(2026)
    found = usage.usage_report(portal, year)["support"]
    assert found == {"received": 3, "resolved": 1, "rejected": 1, "open": 1,
                     "median_resolve_days": 0.0}
    # a period before any request: nothing received, nothing open
    assert usage.usage_report(portal, P.month(2025, 1))["support"] == {
        "received": 0, "resolved": 0, "rejected": 0, "open": 0, "median_resolve_days": None}
    # the request still open is counted open at the end of a period it closes after
    tracking.take_step(third, "start")
    tracking.take_step(third, "resolve", resolution="Xong.")
    transaction.commit()
    assert usage.usage_report(portal, year)["support"]["open"] == 0
    assert usage.usage_report(portal, year)["support"]["resolved"] == 2
