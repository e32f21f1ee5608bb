"""A file uploaded before the registration that names it (REST, issue 14).

A REST client that sends a 5 MB file in base64 inside the registration's
JSON pays for decoding and parsing 7 MB in the registration itself. It may
instead post the file's bytes first (``POST <register>/@upload``, the
Content-Type of the file, its name in ``Content-Disposition``) and name the
upload in the registration: ``"file": {"upload": "<token>"}``.

The rules here: what an upload is called, what it may be (the same file
rules as any attached file, ``rules.files``; too big is HTTP 413), how
long it is kept and how many one account may have waiting (429 beyond),
and who may name it: the account that uploaded it, in a register of the
agency it was uploaded for.

Pure: no Zope import.
"""

from collections import namedtuple
from email.message import Message
from qlvbdh_policy import _
from qlvbdh_policy.rules import files
from qlvbdh_policy.rules import plain_text

import mimetypes

UploadRefusal = namedtuple("UploadRefusal", "reason status msgid mapping")

#: an upload nobody registered is dropped after this (seconds)
KEEP_SECONDS = 3600
#: the key of a file field's value that names an upload
KEY = "upload"
#: uploads one account may have waiting at once (each up to the file limit)
MAX_WAITING = 20
#: the name of a file uploaded without one, its extension from the Content-Type
UNNAMED = "tep-tai-len"

MSG_UNKNOWN = _(
    "The upload “${token}” named in “${field}” is unknown or has expired (an upload "
    "is kept ${hours} hours): upload the file again."
)
MSG_NOT_YOURS = _(
    "The upload named in “${field}” was made by another account: upload the file "
    "with your own account."
)
MSG_OTHER_AGENCY = _(
    "The upload named in “${field}” was made for a register of another agency: "
    "upload the file into a register of this agency."
)

MSG_TOO_MANY = _(
    "${count} uploads of this account are waiting for their registration, the most "
    "an account may have: register them, or wait until they expire (${hours} hours "
    "after the upload)."
)

UNKNOWN, NOT_YOURS, OTHER_AGENCY = "upload-unknown", "upload-not-yours", "upload-other-agency"
TOO_MANY = "uploads-waiting"


def is_reference(value):
    """A file field's value that names an upload instead of carrying data."""
    return isinstance(value, dict) and KEY in value and "data" not in value


def filename_of(content_disposition, content_type):
    """The uploaded file's name: ``filename*`` (RFC 6266, UTF-8) or
    ``filename`` of the Content-Disposition header, cleaned like every file
    name (``plain_text.clean_filename``); without one, ``UNNAMED`` with the
    extension of the Content-Type (none for a type nobody knows)."""
    name = None
    if content_disposition:
        header = Message()
        header["Content-Disposition"] = content_disposition
        try:
            name = header.get_filename()
        except (LookupError, ValueError):  # a charset Python does not know
            name = None
    name = plain_text.clean_filename(name) if name else None
    if name:
        return name
    media = (content_type or "").split(";")[0].strip().lower()
    extension = mimetypes.guess_extension(media) if media else None
    return UNNAMED + extension if extension else UNNAMED


def upload_refusal(filename, size, head, max_bytes):
    """None for a file that may be uploaded, else an UploadRefusal: the
    file rules of every attachment, 413 when it is too big."""
    refusal = files.check_file(filename, size, head, max_bytes)
    if refusal is None:
        return None
    return UploadRefusal(refusal.reason, 413 if refusal.reason == "size" else 400,
                         refusal.msgid, refusal.mapping)


def waiting_refusal(waiting, limit=None, keep=KEEP_SECONDS):
    """None while an account has fewer than ``limit`` (``MAX_WAITING``)
    uploads ``waiting`` (not yet registered nor expired), else 429: uploads
    are disk space until they expire, and nothing a user sends may fill
    the disk."""
    if waiting < (MAX_WAITING if limit is None else limit):
        return None
    return UploadRefusal(TOO_MANY, 429, MSG_TOO_MANY,
                         {"count": waiting, "hours": f"{keep / 3600:g}"})


def is_expired(created, now, keep=KEEP_SECONDS):
    """Whether an upload made at ``created`` (a POSIX timestamp) is gone at
    ``now``."""
    return now - created > keep


def claim_refusal(token, field, upload, owner, agency, now, keep=KEEP_SECONDS):
    """None when the account ``owner`` may name the upload ``upload`` (an
    object with ``owner``, ``agency`` and ``created``, or None when the
    token is not known) in a register of ``agency``, else an UploadRefusal:
    400 for an unknown or expired token, 403 for another's."""
    if upload is None or is_expired(upload.created, now, keep):
        return UploadRefusal(UNKNOWN, 400, MSG_UNKNOWN,
                             {"token": str(token)[:60], "field": field,
                              "hours": f"{keep / 3600:g}"})
    if upload.owner != owner:
        return UploadRefusal(NOT_YOURS, 403, MSG_NOT_YOURS, {"field": field})
    if upload.agency != agency:
        return UploadRefusal(OTHER_AGENCY, 403, MSG_OTHER_AGENCY, {"field": field})
    return None
