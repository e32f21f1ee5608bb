"""The site's outbox of edXML messages (QCVN 102:2016/BTTTT) waiting for the
hub adapter, the program that carries them to the national document hub
(trục liên thông văn bản quốc gia) and tells which ones it took.

One message per recipient: issuing, recalling, updating or replacing an
outgoing document, and every status a receiving agency reports back
(Quyết định 28/2018/QĐ-TTg), each puts one message here. A message stays
after it is acknowledged — it is the document's record of what was sent —
and leaves the pending list only.

Storage: a ``Outbox`` in the site's annotations. The XML is a blob (a
message carries its files base64, megabytes): the records stay small and a
listing loads no file. Ids sort in the order messages were queued (the
time to the microsecond, then a random part), so no shared counter makes
two concurrent issuings conflict, and the hub adapter pages with ``after``.
"""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from datetime import datetime
from datetime import timezone
from persistent import Persistent
from plone import api
from plone.uuid.interfaces import IUUID
from qlvbdh_policy import _
from qlvbdh_policy.timeutil import vietnam_timestamp
from ZODB.blob import Blob
from zope.annotation.interfaces import IAnnotations

import uuid

KEY = "qlvbdh_policy.edxml_outbox"
KIND_EDOC = "edoc"
KIND_STATUS = "status"
KINDS = (KIND_EDOC, KIND_STATUS)
PAGE = 50
MAX_PAGE = 500


class OutboxError(ValueError):
    """A request the outbox refuses; ``msgid`` and ``mapping`` give the
    sentence, ``ids`` the messages it names."""

    def __init__(self, msgid, ids=(), **mapping):
        self.msgid, self.ids, self.mapping = msgid, list(ids), mapping
        super().__init__(f"{msgid} {', '.join(self.ids)}".strip())


class Message(Persistent):
    """One edXML message: who it goes to, what it is, when it was queued and
    acknowledged. The XML is in ``blob``. Persistent class: keep its name
    importable here."""

    acknowledged = None
    business_type = None
    document_id = None  # the edXML DocumentId, e.g. 000.00.32.H55,2024/03/01,12/UBND-VP

    def __init__(self, id, kind, recipient_code, document_uid, size):
        self.id = id
        self.kind = kind
        self.recipient_code = recipient_code
        self.document_uid = document_uid
        self.size = size
        self.created = vietnam_timestamp()
        self.blob = Blob()

    @property
    def pending(self):
        return self.acknowledged is None

    def data(self):
        with self.blob.open("r") as stream:
            return stream.read()


class Outbox(Persistent):
    """The messages by id, the pending ids, and the ids of each document.
    Persistent class: keep its name importable here."""

    def __init__(self):
        self.messages = OOBTree()
        self.waiting = OOTreeSet()
        self.waiting_count = Length()
        self.by_document = OOBTree()
        self.sent = OOBTree()  # edXML DocumentId → UID of the document sent under it


def outbox(site, create=False):
    """The site's outbox; None when nothing was ever queued and not created."""
    annotations = IAnnotations(site)
    if KEY not in annotations and create:
        annotations[KEY] = Outbox()
    return annotations.get(KEY)


def new_id():
    """Sorts in queueing order: UTC to the microsecond, then 8 random hex digits."""
    now = datetime.now(timezone.utc)
    return f"{now:%Y%m%d%H%M%S%f}-{uuid.uuid4().hex[:8]}"


def enqueue(site, xml_bytes, *, kind, recipient_code, document=None,
            business_type=None, document_id=None):
    """Queue ``xml_bytes`` for ``recipient_code`` (the organisation's mã định
    danh); ``document`` is the site's document the message is about (the
    outgoing document sent, or the incoming document a status reports on).
    Returns the message's id."""
    if kind not in KINDS:
        raise OutboxError(_("The kind of an edXML message must be one of ${kinds}, "
                            "not \"${kind}\"."), kinds=", ".join(KINDS), kind=kind)
    if not recipient_code:
        raise OutboxError(_("An edXML message needs the identification code of its "
                            "recipient."))
    if not isinstance(xml_bytes, bytes) or not xml_bytes:
        raise OutboxError(_("An edXML message must be non-empty XML bytes."))
    box = outbox(site, create=True)
    uid = IUUID(document, None) if document is not None else None
    message = Message(new_id(), kind, recipient_code, uid, len(xml_bytes))
    message.business_type = business_type
    message.document_id = document_id
    with message.blob.open("w") as stream:
        stream.write(xml_bytes)
    box.messages[message.id] = message
    box.waiting.add(message.id)
    box.waiting_count.change(1)
    if uid:
        if uid not in box.by_document:
            box.by_document[uid] = OOTreeSet()
        box.by_document[uid].add(message.id)
        if kind == KIND_EDOC and document_id:
            box.sent[document_id] = uid
    return message.id


def get(site, message_id):
    """The message ``message_id``; None when there is none."""
    box = outbox(site)
    return box.messages.get(message_id) if box is not None else None


def pending(site, limit=PAGE, after=None):
    """Up to ``limit`` pending messages, oldest first, queued after the id
    ``after`` (the last id of the previous page)."""
    box = outbox(site)
    if box is None:
        return []
    limit = max(1, min(int(limit), MAX_PAGE))
    ids = box.waiting.keys(min=after, excludemin=True) if after else box.waiting.keys()
    out = []
    for message_id in ids:
        out.append(box.messages[message_id])
        if len(out) >= limit:
            break
    return out


def pending_count(site):
    box = outbox(site)
    return box.waiting_count() if box is not None else 0


def acknowledge(site, ids):
    """Mark ``ids`` as taken by the hub adapter. All or nothing: an id the
    outbox never held refuses the whole call (OutboxError). Acknowledging
    again is harmless (the adapter may retry after a lost answer). Returns
    (ids acknowledged now, ids acknowledged before)."""
    box = outbox(site)
    ids = [str(i) for i in dict.fromkeys(ids or ())]
    if not ids:
        raise OutboxError(_("Give the ids of the edXML messages to acknowledge."))
    unknown = [i for i in ids if box is None or i not in box.messages]
    if unknown:
        raise OutboxError(_("The outbox holds no edXML message with the id ${unknown}."),
                          ids=unknown, unknown=", ".join(unknown))
    now, before = [], []
    stamp = vietnam_timestamp()
    for message_id in ids:
        message = box.messages[message_id]
        if message.acknowledged is not None:
            before.append(message_id)
            continue
        message.acknowledged = stamp
        box.waiting.remove(message_id)
        box.waiting_count.change(-1)
        now.append(message_id)
    return now, before


def sent_document_uid(site, document_id):
    """The UID of the site's document sent under the edXML ``document_id``
    (``OrganId,yyyy/MM/dd,số/ký hiệu``), or None."""
    box = outbox(site)
    return box.sent.get(document_id) if box is not None and document_id else None


def messages_for(document):
    """The messages queued about ``document``, oldest first (pending or not)."""
    box = outbox(api.portal.get())
    uid = IUUID(document, None)
    if box is None or not uid or uid not in box.by_document:
        return []
    return [box.messages[i] for i in box.by_document[uid]]
