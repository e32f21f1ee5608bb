"""Scanned PDFs (no text layer) are read by OCR outside the web request:
indexing puts them in a queue; ``run_queue`` (a cron job: the console
script or POST @ocr-queue) renders the pages with poppler's pdftoppm, reads
them with Tesseract's Vietnamese data (Debian tesseract-ocr-vie), keeps the
text and reindexes the document. Each file says whether OCR is pending,
done or failed."""

from pathlib import Path
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

import logging
import subprocess
import tempfile

log = logging.getLogger(__name__)
QUEUE_KEY = "qlvbdh_policy.ocr_queue"
STATUS_KEY = "qlvbdh_policy.ocr"
MIN_TEXT = 20  # fewer characters than this: a scan, not a text PDF
DPI = 300
TIMEOUT = 300


def looks_scanned(text):
    return len("".join(text.split())) < MIN_TEXT


def _queue(create=False):
    return site_tree(QUEUE_KEY, create)


def status(owner):
    return (IAnnotations(owner).get(STATUS_KEY) or {}).get("status")


def enqueue(owner, version):
    """Called while indexing a PDF without text; once per file version."""
    current = IAnnotations(owner).get(STATUS_KEY) or {}
    if current.get("version") == version:
        return
    put(_queue(create=True), owner, STATUS_KEY, version)


def pending_count():
    return len(_queue())


def ocr_pdf(path):
    with tempfile.TemporaryDirectory(prefix="qlvbdh-ocr-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", path, f"{tmp}/page"],
                       check=True, capture_output=True, timeout=TIMEOUT)
        texts = []
        for page in sorted(Path(tmp).glob("page*.png")):
            done = subprocess.run(["tesseract", str(page), "-", "-l", "vie"],
                                  check=True, capture_output=True, timeout=TIMEOUT)
            texts.append(done.stdout.decode("utf-8", "replace"))
        return "\n".join(texts)


def process(owner):
    """OCR the file of ``owner`` (a document or an attachment)."""
    named_file = owner.file
    state = dict(IAnnotations(owner).get(STATUS_KEY) or {})
    try:
        with named_file.open() as f:
            text = ocr_pdf(f.name)
    except (subprocess.SubprocessError, OSError):
        log.exception("OCR failed for %s", owner.absolute_url())
        state.update(status=FAILED)
        IAnnotations(owner)[STATUS_KEY] = state
        return False
    store_text(owner, file_version(named_file), " ".join(text.split()))
    state.update(status=DONE, done=vietnam_timestamp())
    IAnnotations(owner)[STATUS_KEY] = state
    document = owner if owner.portal_type != "File" else owner.aq_parent
    document.reindexObject(idxs=["SearchableText"])
    return True


def run_queue(limit=20, commit=None):
    """Work through up to ``limit`` queued files; ``commit`` (e.g.
    transaction.commit) after each, so a long run keeps what it did."""
    return drain(_queue(), process, limit, commit)
