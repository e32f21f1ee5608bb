"""Which attached files are accepted: office and image formats, not empty,
not programs, not over the configured size."""

from collections import namedtuple
from qlvbdh_policy import _

import math
import os

FileRefusal = namedtuple("FileRefusal", "reason msgid mapping")

ACCEPTED_EXTENSIONS = frozenset(
    """pdf doc docx dot dotx rtf xls xlsx xlsm csv ppt pptx pps ppsx
    odt ods odp odg jpg jpeg png gif tif tiff bmp webp txt xml zip""".split()
)
PROGRAM_EXTENSIONS = frozenset(
    """exe com bat cmd msi scr pif dll sys vbs vbe js jse wsf wsh ps1 psm1
    sh bash jar apk app deb rpm bin run elf cpl hta lnk reg""".split()
)
PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")

MSG_EMPTY = _("The file ${name} is empty.")
MSG_TOO_BIG = _("The file ${name} is ${size} MB; files may be at most ${limit} MB.")
MSG_PROGRAM = _("The file ${name} is a program; programs cannot be attached.")
MSG_FORMAT = _(
    "The file ${name} is not in an accepted format (PDF, Word, Excel, "
    "PowerPoint, OpenDocument, images)."
)


def extension(filename):
    return os.path.splitext(filename or "")[1].lower().lstrip(".")


def check_file(filename, size, head, max_bytes):
    """Return a FileRefusal, or None when the file is accepted.

    head: the first bytes of the file (magic numbers betray programs that
    were renamed to look like documents).
    """
    name = filename or "(không tên)"
    ext = extension(filename)
    if not size:
        return FileRefusal("empty", MSG_EMPTY, {"name": name})
    if ext in PROGRAM_EXTENSIONS or any(head.startswith(m) for m in PROGRAM_MAGIC):
        return FileRefusal("program", MSG_PROGRAM, {"name": name})
    if ext not in ACCEPTED_EXTENSIONS:
        return FileRefusal("format", MSG_FORMAT, {"name": name})
    if size > max_bytes:
        return FileRefusal(
            "size", MSG_TOO_BIG,
            {"name": name, "size": f"{size / 1048576:.1f}",
             "limit": f"{max_bytes / 1048576:g}"},
        )
    return None


# A file travels base64-encoded in a REST body (4 bytes for 3) and with a
# form's other fields around it: the largest request an accepted file needs.
BODY_MARGIN_BYTES = 1048576


def request_body_limit(max_file_bytes):
    """The largest request body worth reading for files of at most
    ``max_file_bytes``: the proxy (nginx ``client_max_body_size``) and the
    WSGI server (waitress ``max_request_body_size``) refuse a larger one
    with 413 before Zope reads it into a temporary file."""
    return math.ceil(max_file_bytes * 4 / 3) + BODY_MARGIN_BYTES
