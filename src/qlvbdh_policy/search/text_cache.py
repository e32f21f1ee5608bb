"""The text extracted from a file, kept on the object that holds the file,
keyed by the file's version so that a new file is read again.

The text is a record of its own (``FileText``), referenced from the
object's annotations: stored in the annotations' tree itself, hundreds of
KB of text were written again whenever anything else was annotated on the
document (issue 15). Do not rename or move ``FileText`` without an upgrade
step: the ZODB stores its path."""

from persistent import Persistent
from zope.annotation.interfaces import IAnnotations

import hashlib

KEY = "qlvbdh_policy.file_text"


class FileText(Persistent):
    """One file's text and the version of the file it was read from."""

    def __init__(self, version, text):
        self.version = version
        self.text = text

    def get(self, name, default=None):  # read like the former dict
        return getattr(self, name, default)

    def __getitem__(self, name):
        return getattr(self, name)


def file_version(named_file):
    """Name, size and a hash of the first 64 KB: the same before and after
    the commit (a blob's serial is not)."""
    if hasattr(named_file, "open"):
        with named_file.open() as f:
            head = hashlib.sha1(f.read(65536)).hexdigest()
    else:
        head = hashlib.sha1(named_file.data[:65536]).hexdigest()
    return f"{named_file.filename}:{named_file.getSize()}:{head}"


def cached_text(owner, version):
    """The stored text of that version, or None (a ``FileText``, or before
    upgrade 1012 a dict)."""
    cache = IAnnotations(owner).get(KEY)
    return cache["text"] if cache and cache.get("version") == version else None


def store_text(owner, version, text):
    annotations = IAnnotations(owner)
    stored = annotations.get(KEY)
    if isinstance(stored, FileText):
        stored.version, stored.text = version, text  # its own record only
    else:
        annotations[KEY] = FileText(version, text)


def move_apart(owner):
    """Upgrade 1012: a text stored as a dict in the annotations becomes a
    ``FileText`` record. Returns True when it moved one."""
    annotations = IAnnotations(owner, None)
    stored = annotations.get(KEY) if annotations is not None else None
    if stored is None or isinstance(stored, FileText):
        return False
    annotations[KEY] = FileText(stored.get("version"), stored.get("text"))
    return True
