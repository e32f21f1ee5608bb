"""A real instance as `make run` makes it (FileStorage and blobs, waitress),
served from a temporary VAR: the backup drill and the agency export use it."""

from pathlib import Path

import datetime
import os
import requests
import signal
import socket
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parent.parent

BIN = Path(sys.executable).parent

VENV = BIN.parent

ADMIN = ("admin", "real-admin-2026")

ENV = {**os.environ, "ADMIN_PASSWORD": ADMIN[1], "TZ": "Asia/Ho_Chi_Minh",
       "PYTHONPATH": str(ROOT / "src")}

YEAR = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).year

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def render(var, port):
    subprocess.run([sys.executable, str(ROOT / "instance" / "render.py"), str(var),
                    "127.0.0.1", str(port)], check=True, env=ENV, timeout=60)

def demo_site(var, port):
    """VAR rendered for ``port`` and the site set up in it with the demo data."""
    render(var, port)
    subprocess.run([str(BIN / "zconsole"), "run", str(var / "etc" / "zope.conf"),
                    str(ROOT / "scripts" / "setup_site.py"),
                    "--province", str(ROOT / "profiles" / "province"),
                    "--demo", str(ROOT / "profiles" / "demo")],
                   check=True, env=ENV, timeout=600, capture_output=True)

class Server:
    def __init__(self, var, port):
        self.var, self.port = var, port
        self.site = f"http://127.0.0.1:{port}/qlvbdh"
        self.process = subprocess.Popen([str(BIN / "runwsgi"), str(var / "etc" / "zope.ini")],
                                        env=ENV, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(240):
            try:
                requests.get(self.site, timeout=60)
                return
            except requests.ConnectionError:
                time.sleep(0.5)
        self.stop()
        raise AssertionError(f"the instance on {var} did not answer")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)

def make(target, **variables):
    """The Makefile's own target, on the venv this test runs in."""
    return subprocess.run(["make", "-s", "-C", str(ROOT), target, f"VENV={VENV}",
                           *(f"{k}={v}" for k, v in variables.items())],
                          env=ENV, capture_output=True, text=True, timeout=600)
