"""The signatures checked in a limited process (signatures/check_worker.py
run by signatures/isolated_check.py): a real worker each time. A valid
signature still verifies; a worker over its time or memory — set by the
test through the settings an administrator uses, the environment
variables — comes back as "not checked" with the reason, never valid
(the ``portal`` fixture only for the Vietnamese messages)."""

from asn1crypto import pem
from qlvbdh_policy.signatures import isolated_check
from signature_fixtures import plain_pdf
from signature_fixtures import sign
from zope.i18n import translate

import io
import pytest
import time


@pytest.fixture
def roots(test_ca):
    return pem.armor("CERTIFICATE", test_ca.root.der)


@pytest.fixture
def signed(test_ca, tmp_path):
    path = tmp_path / "ky.pdf"
    path.write_bytes(sign(plain_pdf(), test_ca.person, tmp_path))
    return path


def test_a_valid_signature_verifies_in_the_worker(signed, roots):
    [found], reason = isolated_check.check_path(str(signed), roots)
    assert reason is None
    assert (found["status"], found["signer"]) == ("valid", "Nguyễn Văn Bình")
    [found], reason = isolated_check.check_path(str(signed), b"")  # no root installed
    assert reason is None and found["status"] == "untrusted"


def test_a_file_without_byte_range_starts_no_worker(tmp_path, monkeypatch):
    path = tmp_path / "khong-ky.pdf"
    path.write_bytes(plain_pdf())
    monkeypatch.setenv(isolated_check.TIMEOUT_VARIABLE, "0.001")  # a worker would time out
    assert isolated_check.check_path(str(path), b"") == ([], None)


def test_over_its_time_the_worker_is_killed(portal, signed, roots, monkeypatch):
    monkeypatch.setenv(isolated_check.TIMEOUT_VARIABLE, "0.05")
    start = time.monotonic()
    assert isolated_check.check_path(str(signed), roots) == ([], "time")
    assert time.monotonic() - start < 5
    message = isolated_check.reason_message("time", isolated_check.limit_of("time"))
    assert translate(message, target_language="vi") == (
        "Kiểm tra chữ ký số của tệp quá 0.05 giây cho phép: tệp chưa được kiểm tra.")


def test_over_its_memory_the_worker_stops(portal, signed, roots, monkeypatch):
    """pyHanko alone needs about 70 MB of address space: 40 MB is too
    little for anything the file asks."""
    monkeypatch.setenv(isolated_check.MEMORY_VARIABLE, "40")
    assert isolated_check.check_path(str(signed), roots) == ([], "memory")
    assert translate(isolated_check.reason_message("memory", 40), target_language="vi") == (
        "Kiểm tra chữ ký số của tệp cần quá 40 MB bộ nhớ cho phép: tệp chưa được kiểm tra.")


def huge_pdf(megabytes):
    """A PDF carrying a stream of ``megabytes`` MB (a scan's size)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(plain_pdf()))
    writer.add_object(generic.StreamObject(stream_data=b"x" * (megabytes * 1048576)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_huge_signed_file_stops_at_the_memory_limit(test_ca, roots, tmp_path, monkeypatch):
    """A 60 MB signed file is read whole: the worker gives up at 110 MB of
    address space, where the default limit checks it."""
    huge = tmp_path / "lon.pdf"
    huge.write_bytes(sign(huge_pdf(60), test_ca.person, tmp_path))
    monkeypatch.setenv(isolated_check.MEMORY_VARIABLE, "110")
    assert isolated_check.check_path(str(huge), roots) == ([], "memory")
    monkeypatch.delenv(isolated_check.MEMORY_VARIABLE)
    [found], reason = isolated_check.check_path(str(huge), roots)
    assert reason is None and found["status"] == "valid"


def test_bytes_that_are_no_pdf_are_unreadable(tmp_path):
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.7\n/ByteRange [0 10 20 30] nothing else")
    assert isolated_check.check_path(str(path), b"") == ([], "unreadable")


def test_limits_read_from_the_environment(monkeypatch):
    assert isolated_check.limits() == (20.0, 512)
    monkeypatch.setenv(isolated_check.TIMEOUT_VARIABLE, "7.5")
    monkeypatch.setenv(isolated_check.MEMORY_VARIABLE, "khong-phai-so")
    assert isolated_check.limits() == (7.5, 512)
