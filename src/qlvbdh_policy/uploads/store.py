"""Uploads waiting for the registration that names them (``rules.uploads``).

An upload is a blob in the database, not a file of one instance's disk:
behind the balancer of several instances (issue 15) the registration may
reach another instance than the upload did (plone.restapi's ``@tus-upload``
keeps its files in the instance's folder, and creates the content itself
at the last chunk, outside the registration's number and checks). The
uploads are kept in a BTree in the site's annotations, by a random token,
with the account and the agency they were made for; an upload is dropped
when an upload finds it older than ``rules.uploads.KEEP_SECONDS`` (its
blob goes at the next ``make pack``).

The registration takes the upload's blob itself for the document's file:
nothing is copied or written again, and the upload is removed from the
BTree in the registration's transaction (a registration refused leaves it
for another try).
"""

from AccessControl import getSecurityManager
from BTrees.OOBTree import OOBTree
from DateTime import DateTime
from persistent import Persistent
from plone.namedfile.utils import get_contenttype
from plone.uuid.interfaces import IUUID
from qlvbdh_policy.content.validation import max_upload_bytes
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import uploads as rules
from qlvbdh_policy.timeutil import vietnam_now
from qlvbdh_policy.uploads.blob_writing import DirectWrite
from qlvbdh_policy.uploads.blob_writing import DirectWriteStorable
from qlvbdh_policy.vocabularies.content_vocabularies import agency_of
from ZODB.blob import Blob
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import getSite

import io
import secrets

ANNOTATION = "qlvbdh_policy.uploads"
STATUS_TYPES = {400: "ValidationError", 403: "Forbidden", 413: "PayloadTooLarge",
                429: "TooManyRequests"}


class UploadRefused(RefusedValue):
    """An upload refused, or an upload named that may not be: ``status``
    is the HTTP status (400, 403, 413, 429), the field at fault is named."""

    def __init__(self, refusal, field="file"):
        super().__init__(refusal.msgid, refusal.mapping, field, refusal.reason)
        self.status = refusal.status
        self.error_type = STATUS_TYPES.get(refusal.status, "ValidationError")


class Upload(Persistent):
    """A file uploaded by ``owner`` (user id) for a register of ``agency``
    (its UID) at ``created`` (POSIX time)."""

    def __init__(self, owner, agency, filename, content_type, size, created, blob):
        self.owner, self.agency = owner, agency
        self.filename, self.content_type, self.size = filename, content_type, size
        self.created, self.blob = created, blob


def _uploads(site, create=False):
    annotations = IAnnotations(site)
    uploads = annotations.get(ANNOTATION)
    if uploads is None and create:
        uploads = annotations[ANNOTATION] = OOBTree()
    return uploads


def _now():
    return vietnam_now().timestamp()


def _user_id():
    return getSecurityManager().getUser().getId()


def _agency_uid(context):
    agency = agency_of(context)
    return IUUID(agency, None) if agency is not None else None


def _size_and_head(body):
    body.seek(0, io.SEEK_END)
    size = body.tell()
    body.seek(0)
    head = body.read(16)
    body.seek(0)
    return size, head


def sweep(uploads, now):
    """Drop the uploads kept too long."""
    for token in [t for t, u in uploads.items() if rules.is_expired(u.created, now)]:
        del uploads[token]


def waiting(uploads, owner, now):
    """How many uploads of ``owner`` wait for their registration."""
    if uploads is None:
        return 0
    return sum(1 for u in uploads.values()
               if u.owner == owner and not rules.is_expired(u.created, now))


def add(register, body, filename):
    """Keep the file ``body`` (a binary file) as an upload of the current
    account for ``register``'s agency; return (token, Upload). The file
    rules are checked before anything is written.

    :raises: UploadRefused (400; 413 for a file too big, 429 for an
        account with ``rules.uploads.MAX_WAITING`` uploads waiting)"""
    size, head = _size_and_head(body)
    refusal = rules.upload_refusal(filename, size, head, max_upload_bytes())
    now, owner = _now(), _user_id()
    if refusal is None:
        refusal = rules.waiting_refusal(waiting(_uploads(getSite()), owner, now))
    if refusal is not None:
        raise UploadRefused(refusal, None if refusal.reason == rules.TOO_MANY else "file")
    blob = Blob()
    DirectWriteStorable().store(DirectWrite(body), blob)
    upload = Upload(owner, _agency_uid(register), filename,
                    get_contenttype(filename=filename), size, now, blob)
    uploads = _uploads(getSite(), create=True)
    sweep(uploads, now)
    token = secrets.token_urlsafe(24)
    uploads[token] = upload
    return token, upload


def claim(context, reference, field="file"):
    """The Upload that ``reference`` (``{"upload": token}``) names, taken
    out of the waiting uploads, for a document of ``context`` (a register,
    or a document: its agency counts).

    :raises: UploadRefused (400 unknown or expired, 403 another account's
        or another agency's)"""
    token = reference.get(rules.KEY)
    uploads = _uploads(getSite())
    upload = uploads.get(token) if uploads is not None and isinstance(token, str) else None
    refusal = rules.claim_refusal(token, field, upload, _user_id(), _agency_uid(context),
                                  _now())
    if refusal is not None:
        raise UploadRefused(refusal, field)
    del uploads[token]
    return upload


def named_file(upload, field):
    """The NamedBlobFile of ``field`` holding the upload's blob itself.

    Made without its ``__init__``, which creates an empty blob file only to
    have it replaced; the attributes are those ``__init__`` sets, and the
    size is known (plone.namedfile keeps it in ``__dict__`` once read)."""
    factory = field._type
    named = factory.__new__(factory)
    named.contentType = upload.content_type
    named._blob = upload.blob
    named.filename = upload.filename
    named._modified = DateTime().millis()
    named.__dict__["size"] = upload.size
    return named

