"""Assignment and deadline mails, delivered to a real SMTP server on
loopback (aiosmtpd), in Vietnamese, through the site's mail queue
(qlvbdh_policy/mail_queue.py): a mail leaves only if the transaction that
caused it commits, and a mail server that is down delays it, never a step."""

from domain_fixtures import incoming
from mail_fixtures import delivered
from mail_fixtures import free_port
from mail_fixtures import mail_queue_in
from mail_fixtures import mailbox
from mail_fixtures import smtp_server
from mail_fixtures import use_mail_server
from plone import api
from plone.app.testing import login
from qlvbdh_policy import mail_queue
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing.notifications import deadline_digests
from qlvbdh_policy.timeutil import vietnam_today
from routing_fixtures import make_province

import datetime
import pytest
import transaction


@pytest.fixture
def smtp(functional, tmp_path):
    with mailbox(tmp_path) as inbox:
        yield functional["portal"], inbox


def subject(message):
    return str(message["Subject"])


def body(message):
    return message.get_content()


def submitted(portal, title="Công văn về việc rà soát hạ tầng mạng"):
    """A document of sttt submitted to its leader, committed; lda logged in."""
    login(portal, "vta")
    doc = incoming(portal["sttt"]["den-2026"], title=title)
    steps.simple_step(doc, "submit")
    transaction.commit()
    login(portal, "lda")
    return doc


def test_the_sites_mailhost_queues(functional):
    from Acquisition import aq_base
    from Products.MailHost.interfaces import IMailHost
    from zope.component import getUtility

    mailhost = api.portal.get_tool("MailHost")
    assert isinstance(mailhost, mail_queue.QueuedMailHost)
    assert aq_base(getUtility(IMailHost)) is aq_base(mailhost)
    assert mailhost.smtp_queue is True
    # the instance's queue (zope.conf), not a path stored in the site
    assert mailhost.smtp_queue_directory == mail_queue.queue_directory()


def test_assignment_mails_the_people_assigned(smtp):
    portal, inbox = smtp
    make_province(portal)
    doc = submitted(portal)
    due = vietnam_today() + datetime.timedelta(days=4)
    steps.assign(doc, "xla", co_handlers=["pha"], informed=["dba"], due_date=due,
                   instruction="Khẩn trương tham mưu")
    assert mail_queue.queued() == []  # nothing leaves before the commit
    transaction.commit()
    messages = delivered(inbox, 3)
    to = sorted(rcpt for rcpt, m in messages)
    assert to == [["dba@example.vn"], ["pha@example.vn"], ["xla@example.vn"]]
    handler = next(m for rcpt, m in messages if rcpt == ["xla@example.vn"])
    assert subject(handler) == "Văn bản được phân công cho bạn: Công văn về việc rà soát hạ tầng mạng"
    assert str(handler["From"]) == "qlvbdh@vpdtg.vn"
    text = body(handler)
    assert "Trần Văn Lãnh Đạo" in text and "Xử lý" in text
    assert due.strftime("%d/%m/%Y") in text and "Khẩn trương tham mưu" in text
    assert doc.absolute_url() in text


def test_a_step_whose_transaction_aborts_sends_nothing(smtp, tmp_path):
    portal, inbox = smtp
    make_province(portal)
    doc = submitted(portal)
    steps.assign(doc, "xla", co_handlers=["pha"])
    transaction.abort()
    # not even a file begun: the queue's tmp, new and cur are empty
    queue = tmp_path / "mailqueue"
    assert [p for p in queue.rglob("*") if p.is_file()] == []
    other = submitted(portal, title="Văn bản được phân công thật")
    steps.assign(other, "xla")
    transaction.commit()
    [(rcpt, message)] = delivered(inbox, 1)  # only the committed step's mail
    assert rcpt == ["xla@example.vn"]
    assert "Văn bản được phân công thật" in subject(message)


def test_refused_step_sends_nothing(smtp):
    portal, inbox = smtp
    make_province(portal)
    doc = submitted(portal)
    with pytest.raises(steps.RoutingRefused):
        steps.assign(doc, "cbb")
    transaction.commit()
    assert mail_queue.queued() == []
    assert delivered(inbox) == []


def test_mail_server_down_delays_the_mail_never_the_step(functional, tmp_path):
    portal = functional["portal"]
    port = free_port()  # nobody listens there yet
    with mail_queue_in(tmp_path / "mailqueue"):
        use_mail_server(port)
        make_province(portal)
        doc = submitted(portal)
        steps.assign(doc, "xla", instruction="Báo cáo trước thứ Sáu")
        transaction.commit()  # queued; the processor fails to connect and retries
        transaction.begin()
        assert api.content.get_state(doc) == "assigned"
        assert doc.get_local_roles_for_userid("xla") == ("Handler",)
        assert len(mail_queue.queued()) == 1
        with smtp_server(port) as inbox:  # the server is back
            [(rcpt, message)] = delivered(inbox, 1)
        assert rcpt == ["xla@example.vn"]
        assert "Báo cáo trước thứ Sáu" in body(message)


def test_mails_queued_before_a_restart_leave_when_zope_starts(functional, tmp_path,
                                                              monkeypatch):
    from zope.processlifetime import DatabaseOpenedWithRoot

    portal = functional["portal"]
    with mail_queue_in(tmp_path / "mailqueue"), smtp_server() as inbox:
        use_mail_server(inbox.port)
        make_province(portal)
        doc = submitted(portal)
        monkeypatch.setenv("MAILHOST_QUEUE_ONLY", "1")  # a process that only queues
        steps.assign(doc, "xla")
        transaction.commit()
        assert len(mail_queue.queued()) == 1 and inbox.messages == []
        monkeypatch.delenv("MAILHOST_QUEUE_ONLY")
        mail_queue.start_processors(DatabaseOpenedWithRoot(portal._p_jar.db()))
        [(rcpt, message)] = delivered(inbox, 1)
        assert rcpt == ["xla@example.vn"]


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
    delivered(inbox, 3).clear()
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
    [(rcpt, message)] = delivered(inbox, 1)
    assert rcpt == ["xla@example.vn"]
    assert subject(message) == "Văn bản của bạn: 1 quá hạn, 1 sắp đến hạn"
    text = body(message)
    assert "Văn bản quá hạn" in text and "Văn bản sắp đến hạn" in text
    assert "còn lâu" not in text
    assert text.index("[quá hạn]") < text.index("[sắp đến hạn]")
    overdue = docs["quá hạn"]
    assert f"https://sttt.vpdtg.vn/den-2026/{overdue.getId()}" in text
    assert "/plone/" not in text


def test_the_cron_script_sends_before_its_process_ends(smtp, monkeypatch):
    """`make remind` (zconsole run scripts/deadline_reminders.py): the
    mails leave before the script returns, without a processor thread."""
    from qlvbdh_policy.console import deadline_reminders

    portal, inbox = smtp
    make_province(portal)
    doc = submitted(portal)
    steps.assign(doc, "xla", due_date=vietnam_today() + datetime.timedelta(days=1))
    transaction.commit()
    delivered(inbox, 1).clear()
    monkeypatch.setenv("MAILHOST_QUEUE_ONLY", "1")
    mail_queue.stop_processor()
    sent = deadline_reminders.main(portal.aq_parent, ["--site", portal.getId()])
    assert set(sent) == {"xla"}
    [(rcpt, message)] = inbox.messages  # already sent: no waiting
    assert subject(message) == "Văn bản của bạn: 0 quá hạn, 1 sắp đến hạn"
    assert mail_queue.queued() == []


def test_cron_calls_the_running_site(server, server_url, tmp_path):
    """`curl -X POST …/@deadline-reminders` from cron: the daily mails of a
    single-instance site, whose FileStorage a second process cannot open."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    import requests

    portal = server["portal"]
    with mailbox(tmp_path) as inbox:
        make_province(portal)
        doc = submitted(portal, title="Văn bản sắp đến hạn")
        steps.assign(doc, "xla", due_date=vietnam_today() + datetime.timedelta(days=1))
        transaction.commit()
        delivered(inbox, 1).clear()
        refused = requests.post(f"{server_url}/@deadline-reminders",
                                headers={"Accept": "application/json"},
                                auth=("xla", "secret-2026-routing"), timeout=30)
        assert refused.status_code == 403
        r = requests.post(f"{server_url}/@deadline-reminders",
                          headers={"Accept": "application/json"},
                          auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=30)
        assert r.status_code == 200, r.text
        assert r.json() == {"people": ["xla"], "mails": 1}
        [(rcpt, message)] = delivered(inbox, 1)
        assert rcpt == ["xla@example.vn"]
        assert str(message["Subject"]) == "Văn bản của bạn: 0 quá hạn, 1 sắp đến hạn"


def test_the_instances_and_cron_of_a_machine_share_one_queue(tmp_path):
    """instance/render.py: `make run`'s instance, each of `make cluster`'s
    and the cron jobs (VAR/etc/zope.conf) queue into VAR/mailqueue, as Zope
    reads its configuration."""
    from pathlib import Path
    from Zope2.Startup.options import ZopeWSGIOptions

    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "instance"))
    import render

    var = tmp_path / "var"
    render.render(var, "127.0.0.1", 8130, url="")
    render.render(var, "127.0.0.1", 8131, url="", home=var / "cluster" / "1", zeo="zeo.sock")
    for conf in (var / "etc" / "zope.conf", var / "cluster" / "1" / "etc" / "zope.conf"):
        config = ZopeWSGIOptions(configfile=str(conf))().configroot
        assert config.product_config["qlvbdh_policy"] == {
            "mail-queue": str(var / "mailqueue"),
            "access-log": str(var / "access-log.sqlite")}  # the documents' access log too
