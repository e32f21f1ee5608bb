"""A form's file up to 8 MB is parsed in memory (issue 14: a registration
with a 5 MB file within 1.2× of one without, bench/bench_attachments.py).

Zope's default ``form-memfile-limit`` (4 KB) spools every larger part of a
multipart form to a temporary file, written and read back before the
registration copies it into its blob; the instance's zope.conf keeps a file
up to 8 MB in memory, and ``form-memory-limit`` still bounds what one
request holds there. The zope.conf as ``make run`` renders it, read by
Zope's own configuration schema; the parse by Zope's own form storage."""

from pathlib import Path

import io
import pytest
import subprocess
import sys
import uuid

ROOT = Path(__file__).resolve().parents[2]
MB = 1048576
LIMITS = ("FORM_MEMORY_LIMIT", "FORM_DISK_LIMIT", "FORM_MEMFILE_LIMIT", "FORM_PART_LIMIT")


@pytest.fixture
def rendered_limits(tmp_path):
    """ZPublisher's form limits set from the rendered zope.conf (as Zope's
    startup does), restored afterwards."""
    from Zope2.Startup import handlers
    from Zope2.Startup.options import ZopeWSGIOptions
    from ZPublisher import HTTPRequest

    subprocess.run([sys.executable, str(ROOT / "instance" / "render.py"), str(tmp_path / "var"),
                    "127.0.0.1", "8080", "vpdtg.localhost", "100"], check=True)
    options = ZopeWSGIOptions(configfile=str(tmp_path / "var" / "etc" / "zope.conf"))()
    saved = {name: getattr(HTTPRequest, name) for name in LIMITS}
    handlers.dos_protection(options.configroot.dos_protection)
    yield HTTPRequest
    for name, value in saved.items():
        setattr(HTTPRequest, name, value)


def parse(HTTPRequest, files):
    """Zope's form storage over a multipart POST of ``files`` (name: bytes)."""
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n'
               "Công văn\r\n".encode())
    for name, data in files.items():
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                   f'filename="{name}.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                   + data + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    body.seek(0)
    environ = {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(len(body.getvalue())),
               "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}"}
    return {field.name: field for field in HTTPRequest.ZopeFieldStorage(body, environ).list}


def test_a_5mb_file_is_parsed_in_memory_a_larger_one_on_disk(rendered_limits):
    small, big = b"%PDF" + b"a" * (5 * MB), b"%PDF" + b"b" * (9 * MB)
    fields = parse(rendered_limits, {"small": small, "big": big})
    assert isinstance(fields["small"].file, io.BytesIO)
    assert fields["small"].file.read() == small
    assert not isinstance(fields["big"].file, io.BytesIO)  # a temporary file
    assert fields["big"].file.read() == big


def test_memory_held_by_one_request_stays_bounded(rendered_limits):
    from multipart import MultipartError

    assert rendered_limits.FORM_MEMFILE_LIMIT <= rendered_limits.FORM_MEMORY_LIMIT
    parts = rendered_limits.FORM_MEMORY_LIMIT // (7 * MB) + 1
    with pytest.raises(MultipartError, match="Memory limit"):
        parse(rendered_limits, {f"f{i}": b"x" * (7 * MB) for i in range(parts)})


def waitress_body(tmp_path, size):
    """The body stream waitress hands to Zope for a POST of ``size`` bytes,
    read by waitress's own parser with the rendered zope.ini's settings."""
    from configparser import RawConfigParser
    from waitress.adjustments import Adjustments
    from waitress.parser import HTTPRequestParser

    ini = tmp_path / "var" / "etc" / "zope.ini"
    if not ini.exists():
        subprocess.run([sys.executable, str(ROOT / "instance" / "render.py"),
                        str(tmp_path / "var"), "127.0.0.1", "8080", "vpdtg.localhost", "100"],
                       check=True)
    config = RawConfigParser()
    config.read(ini)
    server = {k: v for k, v in config.items("server:main") if k != "use"}
    parser = HTTPRequestParser(Adjustments(**server))
    head = (f"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: {size}\r\n\r\n").encode()
    parser.received(head)
    chunk = b"x" * 65536
    sent = 0
    while sent < size:
        sent += parser.received(chunk[:size - sent])
    assert parser.completed
    return parser.get_body_stream()


def test_a_5mb_body_stays_in_waitress_memory_a_larger_one_spills(tmp_path):
    """A registration's 5 MB file (7 MB in base64) is not written to a
    temporary file by waitress before Zope reads it; 9 MB is."""
    assert isinstance(waitress_body(tmp_path, 7 * MB), io.BytesIO)
    assert not isinstance(waitress_body(tmp_path, 9 * MB), io.BytesIO)
