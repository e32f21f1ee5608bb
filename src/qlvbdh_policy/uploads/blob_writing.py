"""An uploaded file's bytes go into its blob once, straight to the disk.

Stock plone.namedfile takes a form's upload as one ``bytes`` object (its
converter reads the whole upload into memory first) and a REST file as the
decoded ``bytes``, and writes them through the page cache
(``blob.open("w").write(data)``). The bytes of a registered file are
written once and read seldom (a download, the text worker once), so here
they are written with ``O_DIRECT``: to the disk without filling the page
cache, from one reused buffer, read from the upload in pieces (the first
64 KB, which the registration reads back, through the cache). On the
development machine (a VM) filling 5 MB of fresh page cache cost 13–16 ms
and a direct write of it 3–4 ms (bench/bench_attachments.py); the data is
also on the disk when the transaction that references it commits (the
page cache would write it back up to 30 s later). Where the file system
refuses ``O_DIRECT`` (tmpfs), the same pieces are written the usual way.

plone.namedfile's own extension point is used: ``NamedBlobFile(data=
DirectWrite(source))`` finds its ``IStorage`` utility by the class of the
data (``configure.zcml``), no stock code is replaced.
"""

from plone.namedfile.interfaces import IStorage
from plone.namedfile.interfaces import NotStorable
from zope.interface import implementer

import errno
import mmap
import os
import threading

CHUNK = 4 << 20  # bytes read and written at a time (a multiple of any block size)
BLOCK = 4096  # O_DIRECT writes whole blocks; the file is cut to its size after
HEAD = 65536  # read back in the same request (rules.files, search.text_cache)
O_DIRECT = getattr(os, "O_DIRECT", 0)

_buffers = threading.local()


class DirectWrite:
    """Data for a NamedBlobFile: ``source`` is bytes (or any buffer) or a
    binary file read from its current position (a form's ``FileUpload``,
    a request's body)."""

    def __init__(self, source):
        self.source = source


def _buffer():
    """This thread's page-aligned buffer (mmap), reused by every write:
    fresh memory is what costs on a VM."""
    buffer = getattr(_buffers, "buffer", None)
    if buffer is None:
        buffer = _buffers.buffer = mmap.mmap(-1, CHUNK)
    return buffer


def _pieces(source, view):
    """Fill ``view`` from ``source`` piece by piece; yields each length."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = memoryview(source).cast("B")
        for start in range(0, len(data), len(view)):
            piece = data[start:start + len(view)]
            view[:len(piece)] = piece
            yield len(piece)
        return
    readinto = getattr(source, "readinto", None)
    while True:
        filled = 0
        while filled < len(view):
            if readinto is not None:
                n = readinto(view[filled:])
            else:
                chunk = source.read(len(view) - filled)
                n = len(chunk)
                view[filled:filled + n] = chunk
            if not n:
                break
            filled += n
        if filled:
            yield filled
        if filled < len(view):
            return


def _pwrite_all(fd, data, offset):
    while data:
        n = os.pwrite(fd, data, offset)
        data, offset = data[n:], offset + n


def _open_direct(path):
    """A descriptor writing ``path`` past the page cache, or None where the
    file system refuses it."""
    if not O_DIRECT:
        return None
    try:
        return os.open(path, os.O_WRONLY | O_DIRECT)
    except OSError as exc:
        if exc.errno != errno.EINVAL:
            raise
        return None


def write_file(path, source):
    """Write ``source`` into the file at ``path`` (replacing what it held);
    return the number of bytes. The first ``HEAD`` bytes go through the
    page cache, as the file's rules and the text cache read them back at
    once; the rest straight to the disk where the file system allows."""
    view = memoryview(_buffer())
    with open(path, "r+b", buffering=0) as cached:
        cached.truncate()
        direct = _open_direct(path)
        try:
            size = 0
            for n in _pieces(source, view):
                through_cache = n if direct is None else max(0, min(n, HEAD - size))
                if through_cache:
                    _pwrite_all(cached.fileno(), view[:through_cache], size)
                if through_cache < n:
                    padded = -(-n // BLOCK) * BLOCK
                    view[n:padded] = bytes(padded - n)
                    try:
                        _pwrite_all(direct, view[through_cache:padded], size + through_cache)
                    except OSError as exc:  # the open was taken, not the write
                        if exc.errno != errno.EINVAL:
                            raise
                        os.close(direct)
                        direct = None
                        _pwrite_all(cached.fileno(), view[through_cache:n],
                                    size + through_cache)
                size += n
            os.ftruncate(cached.fileno(), size)
        finally:
            if direct is not None:
                os.close(direct)
    return size


@implementer(IStorage)
class DirectWriteStorable:
    """plone.namedfile's storage of ``DirectWrite`` data into a blob."""

    def store(self, data, blob):
        if not isinstance(data, DirectWrite):
            raise NotStorable("Could not store data (not DirectWrite).")
        with blob.open("w") as target:
            path = target.name
        write_file(path, data.source)
