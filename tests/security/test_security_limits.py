"""Request size limits (issue 14): a body larger than an accepted file
needs is refused with 413 by the proxy and by the WSGI server, before Zope
reads it into a temporary file. Real nginx and real waitress, no Plone."""

from nginx_proxy import free_port
from nginx_proxy import running_nginx
from pathlib import Path
from qlvbdh_policy.agencies.vhosting import nginx_config
from qlvbdh_policy.rules.files import request_body_limit

import base64
import configparser
import json
import pytest
import requests
import subprocess
import sys
import threading

ROOT = Path(__file__).resolve().parents[2]
MB = 1048576


def rest_body(file_bytes):
    """A registration's JSON body carrying a file of ``file_bytes``."""
    return json.dumps({
        "@type": "IncomingDocument", "title": "Công văn", "sender_name": "Sở Nội vụ",
        "file": {"data": base64.b64encode(b"%PDF" + b"x" * (file_bytes - 4)).decode(),
                 "encoding": "base64", "filename": "cv.pdf", "content-type": "application/pdf"},
    }).encode()


@pytest.mark.parametrize("max_file_mb", [1, 10, 50])
def test_the_limit_fits_the_largest_accepted_file_and_no_more(max_file_mb):
    limit = request_body_limit(max_file_mb * MB)
    assert len(rest_body(max_file_mb * MB)) <= limit
    assert limit < (max_file_mb + 2) * MB * 4 / 3  # not the 1 GB it was


def test_the_default_instance_reads_the_default_upload():
    """make run's 100 MB ceiling holds a 50 MB file (qlvbdh.max_upload_mb)."""
    assert request_body_limit(50 * MB) <= 100 * MB


@pytest.fixture
def nginx_limited(tmp_path):
    port, dead = free_port(), free_port()  # nothing listens upstream
    body = nginx_config("vpdtg.test", "plone", f"127.0.0.1:{dead}", listen=f"127.0.0.1:{port}",
                        max_body=request_body_limit(1 * MB))
    with running_nginx(tmp_path, body, port):
        yield port, body


def test_nginx_refuses_a_body_larger_than_a_file_needs(nginx_limited, tmp_path):
    port, config = nginx_limited
    assert "client_max_body_size 3m;" in config
    url = f"http://127.0.0.1:{port}/den-2026"
    headers = {"Host": "sttt.vpdtg.test", "Content-Type": "application/json"}
    big = requests.post(url, data=rest_body(3 * MB), headers=headers, timeout=30)
    assert big.status_code == 413
    assert big.headers["X-Content-Type-Options"] == "nosniff"
    # a body within the limit goes on to the (absent) upstream: 502, not 413
    fits = requests.post(url, data=rest_body(1 * MB), headers=headers, timeout=30)
    assert fits.status_code == 502, (tmp_path / "logs" / "error.log").read_text()


def rendered_server_section(tmp_path, max_body_mb):
    subprocess.run([sys.executable, str(ROOT / "instance" / "render.py"), str(tmp_path / "var"),
                    "127.0.0.1", "8080", "vpdtg.localhost", str(max_body_mb)], check=True)
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(tmp_path / "var" / "etc" / "zope.ini")
    return ini["server:main"]


def test_waitress_of_the_rendered_instance_refuses_a_larger_body(tmp_path):
    """The instance's own server, configured as make run renders it."""
    from waitress.server import create_server

    section = rendered_server_section(tmp_path, 2)
    assert int(section["max_request_body_size"]) == 2 * MB
    received = []

    def app(environ, start_response):
        received.append(len(environ["wsgi.input"].read()))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    server = create_server(app, host="127.0.0.1", port=0, threads=1,
                           max_request_body_size=int(section["max_request_body_size"]))
    port = server.effective_port
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        big = requests.post(f"http://127.0.0.1:{port}/", data=b"x" * (3 * MB), timeout=30)
        small = requests.post(f"http://127.0.0.1:{port}/", data=b"x" * MB, timeout=30)
    finally:
        server.close()
    assert big.status_code == 413
    assert small.status_code == 200
    assert received == [MB]  # the large body never reached the application
