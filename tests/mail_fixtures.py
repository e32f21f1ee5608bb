"""A real SMTP server on loopback (aiosmtpd), and the site's mail queue in a
folder of the test's own, looked at every 0.1 s: mails leave after the
commit, from the queue processor's thread, so a test waits (polling, with
a timeout) until the queue is empty before it reads the inbox."""

from aiosmtpd.controller import Controller
from App.config import getConfiguration
from contextlib import contextmanager
from email import message_from_bytes
from email import policy
from plone import api
from qlvbdh_policy import mail_queue

import socket
import time
import transaction

TIMEOUT = 30  # seconds: the longest a test waits for its mails


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server(port=None):
    """An SMTP server on 127.0.0.1 collecting what it receives in an Inbox."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    inbox.port = controller.port
    try:
        yield inbox
    finally:
        controller.stop()


def use_mail_server(port):
    """Site Setup → Mail: the server on 127.0.0.1:port, and a sender."""
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", port)
    api.portal.set_registry_record("plone.email_from_address", "qlvbdh@vpdtg.vn")
    api.portal.set_registry_record("plone.email_from_name", "QLVBĐH Tiền Giang")


@contextmanager
def mail_queue_in(path):
    """This process's mail queue in ``path`` (zope.conf's product-config),
    looked at every 0.1 s; its processor stopped afterwards."""
    product_config = getConfiguration().product_config
    kept = product_config.get("qlvbdh_policy")
    product_config["qlvbdh_policy"] = {**(kept or {}), "mail-queue": str(path),
                                       "mail-queue-interval": "0.1"}
    try:
        yield mail_queue.queue_directory()
    finally:
        mail_queue.stop_processor(str(path))
        product_config["qlvbdh_policy"] = kept


def delivered(inbox, count=0, timeout=TIMEOUT):
    """The inbox's messages once the queue is empty (every committed mail
    sent) and at least ``count`` arrived."""
    deadline = time.monotonic() + timeout
    while mail_queue.queued() or len(inbox.messages) < count:
        assert time.monotonic() < deadline, (
            f"mails not delivered in {timeout} s: {len(mail_queue.queued())} queued, "
            f"{len(inbox.messages)} received")
        time.sleep(0.02)
    return inbox.messages


@contextmanager
def mailbox(tmp_path):
    """What the tests' mail fixtures give: the queue in tmp_path, a server
    that receives, the site set to use it (committed)."""
    with mail_queue_in(tmp_path / "mailqueue"), smtp_server() as inbox:
        use_mail_server(inbox.port)
        transaction.commit()
        yield inbox
