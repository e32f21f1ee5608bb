"""The signatures of a document's PDF files, checked and kept on the
document (NĐ 30/2020 Điều 4; Phụ lục VI II.8 "kiểm tra, xác thực chữ ký
số"): the main file and every attached PDF, each signature with its
signer, organisation, signing time and class (``rules.signatures``).

Each file is checked in a limited process (isolated_check.py): a hostile
PDF costs a request at most the time limit, and is shown as not checked.
Checked when a document is added (registered, drafted, or delivered as a
copy) and when its files change (the document saved, an attachment added,
replaced or removed), and on demand ("Kiểm tra lại", ``recheck``), for
instance after the site manager installed a trust root. The result is a
plain dict on the document (``signature_check``), replaced whole; its
class is catalog metadata (``signature_status``) so that the register
book shows it without waking the document, and a valid one puts
``signed`` in the document's ``channels`` (the "digitally signed"
indicator, stats/indicators.py).
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.rules import signatures as rules
from qlvbdh_policy.signatures import isolated_check
from qlvbdh_policy.signatures import trust_roots
from qlvbdh_policy.timeutil import vietnam_timestamp

import logging

logger = logging.getLogger(__name__)
ATTRIBUTE = "signature_check"
MAIN = "file"  # the main file's name in the result; attachments go by their id
#: what the catalog keeps of the check: the indicator's channel and the book's column
REINDEX = ["channels"]


def is_pdf(named_file):
    if named_file is None:
        return False
    name = (getattr(named_file, "filename", "") or "").lower()
    return name.endswith(".pdf") or getattr(named_file, "contentType", "") == "application/pdf"


def pdf_files(doc):
    """[(name, title, named file)] of the document's PDF files, main first."""
    found = []
    if is_pdf(getattr(aq_base(doc), "file", None)):
        found.append((MAIN, doc.file.filename, doc.file))
    for attachment in children(doc, "File"):
        named = getattr(aq_base(attachment), "file", None)
        if is_pdf(named):
            found.append((attachment.getId(), attachment.Title() or named.filename, named))
    return found


def version(named_file):
    """Changes when the file's bytes are replaced (plone.namedfile stamps
    ``_modified`` whenever data is set)."""
    return f"{named_file.filename}:{named_file.getSize()}:{getattr(named_file, '_modified', '')}"


def _read(named_file):
    if hasattr(named_file, "open"):
        with named_file.open() as f:
            return f.read()
    return named_file.data


def check_file(name, title, named_file, roots_pem, roots_digest=""):
    """The check of one PDF, made in a limited process (isolated_check);
    a file it could not finish is ``broken`` with the reason (``error``)
    and the limit it went over, never valid. ``roots`` names the trust
    roots it was checked against (``trust_roots.digest``)."""
    entry = {"name": name, "title": title, "filename": named_file.filename,
             "version": version(named_file), "roots": roots_digest}
    entry["signatures"], reason = isolated_check.check_file(named_file, roots_pem)
    statuses = [s["status"] for s in entry["signatures"]]
    if reason:
        logger.warning("signatures of %s not checked: %s", named_file.filename, reason)
        entry["error"] = reason
        limit = isolated_check.limit_of(reason)
        if limit is not None:
            entry["limit"] = limit
        statuses = [rules.BROKEN]  # it carries a signature's byte range
    entry["status"] = rules.document_status(statuses)
    return entry


def plain(value):
    """``value`` made of built-in types only. pyHanko's strings are ``str``
    subclasses that hold the whole PDF reader (``container_ref``): kept on
    the document they bloat its record, make it depend on pyHanko's classes
    to load, and break CMFEditions' copy (pickle protocol 1 cannot copy the
    reader's BytesIO)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def stopped(entry):
    """The file was not checked: a limit of the checking process stopped it."""
    return entry.get("error") in isolated_check.LIMIT_REASONS


def stale(entry, roots_digest):
    """The file's signatures were checked against other trust roots than
    those installed now (a file without signature does not depend on them)."""
    return bool(entry["signatures"]) and entry.get("roots") != roots_digest


def needs_check(doc, roots_digest, stale_too=True):
    """Why ``doc`` is to be checked by the bulk command: "unchecked" (never
    checked though it has PDFs, a file stopped by a limit, a file not in
    the check), "stale" (checked against other roots; when ``stale_too``),
    or None."""
    found = stored(doc)
    files = pdf_files(doc)
    if found is None:
        return "unchecked" if files else None
    entries = {f["name"]: f for f in found["files"]}
    if any(stopped(f) for f in entries.values()) or any(
            name not in entries or entries[name]["version"] != version(named)
            for name, _title, named in files):
        return "unchecked"
    if stale_too and any(stale(f, roots_digest) for f in entries.values()):
        return "stale"
    return None


def stored(doc):
    """The last check of ``doc`` (a dict), or None when never checked."""
    return getattr(aq_base(doc), ATTRIBUTE, None)


def status_of(doc):
    found = stored(doc)
    return found["status"] if found else None


def check(doc, force=False, retry=False):
    """Check the document's PDF files and keep the result. Unless
    ``force``, a file checked already keeps its result when its bytes and
    the trust roots are the same (a document saved without new files costs
    no verification); a file a limit stopped is tried again only when
    ``retry`` (the bulk command), not at each save."""
    before = {f["name"]: f for f in (stored(doc) or {}).get("files", ())}
    digest = trust_roots.digest()
    roots = None
    files = []
    for name, title, named in pdf_files(doc):
        previous = before.get(name)
        if (not force and previous is not None and previous["version"] == version(named)
                and not stale(previous, digest) and not (retry and stopped(previous))):
            files.append(previous)
            continue
        if roots is None:
            roots = trust_roots.pem_bundle()
        files.append(check_file(name, title, named, roots, digest))
    status = rules.document_status(f["status"] for f in files)
    if not force and stored(doc) is not None and files == list(before.values()):
        return stored(doc)  # nothing changed: no write
    result = plain({"status": status, "checked": vietnam_timestamp().isoformat(),
                    "files": files})
    setattr(doc, ATTRIBUTE, result)
    doc.reindexObject(idxs=REINDEX)
    return result


def recheck(doc):
    """"Kiểm tra lại": every file again, against the roots installed now."""
    return check(doc, force=True)


# -- subscribers ---------------------------------------------------------------


def on_document_saved(doc, event):
    check(doc)


def on_attachment_changed(attachment, event):
    parent = aq_parent(aq_inner(attachment))
    if parent is not None and IOfficialDocument.providedBy(parent):
        check(parent)


def on_attachment_removed(attachment, event):
    parent = event.oldParent
    if parent is not None and IOfficialDocument.providedBy(parent) and stored(parent):
        check(parent)
