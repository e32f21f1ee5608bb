"""Assignment and deadline mails, delivered to a real SMTP server on
loopback (aiosmtpd), in Vietnamese."""

from aiosmtpd.controller import Controller
from domain_fixtures import incoming
from mail_server import free_port
from mail_server import Inbox
from plone import api
from plone.app.testing import login
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing.notifications import deadline_digests
from qlvbdh_policy.timeutil import vietnam_today
from routing_fixtures import make_province

import datetime
import pytest
import transaction


@pytest.fixture
def smtp(functional):
    portal = functional["portal"]
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    # Plone's mailer takes the server from the registry (mail control panel)
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", port)
    api.portal.set_registry_record("plone.email_from_address", "qlvbdh@vpdtg.vn")
    api.portal.set_registry_record("plone.email_from_name", "QLVBĐH Tiền Giang")
    transaction.commit()
    yield portal, inbox
    controller.stop()


def subject(message):
    return str(message["Subject"])


def body(message):
    return message.get_content()


def test_assignment_mails_the_people_assigned(smtp):
    portal, inbox = smtp
    make_province(portal)
    login(portal, "vta")
    doc = incoming(portal["sttt"]["den-2026"], title="Công văn về việc rà soát hạ tầng mạng")
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    due = vietnam_today() + datetime.timedelta(days=4)
    steps.assign(doc, "xla", co_handlers=["pha"], informed=["dba"], due_date=due,
                   instruction="Khẩn trương tham mưu")
    assert inbox.messages == []  # nothing leaves before the commit
    transaction.commit()
    to = {tuple(rcpt) for rcpt, m in inbox.messages}
    assert to == {("xla@example.vn",), ("pha@example.vn",), ("dba@example.vn",)}
    handler = next(m for rcpt, m in inbox.messages if rcpt == ["xla@example.vn"])
    assert subject(handler) == "Văn bản được phân công cho bạn: Công văn về việc rà soát hạ tầng mạng"
    text = body(handler)
    assert "Trần Văn Lãnh Đạo" in text and "Xử lý" in text
    assert due.strftime("%d/%m/%Y") in text and "Khẩn trương tham mưu" in text
    assert doc.absolute_url() in text


def test_refused_step_sends_nothing(smtp):
    portal, inbox = smtp
    make_province(portal)
    login(portal, "vta")
    doc = incoming(portal["sttt"]["den-2026"])
    steps.simple_step(doc, "submit")
    transaction.commit()
    login(portal, "lda")
    with pytest.raises(steps.RoutingRefused):
        steps.assign(doc, "cbb")
    transaction.commit()
    assert inbox.messages == []


def test_daily_digest_of_overdue_and_due_soon(smtp):
    portal, inbox = smtp
    make_province(portal)
    login(portal, "vta")
    today = vietnam_today()
    docs = {}
    for name, days in (("quá hạn", -2), ("sắp đến hạn", 1), ("còn lâu", 20)):
        docs[name] = incoming(portal["sttt"]["den-2026"], title=f"Văn bản {name}",
                              code_number=str(days + 50))
        steps.simple_step(docs[name], "submit")
    login(portal, "lda")
    for name, doc in docs.items():
        steps.assign(doc, "xla", due_date=today + datetime.timedelta(days=25))
    transaction.commit()
    inbox.messages.clear()
    for name, days in (("quá hạn", -2), ("sắp đến hạn", 1), ("còn lâu", 20)):
        docs[name].due_date = today + datetime.timedelta(days=days)
        docs[name].reindexObject(idxs=["due_date"])
    # cron has no request to tell the host: links come from the site setting
    api.portal.set_registry_record("qlvbdh.public_base_url", "https://vpdtg.vn")
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        sent = deadline_digests(today)
    transaction.commit()
    assert set(sent) == {"xla"}
    [(rcpt, message)] = inbox.messages
    assert rcpt == ["xla@example.vn"]
    assert subject(message) == "Văn bản của bạn: 1 quá hạn, 1 sắp đến hạn"
    text = body(message)
    assert "Văn bản quá hạn" in text and "Văn bản sắp đến hạn" in text
    assert "còn lâu" not in text
    assert text.index("[quá hạn]") < text.index("[sắp đến hạn]")
    overdue = docs["quá hạn"]
    assert f"https://sttt.vpdtg.vn/den-2026/{overdue.getId()}" in text
    assert "/plone/" not in text


def test_cron_calls_the_running_site(server, server_url):
    """`curl -X POST …/@deadline-reminders` from cron: the daily mails of a
    single-instance site, whose FileStorage a second process cannot open."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    import requests

    portal = server["portal"]
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
        api.portal.set_registry_record("plone.smtp_port", port)
        api.portal.set_registry_record("plone.email_from_address", "qlvbdh@vpdtg.vn")
        make_province(portal)
        login(portal, "vta")
        doc = incoming(portal["sttt"]["den-2026"], title="Văn bản sắp đến hạn")
        steps.simple_step(doc, "submit")
        login(portal, "lda")
        steps.assign(doc, "xla", due_date=vietnam_today() + datetime.timedelta(days=1))
        transaction.commit()
        inbox.messages.clear()
        refused = requests.post(f"{server_url}/@deadline-reminders",
                                headers={"Accept": "application/json"},
                                auth=("xla", "secret-2026-routing"), timeout=30)
        assert refused.status_code == 403
        r = requests.post(f"{server_url}/@deadline-reminders",
                          headers={"Accept": "application/json"},
                          auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=30)
        assert r.status_code == 200, r.text
        assert r.json() == {"people": ["xla"], "mails": 1}
        [(rcpt, message)] = inbox.messages
        assert rcpt == ["xla@example.vn"]
        assert str(message["Subject"]) == "Văn bản của bạn: 0 quá hạn, 1 sắp đến hạn"
    finally:
        controller.stop()


def test_mail_server_down_never_undoes_a_step(functional):
    portal = functional["portal"]
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", free_port())  # nobody listens
    api.portal.set_registry_record("plone.email_from_address", "qlvbdh@vpdtg.vn")
    make_province(portal)
    login(portal, "vta")
    doc = incoming(portal["sttt"]["den-2026"])
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "xla")
    transaction.commit()  # the mail fails after the commit, and is logged
    transaction.begin()
    assert api.content.get_state(doc) == "assigned"
    assert doc.get_local_roles_for_userid("xla") == ("Handler",)
