"""The columns of the register books of NĐ 30/2020 Phụ lục IV: incoming
(mẫu VI, 10 columns), outgoing (mẫu I, 10 columns) and the follow-up
register of incoming documents (mẫu VIII, 7 columns).

Pure: an entry is a plain dict (built from catalog metadata elsewhere);
``cells`` turns it into the strings printed in each column, so the page,
the PDF and the XLSX print the same thing.
"""

from collections import namedtuple
from qlvbdh_policy import _
from qlvbdh_policy.rules import signatures
from qlvbdh_policy.rules.notation import format_number
from qlvbdh_policy.timeutil import format_date

import datetime

INCOMING = "incoming"
OUTGOING = "outgoing"
FOLLOW_UP = "follow-up"

# width: share of the printable width, for the PDF and the XLSX
Column = namedtuple("Column", "key header width")

COLUMNS = {
    INCOMING: (
        Column("arrival_date", _("Arrival date"), 9),
        Column("arrival_number", _("Arrival number"), 5),
        Column("sender_name", _("Author"), 12),
        Column("code", _("Number and notation of the document"), 10),
        Column("doc_date", _("Document date"), 9),
        Column("type_and_summary", _("Document type and summary"), 23),
        Column("receiver", _("Receiving unit or person"), 12),
        Column("transfer_date", _("Transfer date"), 9),
        Column("signature", _("Signature of receipt"), 7),
        Column("notes", _("Notes"), 6),
    ),
    OUTGOING: (
        Column("code", _("Number and notation of the document"), 10),
        Column("issued_date", _("Document date"), 9),
        Column("type_and_summary", _("Document type and summary"), 22),
        Column("signer_name", _("Signer"), 10),
        Column("recipients", _("Recipients"), 14),
        Column("archive_holder", _("Unit or person keeping the archive copy"), 9),
        Column("copies", _("Number of copies"), 5),
        Column("transfer_date", _("Transfer date"), 9),
        Column("signature", _("Signature of receipt"), 7),
        Column("notes", _("Notes"), 5),
    ),
    FOLLOW_UP: (
        Column("arrival_number", _("Arrival number"), 6),
        Column("description", _("Type, number, notation, date and issuing agency"), 30),
        Column("receiver", _("Receiving unit or person"), 15),
        Column("due_date", _("Time limit for handling"), 9),
        Column("progress", _("Progress"), 14),
        Column("reply_code", _("Number and notation of the reply"), 14),
        Column("notes", _("Notes"), 12),
    ),
}

TITLES = {
    INCOMING: _("REGISTER OF INCOMING DOCUMENTS"),
    OUTGOING: _("REGISTER OF OUTGOING DOCUMENTS"),
    FOLLOW_UP: _("REGISTER FOR FOLLOWING UP INCOMING DOCUMENTS"),
}

MSG_DONE = _("Done")
MSG_IN_PROGRESS = _("In progress")
MSG_OVERDUE = _("Overdue by ${days} days")
MSG_DONE_LATE = _("Done, ${days} days late")


def number_text(value):
    """Register numbers below 10 take a leading zero (05)."""
    try:
        return format_number(value)
    except (TypeError, ValueError):
        return str(value or "")


def _text(value):
    if value is None or not isinstance(value, (str, int)) or isinstance(value, bool):
        return ""
    return str(value)


def _join(*parts, sep="; "):
    return sep.join(p for p in parts if p)


def progress(done, due_date, today, done_date=None):
    """Tiến độ giải quyết as a message: done (late or not), overdue, or under way."""
    if not isinstance(due_date, datetime.date):
        return MSG_DONE if done else MSG_IN_PROGRESS
    due = due_date.date() if isinstance(due_date, datetime.datetime) else due_date
    if done:
        finished = done_date.date() if isinstance(done_date, datetime.datetime) else done_date
        if isinstance(finished, datetime.date) and finished > due:
            return _(MSG_DONE_LATE, mapping={"days": (finished - due).days})
        return MSG_DONE
    if today > due:
        return _(MSG_OVERDUE, mapping={"days": (today - due).days})
    return MSG_IN_PROGRESS


def signature_mark(entry, translate):
    """The class of the document's digital signatures, for the notes
    column (Phụ lục IV keeps its columns): nothing for a document never
    checked or without signature."""
    status = entry.get("signature_status")
    if status in signatures.MARKS and status != signatures.UNSIGNED:
        return translate(signatures.MARKS[status])
    return ""


def cells(book, entry, translate=lambda message: message):
    """The printed value of each column of ``book`` for one entry; the
    notes end with the signatures' mark (``signature_mark``)."""
    type_title = _text(entry.get("type_title"))
    summary = _text(entry.get("title"))
    values = {
        "arrival_date": format_date(entry.get("arrival_date")),
        "arrival_number": number_text(entry.get("arrival_number")),
        "sender_name": _text(entry.get("sender_name")),
        "code": _text(entry.get("code")),
        "doc_date": format_date(entry.get("doc_date")),
        "issued_date": format_date(entry.get("issued_date")),
        "type_and_summary": _join(type_title, summary, sep=": ") if type_title else summary,
        "receiver": _text(entry.get("receiver")),
        "transfer_date": format_date(entry.get("transfer_date")),
        "signature": "",  # signed by hand on the printed book
        "notes": _join(_text(entry.get("notes")), signature_mark(entry, translate)),
        "signer_name": _text(entry.get("signer_name")),
        "recipients": _text(entry.get("recipients")),
        "archive_holder": _text(entry.get("archive_holder")),
        "copies": _text(entry.get("copies")),
        "description": _join(type_title, _text(entry.get("code")),
                             format_date(entry.get("doc_date")), _text(entry.get("sender_name"))),
        "due_date": format_date(entry.get("due_date")),
        "progress": translate(entry["progress"]) if entry.get("progress") else "",
        "reply_code": _text(entry.get("reply_code")),
    }
    return [values[column.key] for column in COLUMNS[book]]


def number_range(numbers):
    """'Từ số … đến số …' of the cover page: (first, last) or ('', '')."""
    numbers = [n for n in numbers if isinstance(n, int) and not isinstance(n, bool)]
    if not numbers:
        return "", ""
    return number_text(min(numbers)), number_text(max(numbers))
