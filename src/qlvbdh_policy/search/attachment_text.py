"""Text of a document's files for full-text search: PDF through poppler's
pdftotext (Debian poppler-utils), DOCX/ODT read directly. Extracted once
per file version and kept on the document (text_cache), so reindexing
(every edit) does not run pdftotext again."""

from plone.namedfile.interfaces import INamedBlobFile
from qlvbdh_policy.rules.office_text import office_text
from qlvbdh_policy.search import ocr
from qlvbdh_policy.search.text_cache import cached_text
from qlvbdh_policy.search.text_cache import file_version
from qlvbdh_policy.search.text_cache import store_text

import logging
import shutil
import subprocess

log = logging.getLogger(__name__)
PDFTOTEXT = "pdftotext"
TIMEOUT = 60


def pdf_text(path):
    if shutil.which(PDFTOTEXT) is None:
        log.warning("pdftotext missing (Debian: poppler-utils): PDF text not indexed")
        return ""
    try:
        done = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", "-q", path, "-"],
                              capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        log.warning("pdftotext took over %ss on %s", TIMEOUT, path)
        return ""
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def extract(named_file):
    name = (named_file.filename or "").lower()
    if is_pdf(named_file):
        if INamedBlobFile.providedBy(named_file):
            with named_file.open() as f:
                return pdf_text(f.name)
        return ""
    if name.endswith((".docx", ".odt")):
        return office_text(named_file.data, name)
    return ""


def is_pdf(named_file):
    return (named_file.filename or "").lower().endswith(".pdf") or \
        named_file.contentType == "application/pdf"


def file_text(owner, named_file):
    """Text of ``named_file``, cached on ``owner`` by file version; a PDF
    without text goes to the OCR queue."""
    if named_file is None:
        return ""
    version = file_version(named_file)
    text = cached_text(owner, version)
    if text is not None:
        return text
    text = " ".join(extract(named_file).split())
    store_text(owner, version, text)
    if is_pdf(named_file) and ocr.looks_scanned(text):
        ocr.enqueue(owner, version)
    return text
