"""The check of a document's signatures as people read it: each class in
plain Vietnamese, dates dd/mm/yyyy HH:MM:SS in Vietnam time. The page,
the book and REST all show this one rendering."""

from qlvbdh_policy.rules import signatures as rules
from qlvbdh_policy.signatures import checking
from qlvbdh_policy.signatures import isolated_check
from qlvbdh_policy.timeutil import VIETNAM
from qlvbdh_policy.vietnamese import in_vietnamese

import datetime


def format_moment(iso):
    """dd/mm/yyyy HH:MM:SS in Vietnam time ('' for none)."""
    if not iso:
        return ""
    return datetime.datetime.fromisoformat(iso).astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M:%S")


def label(status, request=None):
    return in_vietnamese(rules.LABELS[status], request) if status in rules.LABELS else ""


def mark(status, request=None):
    return in_vietnamese(rules.MARKS[status], request) if status in rules.MARKS else ""


def described(doc, request=None):
    """{status, label, checked, files: [{name, title, filename, status,
    label, error?, error_message (why it was not checked, or ""), signatures: [{signer, organisation, signed_at, status, label …}]}]},
    or status None when the document was never checked."""
    found = checking.stored(doc)
    if not found:
        return {"status": None, "label": "", "checked": None, "files": []}
    files = []
    for entry in found["files"]:
        signatures = [dict(s, label=label(s["status"], request),
                           signed_at_text=format_moment(s.get("signed_at")))
                      for s in entry["signatures"]]
        reason = entry.get("error")
        message = (in_vietnamese(isolated_check.reason_message(reason, entry.get("limit")),
                                 request) if reason else "")
        files.append({k: v for k, v in entry.items() if k not in ("version", "limit")} | {
            "label": label(entry["status"], request), "signatures": signatures,
            "error_message": message})
    return {"status": found["status"], "label": label(found["status"], request),
            "checked": found["checked"], "checked_text": format_moment(found["checked"]),
            "files": files}
