"""The text extracted from a file, kept on the object that holds the file,
keyed by the file's version so that a new file is read again."""

from zope.annotation.interfaces import IAnnotations

import hashlib

KEY = "qlvbdh_policy.file_text"


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
    """The stored text of that version, or None."""
    cache = IAnnotations(owner).get(KEY)
    return cache["text"] if cache and cache.get("version") == version else None


def store_text(owner, version, text):
    IAnnotations(owner)[KEY] = {"version": version, "text": text}
