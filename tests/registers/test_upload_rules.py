"""The rules of files uploaded before their registration (rules/uploads.py)."""

from collections import namedtuple
from qlvbdh_policy.rules import uploads

import pytest

MB = 1048576
Upload = namedtuple("Upload", "owner agency created")


@pytest.mark.parametrize("disposition, content_type, name", [
    ("attachment; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch.pdf", "application/pdf",
     "Kế hoạch.pdf"),
    ('attachment; filename="cong-van.docx"', "application/octet-stream", "cong-van.docx"),
    ('attachment; filename="C:\\\\Users\\\\vt\\\\a.pdf"', "application/pdf", "a.pdf"),
    ('attachment; filename="../../etc/passwd"', "application/pdf", "passwd"),
    ("attachment; filename*=UTF-8''a%00b%0A.pdf", "application/pdf", "ab.pdf"),
    ('attachment; filename=".."', "application/pdf", "tep-tai-len.pdf"),
    (None, "application/pdf", "tep-tai-len.pdf"),
    (None, "application/pdf; charset=binary", "tep-tai-len.pdf"),
    ("inline", "image/png", "tep-tai-len.png"),
    (None, "application/x-no-such-type", "tep-tai-len"),
    (None, None, "tep-tai-len"),
])
def test_the_name_of_an_upload(disposition, content_type, name):
    assert uploads.filename_of(disposition, content_type) == name


@pytest.mark.parametrize("name, size, head, reason, status", [
    ("a.pdf", 5 * MB, b"%PDF-1.4", None, None),
    ("a.pdf", 50 * MB + 1, b"%PDF-1.4", "size", 413),
    ("a.pdf", 0, b"", "empty", 400),
    ("a.exe", 10, b"MZ\x90", "program", 400),
    ("a.pdf", 10, b"MZ\x90", "program", 400),
    ("a.html", 10, b"<html>", "format", 400),
    ("tep-tai-len", 10, b"%PDF", "format", 400),
])
def test_what_may_be_uploaded(name, size, head, reason, status):
    refusal = uploads.upload_refusal(name, size, head, 50 * MB)
    if reason is None:
        assert refusal is None
    else:
        assert (refusal.reason, refusal.status) == (reason, status)


NOW = 1_800_000_000.0
KEPT = Upload("lan", "uid-sttt", NOW - 60)


@pytest.mark.parametrize("upload, owner, agency, now, reason, status", [
    (KEPT, "lan", "uid-sttt", NOW, None, None),
    (KEPT, "lan", "uid-sttt", NOW - 60 + uploads.KEEP_SECONDS, None, None),
    (KEPT, "lan", "uid-sttt", NOW + uploads.KEEP_SECONDS, uploads.UNKNOWN, 400),
    (None, "lan", "uid-sttt", NOW, uploads.UNKNOWN, 400),
    (KEPT, "hoa", "uid-sttt", NOW, uploads.NOT_YOURS, 403),
    (KEPT, "lan", "uid-stp", NOW, uploads.OTHER_AGENCY, 403),
    (KEPT, None, "uid-sttt", NOW, uploads.NOT_YOURS, 403),
])
def test_who_may_name_an_upload(upload, owner, agency, now, reason, status):
    refusal = uploads.claim_refusal("tok", "file", upload, owner, agency, now)
    if reason is None:
        assert refusal is None
    else:
        assert (refusal.reason, refusal.status) == (reason, status)
        assert refusal.mapping["field"] == "file"


@pytest.mark.parametrize("value, is_reference", [
    ({"upload": "tok"}, True),
    ({"upload": "tok", "data": "JVBER"}, False),
    ({"data": "JVBER", "filename": "a.pdf"}, False),
    ("tok", False),
    (None, False),
])
def test_a_reference_to_an_upload(value, is_reference):
    assert uploads.is_reference(value) is is_reference


@pytest.mark.parametrize("waiting, limit, refused", [
    (0, 20, False), (19, 20, False), (20, 20, True), (35, 20, True), (2, 2, True),
])
def test_how_many_uploads_may_wait(waiting, limit, refused):
    refusal = uploads.waiting_refusal(waiting, limit)
    if not refused:
        assert refusal is None
    else:
        assert (refusal.reason, refusal.status) == (uploads.TOO_MANY, 429)
        assert refusal.mapping["count"] == waiting
