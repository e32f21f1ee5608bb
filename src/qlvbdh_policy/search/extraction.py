"""Reading the text of documents' files, outside web requests (issue 14).

A user's file is hostile until read: a 3.7 KB .docx of nested paragraphs
kept a registration 492 s under its register's lock, and every clerk of
that book waited. So indexing never reads a file: it uses the text already
read (text_cache) or puts the file in this queue (``enqueue``) and marks it
pending. ``run_queue`` — a cron job: ``make ocr`` (console/ocr_queue.py) or
POST @ocr-queue — reads the queued files, each in its own process
(``read_text``: search/extract_worker.py, pdftotext for a PDF) limited in
time (``TIMEOUT``, then killed), memory (``MEMORY``, RLIMIT_AS) and output
(``MAX_OUTPUT``), keeps the text, reindexes the document, and sends a PDF
without text on to OCR (search/ocr.py), which the same run does next.

Each file says whether its reading is pending, done or failed, and why it
failed (time, memory, too much text, damaged file): shown below the
document and in REST (``text_status``). A failed file is not read again
until a new file replaces it.
"""

from plone.namedfile.interfaces import INamedBlobFile
from qlvbdh_policy import _
from qlvbdh_policy import limited_process
from qlvbdh_policy.rules import office_text as limits
from qlvbdh_policy.search import extract_worker as worker
from qlvbdh_policy.search.file_queue import DONE
from qlvbdh_policy.search.file_queue import drain
from qlvbdh_policy.search.file_queue import FAILED
from qlvbdh_policy.search.file_queue import PENDING  # noqa: F401 (callers read it here)
from qlvbdh_policy.search.file_queue import put
from qlvbdh_policy.search.text_cache import file_version
from qlvbdh_policy.search.text_cache import store_text
from qlvbdh_policy.site_storage import site_tree
from qlvbdh_policy.timeutil import vietnam_timestamp
from zope.annotation.interfaces import IAnnotations

import contextlib
import logging
import math
import os
import shutil
import signal
import sys
import tempfile

log = logging.getLogger(__name__)
QUEUE_KEY = "qlvbdh_policy.extract_queue"
STATUS_KEY = "qlvbdh_policy.extraction"
TIMEOUT = 60  # seconds of wall time per file
MEMORY = 512 * 1024 * 1024  # address space of the reading process
MAX_OUTPUT = 8 * 1024 * 1024  # bytes of text (UTF-8) kept from one file
WORKER = os.path.abspath(worker.__file__)

REASONS = {
    "time": _("Reading the file took longer than the ${limit} seconds allowed."),
    "memory": _("Reading the file needed more than the ${limit} MB of memory allowed."),
    "output": _("The file holds more text than the ${limit} MB that is read."),
    "size": _("The file unpacks to more than ${limit} MB."),
    "nesting": _("The file's content is nested deeper than ${limit} levels."),
    "elements": _("The file has more than ${limit} elements."),
    "broken": _("The file is damaged or not in the format its name says."),
    "crashed": _("The reader stopped on this file (damaged, or too much memory needed)."),
    "missing": _("The program that reads this kind of file (pdftotext) is not installed."),
}
REASON_LIMITS = {
    "time": lambda: TIMEOUT,
    "memory": lambda: MEMORY // 1048576,
    "output": lambda: MAX_OUTPUT // 1048576,
    "size": lambda: limits.MAX_XML_BYTES // 1048576,
    "nesting": lambda: limits.MAX_DEPTH,
    "elements": lambda: limits.MAX_ELEMENTS,
}
EXIT_REASONS = {
    worker.BROKEN: "broken", worker.SIZE: "size", worker.NESTING: "nesting",
    worker.ELEMENTS: "elements", worker.OUTPUT: "output", worker.MEMORY: "memory",
    -signal.SIGXFSZ: "output", -signal.SIGXCPU: "time",
}
PDFTOTEXT_BROKEN = (1, 3, 99)  # cannot open or read the PDF, or forbidden


def file_kind(named_file):
    """'pdf', 'docx', 'odt', or None for files whose text is not read."""
    name = (named_file.filename or "").lower()
    if name.endswith(".pdf") or named_file.contentType == "application/pdf":
        return "pdf"
    for kind in ("docx", "odt"):
        if name.endswith("." + kind):
            return kind
    return None


def read_text(kind, path, timeout=None, memory=None, max_output=None):
    """Run the worker on ``path``; return (text, None) or ("", reason).

    The process (limited_process.run) gets its own session, so that the
    timeout kills it and anything it started; its text goes to a temporary
    file limited to ``max_output`` bytes, and no more than that is read
    back."""
    timeout = timeout or TIMEOUT
    memory, max_output = memory or MEMORY, max_output or MAX_OUTPUT
    if kind == "pdf" and shutil.which("pdftotext") is None:
        log.warning("pdftotext missing (Debian: poppler-utils): PDF text not read")
        return "", "missing"
    command = [sys.executable, "-P", WORKER, kind, path,
               str(memory), str(max_output + 1), str(math.ceil(timeout))]
    code, data = limited_process.run(command, timeout, max_output, prefix="qlvbdh-text-")
    if code == limited_process.TIMED_OUT:
        return "", "time"
    if code != 0:
        if kind == "pdf" and code in PDFTOTEXT_BROKEN:
            return "", "broken"
        return "", EXIT_REASONS.get(code, "crashed")
    if len(data) > max_output:
        return "", "output"
    return data.decode("utf-8", "replace"), None


@contextlib.contextmanager
def file_path(named_file):
    """A path of the file's bytes: the blob's own file, or a copy."""
    if INamedBlobFile.providedBy(named_file):
        with named_file.open() as f:
            yield f.name
        return
    with tempfile.NamedTemporaryFile(prefix="qlvbdh-file-") as f:
        f.write(named_file.data)
        f.flush()
        yield f.name


def _queue(create=False):
    return site_tree(QUEUE_KEY, create)


def status(owner):
    """{"status", "version", "reason"?, "queued", "done"?} or None."""
    return IAnnotations(owner).get(STATUS_KEY)


def enqueue(owner, version):
    """Called while indexing a file whose text is not read yet; once per
    file version (again only if its kept text was lost; never again after
    a failure). Cheap: two small writes, no reading of the file."""
    current = status(owner) or {}
    if current.get("version") == version and current.get("status") != DONE:
        return
    put(_queue(create=True), owner, STATUS_KEY, version)


def pending_count():
    return len(_queue())


def _set_status(owner, **changes):
    state = dict(status(owner) or {})
    state.update(changes)
    IAnnotations(owner)[STATUS_KEY] = state


def process(owner):
    """Read the file of ``owner`` (a document or an attachment) in a
    limited process; keep its text or the reason it failed; a PDF without
    text goes to OCR. Returns True when the text was read."""
    from qlvbdh_policy.search import ocr

    named_file = owner.file
    version = file_version(named_file)
    kind = file_kind(named_file)
    if kind is None:
        text, reason = "", None
    else:
        with file_path(named_file) as path:
            text, reason = read_text(kind, path)
    text = " ".join(text.split())
    store_text(owner, version, text)  # a failed version is not queued again
    if reason:
        log.warning("text of %s not read: %s", owner.absolute_url(), reason)
        _set_status(owner, status=FAILED, version=version, reason=reason,
                    done=vietnam_timestamp())
    else:
        _set_status(owner, status=DONE, version=version, done=vietnam_timestamp())
        if kind == "pdf" and ocr.looks_scanned(text):
            ocr.enqueue(owner, version)
    document = owner if owner.portal_type != "File" else owner.aq_parent
    document.reindexObject(idxs=["SearchableText"])
    return reason is None


def run_queue(limit=20, commit=None):
    """Read up to ``limit`` queued files; ``commit`` (e.g.
    transaction.commit) after each, so a long run keeps what it did.
    Returns how many were taken from the queue."""
    return drain(_queue(), process, limit, commit)


def run_all(limit=20, commit=None):
    """The cron job: read the queued files, then OCR the PDFs found
    without text (in this run too), ``limit`` of each."""
    from qlvbdh_policy.search import ocr

    read = run_queue(limit, commit)
    recognised = ocr.run_queue(limit, commit)
    return {"processed": read + recognised, "read": read, "ocr": recognised,
            "waiting": pending_count() + ocr.pending_count()}


def failure_message(reason):
    """The Vietnamese-translatable message of a failure reason."""
    msgid = REASONS.get(reason, REASONS["crashed"])
    limit = REASON_LIMITS.get(reason)
    return _(msgid, mapping={"limit": limit()}) if limit else msgid


def file_statuses(document):
    """For the document's file and each attached file that is read or
    waits to be: {"id", "filename", "status", "reason", "message", "ocr"}
    (``message`` a translatable message for a failure, else None)."""
    from qlvbdh_policy.agencies.lookups import children
    from qlvbdh_policy.search import ocr

    owners = [("file", document)] + [(a.getId(), a) for a in children(document, "File")]
    found = []
    for key, owner in owners:
        named_file = getattr(owner, "file", None)
        state = status(owner)
        if named_file is None or not state:
            continue
        reason = state.get("reason") if state["status"] == FAILED else None
        found.append({"id": key, "filename": named_file.filename, "status": state["status"],
                      "reason": reason, "message": failure_message(reason) if reason else None,
                      "ocr": ocr.status(owner)})
    return found
