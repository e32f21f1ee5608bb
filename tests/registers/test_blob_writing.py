"""An uploaded file's bytes written into its blob (``uploads.blob_writing``):
the same bytes whatever their size, source and file system; straight to
the disk (``O_DIRECT``) past the first 64 KB where the file system allows
(the page cache holds the head only), through the page cache where it
refuses (tmpfs)."""

from qlvbdh_policy.uploads import blob_writing

import io
import os
import pytest
import shutil
import subprocess

CHUNK, HEAD = blob_writing.CHUNK, blob_writing.HEAD
SIZES = [1, 4095, HEAD - 1, HEAD, HEAD + 1, HEAD + 4096, CHUNK - 1, CHUNK, CHUNK + 4097,
         2 * CHUNK + 12345]


class ReadOnly:
    """A source with ``read`` only (no ``readinto``), giving short reads."""

    def __init__(self, data):
        self.data, self.at = data, 0

    def read(self, n):
        n = min(n, 100_000)
        piece = self.data[self.at:self.at + n]
        self.at += len(piece)
        return piece


def folders(tmp_path):
    found = [tmp_path]
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        found.append("/dev/shm")  # tmpfs refuses O_DIRECT
    return found


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", ["bytes", "file", "read-only"])
def test_the_bytes_arrive_whole(tmp_path, size, kind):
    data = os.urandom(size)
    for folder in folders(tmp_path):
        path = os.path.join(folder, f"hb-blob-{os.getpid()}-{size}-{kind}")
        with open(path, "wb") as f:
            f.write(b"older and longer content" * 1000)  # replaced, not kept
        source = {"bytes": data, "file": io.BytesIO(data), "read-only": ReadOnly(data)}[kind]
        try:
            assert blob_writing.write_file(path, source) == size
            with open(path, "rb") as f:
                assert f.read() == data
        finally:
            os.unlink(path)


def test_a_file_source_is_read_from_where_it_stands(tmp_path):
    source = io.BytesIO(b"skipped" + b"kept" * 50_000)
    source.seek(len(b"skipped"))
    path = tmp_path / "blob"
    path.write_bytes(b"")
    assert blob_writing.write_file(str(path), source) == 200_000
    assert path.read_bytes() == b"kept" * 50_000


def test_an_empty_source_leaves_an_empty_file(tmp_path):
    path = tmp_path / "blob"
    path.write_bytes(b"before")
    assert blob_writing.write_file(str(path), b"") == 0
    assert path.read_bytes() == b""


def cached_bytes(path):
    """The bytes of ``path`` in the page cache (util-linux ``fincore``)."""
    out = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


@pytest.mark.skipif(not blob_writing.O_DIRECT or not shutil.which("fincore"),
                    reason="no O_DIRECT or no fincore here")
def test_past_the_head_the_page_cache_is_not_filled(tmp_path):
    size = 5 * 1024 * 1024
    direct, cached = tmp_path / "direct", tmp_path / "cached"
    direct.write_bytes(b"")
    blob_writing.write_file(str(direct), os.urandom(size))
    cached.write_bytes(os.urandom(size))  # what stock code does
    assert cached_bytes(cached) >= size - 4096  # the measure sees a cached file
    assert HEAD <= cached_bytes(direct) < 2 * HEAD
