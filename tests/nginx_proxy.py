"""Debian's nginx in front of a test server, with a configuration the
project generates (vhosting.nginx_config)."""

from contextlib import contextmanager
from qlvbdh_policy.agencies.vhosting import nginx_config
from routing_fixtures import make_province

import pytest
import requests
import shutil
import socket
import subprocess
import time
import transaction


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, tries=100):
    for _ in range(tries):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


@contextmanager
def running_nginx(folder, servers, port):
    """nginx serving ``servers`` (the http block's body) until the block
    ends; its logs and temporary files under ``folder``."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    for sub in ("logs", "tmp"):
        (folder / sub).mkdir(exist_ok=True)
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nerror_log {folder}/logs/error.log;\n"
        "events { worker_connections 64; }\n"
        # bodies kept in memory: the workers (nobody) cannot write into folder
        f"http {{\n access_log off;\n client_body_buffer_size 4m;\n"
        f" client_body_temp_path {folder}/tmp;\n"
        f" proxy_temp_path {folder}/tmp;\n{servers}\n}}\n")
    process = subprocess.Popen([binary, "-p", str(folder), "-c", str(folder / "nginx.conf"),
                                "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        wait_for(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


BASE = "vpdtg.test"

@pytest.fixture
def nginx(server, tmp_path):
    portal = server["portal"]
    make_province(portal)
    app = server["app"]
    if "virtual_hosting" not in app.objectIds():  # a real Zope root has one
        from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster
        manage_addVirtualHostMonster(app)
    transaction.commit()
    port = free_port()
    upstream = f"127.0.0.1:{server['port']}"
    body = nginx_config(BASE, "plone", upstream,
                        listen=f"127.0.0.1:{port}")
    with running_nginx(tmp_path, body, port):
        yield port

def get(port, host, path="/", **kw):
    headers = {"Host": host, **kw.pop("headers", {})}
    return requests.get(f"http://127.0.0.1:{port}{path}", headers=headers, timeout=60,
                        allow_redirects=False, **kw)
