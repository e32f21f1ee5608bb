"""What the header of a received edXML message says beyond the incoming
document's fields (``edxml_info``, ``mapping.info``; QCVN 102:2016/BTTTT
MessageHeader): the place, the content, the signer's competence, the
places it is sent to, the appendixes, the steering type … and the request
of the sender waiting for the clerk (``changes``).

Two readings of the same data:

- ``as_json``: the REST answer's ``edxml`` key, every key always there
  (null where the message said nothing), dates and times ISO 8601 as the
  rest of the API writes them;
- ``rows``: the page's section "Thông tin liên thông (edXML)", only what
  the message says, dates dd/mm/yyyy (NĐ 30/2020 writes dates so).
"""

from qlvbdh_policy import _
from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.message import EdxmlError
from qlvbdh_policy.edxml.message import split_document_id
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import format_datetime

#: the REST answer's keys, in order (``mapping.info``'s and the times)
KEYS = ("document_id", "sender", "place", "content", "competence", "to_places",
        "appendixes", "steering_type", "priority", "sphere_of_promulgation",
        "typer_notation", "promulgation_amount", "page_amount", "doc_type_code",
        "doc_type_name", "response_for", "business_type", "business_reason",
        "received", "updated")
LISTS = ("to_places", "appendixes")
SENDER_KEYS = ("organ_id", "organ_name", "organization_in_charge", "organ_add", "email",
               "telephone", "fax", "website")
CHANGE_KEYS = ("kind", "reason", "received")

MSG_DOCUMENT_ID = _("${code} of ${date} (identification code ${organ})")

#: the page's rows: (key, label) in the order shown
LABELS = (
    ("document_id", _("Document of the sender")),
    ("sender", _("Sending organisation")),
    ("place", _("Place of issue")),
    ("content", _("Content")),
    ("competence", _("Signing authority")),
    ("to_places", _("Sent to")),
    ("appendixes", _("Appendixes")),
    ("steering_type", _("Steering type")),
    ("priority", _("Priority (edXML)")),
    ("sphere_of_promulgation", _("Scope of circulation")),
    ("promulgation_amount", _("Number of copies")),
    ("typer_notation", _("Typist")),
    ("response_for", _("In answer to")),
    ("business_reason", _("Sender's reason")),
    ("received", _("Received on")),
    ("updated", _("Updated by the sender on")),
)


def info_of(doc):
    """The document's ``edxml_info``, or None when it came no edXML way."""
    return getattr(doc, "edxml_info", None) or None


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def change_json(change):
    """The request waiting for the clerk, or None."""
    if not change:
        return None
    return {"kind": change.get("kind"), "reason": change.get("reason") or None,
            "received": _iso(change.get("received"))}


def as_json(info, change=None):
    """The ``edxml`` key of the REST answer: None for a document not
    received as an edXML message; else every key of KEYS and ``change``."""
    if not info:
        return None
    out = {}
    for key in KEYS:
        value = info.get(key)
        if key in LISTS:
            value = list(value or ())
        elif key == "sender":
            value = {k: (value or {}).get(k) for k in SENDER_KEYS}
        elif key in ("received", "updated"):
            value = _iso(value)
        elif value == "":
            value = None
        out[key] = value
    out["change"] = change_json(change)
    return out


def document_id_text(text):
    """``000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`` as a person reads it: the
    number and notation, the date dd/mm/yyyy, the sender's code (the text
    as it is when it is written some other way)."""
    try:
        organ, day, code = split_document_id(text)
    except EdxmlError:
        return text
    return _(MSG_DOCUMENT_ID, mapping={"code": code, "date": format_date(day), "organ": organ})


def _sender_text(sender):
    name = sender.get("organ_name") or sender.get("organization_in_charge")
    code = sender.get("organ_id")
    if name and code:
        return f"{name} ({code})"
    return name or code


def shown(key, value):
    """One value as the page shows it (a str or a message id), or None."""
    if value in (None, "", [], {}):
        return None
    if key in LISTS:
        return "; ".join(v for v in value if v) or None
    if key == "sender":
        return _sender_text(value)
    if key in ("document_id", "response_for"):
        return document_id_text(value)
    if key == "steering_type":
        return codes.STEERING_TITLES.get(value, str(value))
    if key == "priority":
        return codes.PRIORITY_TITLES.get(value, str(value))
    if key == "received" or key == "updated":
        return format_datetime(value)
    return str(value)


def rows(info):
    """[(label, value)] of what the message says, labels and values
    message ids or text for the page to translate."""
    if not info:
        return []
    out = []
    for key, label in LABELS:
        value = shown(key, info.get(key))
        if value:
            out.append((label, value))
    return out
