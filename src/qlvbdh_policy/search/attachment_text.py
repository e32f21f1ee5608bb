"""Text of a document's files for full-text search: PDF through poppler's
pdftotext (Debian poppler-utils), DOCX/ODT read directly. Extracted once
per file version and kept on the document, so reindexing (every edit)
does not run pdftotext again."""

from plone.namedfile.interfaces import INamedBlobFile
from qlvbdh_policy.rules.office_text import office_text
from zope.annotation.interfaces import IAnnotations

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
    if name.endswith(".pdf") or named_file.contentType == "application/pdf":
        if INamedBlobFile.providedBy(named_file):
            with named_file.open() as f:
                return pdf_text(f.name)
        return ""
    if name.endswith((".docx", ".odt")):
        return office_text(named_file.data, name)
    return ""


def _version(named_file):
    blob = getattr(named_file, "_blob", None)
    serial = getattr(blob, "_p_serial", b"") or b""
    return f"{named_file.filename}:{named_file.getSize()}:{serial.hex()}"


def file_text(owner, named_file):
    """Text of ``named_file``, cached on ``owner`` by file version."""
    if named_file is None:
        return ""
    cache = IAnnotations(owner).get(KEY)
    version = _version(named_file)
    if cache and cache.get("version") == version:
        return cache["text"]
    text = " ".join(extract(named_file).split())
    IAnnotations(owner)[KEY] = {"version": version, "text": text}
    return text
