"""The site's MailHost: every mail goes through a queue on disk.

A mail is written into a maildir as part of the transaction that causes it
(zope.sendmail's ``QueuedMailDelivery``): the file appears when the
transaction commits and is removed when it aborts, so a refused step or a
conflict retried by Zope sends nothing twice and nothing of a step that did
not happen. A processor thread of the process (zope.sendmail's
``QueueProcessorThread``, as Products.MailHost starts it for
``smtp_queue``) sends what is queued: at once after the commit, and again
while the mail server is down or refuses for now (waits doubling from
``mail-queue-interval`` up to ``MAX_WAIT``), so a mail server that is down
never makes a registration or a routing step fail, and the mail leaves
once it is back.

Why not Products.MailHost's own settings: its non-queued delivery connects
to the mail server while the transaction votes (a server that is down
aborts the step), and its queue directory is a path stored in the
database, the same for every process on every machine. Here the path is
the instance's: zope.conf's

    <product-config qlvbdh_policy>
      mail-queue $VAR/mailqueue
    </product-config>

(instance/render.py; Zope's var folder when none is given). The instances
of a cluster and the cron jobs of a machine share it: the processor links a
file before sending it, so no two processes send one mail. The mail server
is Site Setup → Mail's, read when each mail is queued (Plone's mailer reads
the registry), so a changed setting takes effect without a restart.

``QueuedMailHost`` is a persistent class, the class of the site's
``MailHost`` tool (profiles/default/toolset.xml): do not move or rename it
without leaving its name importable here.
"""

from App.config import getConfiguration
from pathlib import Path
from Products.MailHost.decorator import synchronized
from Products.MailHost.MailHost import MailBase
from Products.MailHost.MailHost import MailHost
from Products.MailHost.MailHost import queue_threads
from zope.sendmail.delivery import QueuedMailDelivery
from zope.sendmail.queue import QueueProcessorThread

import atexit
import logging
import os
import threading
import transaction

log = logging.getLogger(__name__)

PRODUCT = "qlvbdh_policy"
INTERVAL = 30.0  # seconds between two looks at the queue (mail-queue-interval)
MAX_WAIT = 600.0  # the longest wait between two tries while mails stay queued
TOOL_ID = "MailHost"


def _settings():
    config = getattr(getConfiguration(), "product_config", None) or {}
    return config.get(PRODUCT) or {}


def queue_directory():
    """The maildir of this process: zope.conf's ``mail-queue``, else
    ``mailqueue`` in Zope's var folder."""
    path = _settings().get("mail-queue")
    if not path:
        path = Path(getConfiguration().clienthome) / "mailqueue"
    return os.path.realpath(path)


def interval():
    return float(_settings().get("mail-queue-interval") or INTERVAL)


def queued(path=None):
    """The files of mails waiting in the queue (the one being sent too)."""
    path = path or queue_directory()
    out = []
    for sub in ("new", "cur"):
        folder = os.path.join(path, sub)
        if os.path.isdir(folder):
            out += [os.path.join(folder, name) for name in os.listdir(folder)
                    if not name.startswith(".")]
    return out


def _in_order(maildir):
    """The maildir's mails, oldest first; a mail another process sends and
    removes meanwhile is left out (zope.sendmail's listing raises then)."""
    while True:
        try:
            return list(maildir)
        except FileNotFoundError:
            continue


class _Tried:
    """A mailer that tells its processor when a send failed."""

    def __init__(self, mailer, processor):
        self.mailer, self.processor = mailer, processor

    def send(self, fromaddr, toaddrs, message):
        try:
            return self.mailer.send(fromaddr, toaddrs, message)
        except Exception:
            self.processor._failed = True
            raise


class Processor(QueueProcessorThread):
    """zope.sendmail's processor that sends at once when woken (a commit
    queued a mail), tries a mail again after a failure (zope.sendmail
    leaves its ``.sending-`` mark, which holds the mail back for three
    hours), and waits longer after each pass that left mails in the queue
    (the server down: one logged failure per mail and pass)."""

    _failed = False

    def __init__(self, interval=INTERVAL):
        super().__init__(interval)
        self._wake = threading.Event()

    def setMailer(self, mailer):
        super().setMailer(_Tried(mailer, self))

    def wake(self):
        self._wake.set()

    def _process_one_file(self, filename):
        self._failed = False
        super()._process_one_file(filename)
        if self._failed:  # the mark is this thread's own: the mail stays queued
            head, tail = os.path.split(filename)
            self._unlink_if_exists(os.path.join(head, ".sending-" + tail))

    def run(self, forever=True):
        if forever:
            atexit.register(self.stop)
        wait = self.interval
        while not self._stopped:
            self._wake.clear()
            for filename in _in_order(self.maildir):
                if self._stopped:
                    break
                self._process_one_file(filename)
            if not forever:
                break
            if queued(self.maildir.path):  # not sent: try again later and later
                self._wake.wait(wait)
                wait = min(wait * 2, max(MAX_WAIT, self.interval))
            else:
                wait = self.interval
                self._wake.wait(wait)

    def stop(self):
        self._stopped = True
        self._wake.set()
        super().stop()


def _wake_after_commit(committed, key):
    thread = queue_threads.get(key)
    if committed and isinstance(thread, Processor):
        thread.wake()


class QueuedMailHost(MailHost):
    """The site's MailHost: queued delivery into ``queue_directory()``
    always; ``immediate=True`` (Site Setup's test mail) still sends at
    once."""

    def __init__(self, id=TOOL_ID, *args, **kw):
        super().__init__(id, *args, **kw)

    # What Products.MailHost stores per site is decided here instead; the
    # ZMI's and GenericSetup's writes are ignored.
    smtp_queue = property(lambda self: True, lambda self, value: None)
    smtp_queue_directory = property(lambda self: queue_directory(),
                                    lambda self, value: None)

    @synchronized(MailBase.lock)
    def _startQueueProcessorThread(self):
        """Start this process's processor for the queue, or give the
        running one the mail server's current settings."""
        key = self._getThreadKey()
        thread = queue_threads.get(key)
        if isinstance(thread, Processor) and thread.is_alive():
            thread.setMailer(self._makeMailer())
            return thread
        thread = Processor(interval())
        thread.setMailer(self._makeMailer())
        thread.setQueuePath(self.smtp_queue_directory)
        thread.start()
        queue_threads[key] = thread
        log.info("Mail queue %s: processor started", key)
        return thread

    def _send(self, mfrom, mto, messageText, immediate=False):
        if immediate:
            return super()._send(mfrom, mto, messageText, immediate=True)
        if not os.environ.get("MAILHOST_QUEUE_ONLY"):
            self._startQueueProcessorThread()
        if isinstance(mto, str):
            mto = [mto]
        QueuedMailDelivery(self.smtp_queue_directory).send(mfrom, mto, messageText)
        transaction.get().addAfterCommitHook(_wake_after_commit, args=(self._getThreadKey(),))

    def send_queued_now(self):
        """One pass over the queue in this thread (a cron job's mails before
        its process ends); what the server refuses for now stays queued
        for the instances' processors. Returns the number of mails left."""
        path = self.smtp_queue_directory
        if not queued(path):
            return 0
        processor = Processor()
        processor.setMailer(self._makeMailer())
        processor.setQueuePath(path)
        processor.run(forever=False)
        return len(queued(path))


def stop_processor(path=None):
    """Stop this process's processor of a queue (``queue_directory()``):
    it finishes the mail it is sending, if any."""
    with MailBase.lock:
        thread = queue_threads.pop(os.path.realpath(path or queue_directory()), None)
    if thread is not None:
        thread.stop()
        thread.join()


def start_processors(event):
    """IDatabaseOpenedWithRoot: each site's queue is processed from the
    start, so that mails queued before a restart (or by a cron job whose
    server was down) leave without waiting for a new one."""
    if os.environ.get("MAILHOST_QUEUE_ONLY"):
        return
    from zope.component.hooks import setSite

    connection = event.database.open()
    try:
        app = connection.root().get("Application")
        for site in app.objectValues("Plone Site") if app is not None else ():
            mailhost = getattr(site, TOOL_ID, None)
            if not isinstance(mailhost, QueuedMailHost):
                continue
            setSite(site)  # the mailer reads Site Setup → Mail from the registry
            try:
                mailhost._startQueueProcessorThread()
            finally:
                setSite(None)
    except Exception:  # never stop Zope from starting: mails then wait for the next one
        log.exception("Mail queue processor not started")
    finally:
        connection.close()
