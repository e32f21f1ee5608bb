"""Text of a document's files for full-text search: PDF through poppler's
pdftotext (Debian poppler-utils), DOCX/ODT read directly. Extracted once
per file version and kept on the document, so reindexing (every edit)
does not run pdftotext again."""

from plone.namedfile.interfaces import INamedBlobFile
from qlvbdh_policy.rules.office_text import office_text
from qlvbdh_policy.search import ocr
from zope.annotation.interfaces import IAnnotations

import hashlib
import logging
import shutil
import subprocess

log = logging.getLogger(__name__)
KEY = "qlvbdh_policy.file_text"
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


def _version(named_file):
    """The same before and after the commit (a blob's serial is not)."""
    if hasattr(named_file, "open"):
        with named_file.open() as f:
            head = hashlib.sha1(f.read(65536)).hexdigest()
    else:
        head = hashlib.sha1(named_file.data[:65536]).hexdigest()
    return f"{named_file.filename}:{named_file.getSize()}:{head}"


def is_pdf(named_file):
    return (named_file.filename or "").lower().endswith(".pdf") or \
        named_file.contentType == "application/pdf"


def store_text(owner, named_file, text):
    IAnnotations(owner)[KEY] = {"version": _version(named_file), "text": text}


def file_text(owner, named_file):
    """Text of ``named_file``, cached on ``owner`` by file version; a PDF
    without text goes to the OCR queue."""
    if named_file is None:
        return ""
    cache = IAnnotations(owner).get(KEY)
    version = _version(named_file)
    if cache and cache.get("version") == version:
        return cache["text"]
    text = " ".join(extract(named_file).split())
    store_text(owner, named_file, text)
    if is_pdf(named_file) and ocr.looks_scanned(text):
        ocr.enqueue(owner, version)
    return text
