"""A real instance for benchmarks: `make instance site` on a scratch VAR,
then the WSGI server on a free port, stopped at the end."""

from contextlib import contextmanager
from pathlib import Path

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import requests

ROOT = Path(__file__).resolve().parent.parent
ADMIN = ("admin", "bench-admin")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_site(keep=False, prepare=None):
    var = Path(tempfile.mkdtemp(prefix="qlvbdh-bench-"))
    port = free_port()
    env = {**os.environ, "ADMIN_PASSWORD": ADMIN[1], "TZ": "Asia/Ho_Chi_Minh"}
    args = [f"VAR={var}", f"PORT={port}"]
    subprocess.run(
        ["make", "--no-print-directory", "instance", "site", *args],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )
    if prepare is not None:
        prepare(var, env)
    proc = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "runwsgi"), str(var / "etc" / "zope.ini")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/qlvbdh"
    try:
        deadline = time.time() + 120
        while True:
            try:
                requests.get(url, timeout=120)
                break
            except requests.ConnectionError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        if not keep:
            shutil.rmtree(var, ignore_errors=True)
