"""A real instance for benchmarks: `make instance site` on a scratch VAR,
then the WSGI server on a free port, stopped at the end.

On PostgreSQL (database_url) several WSGI processes may serve the one
database, each on its own port with the same rendered zope.conf: the
cluster of issue 15 on one machine, without its balancer.
"""

from contextlib import contextmanager
from pathlib import Path

import os
import re
import requests
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = Path(__file__).resolve().parent.parent
# the venv that runs the bench (make bench: $(VENV)); make's steps use it too
BIN = Path(sys.executable).parent
VENV = BIN.parent
ADMIN = ("admin", "bench-admin")


def free_port(n=0):
    """A free port; ``BENCH_PORT`` (when set) and the ports after it instead,
    for a machine where each user of it has a range of ports."""
    if os.environ.get("BENCH_PORT"):
        return int(os.environ["BENCH_PORT"]) + n
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_site(var, port, env):
    """`make instance site` on this venv, never reinstalling it (-o: the
    venv's install stamps count as up to date; make bench installed it)."""
    subprocess.run(
        ["make", "--no-print-directory", "-o", f"{VENV}/.installed",
         "-o", f"{VENV}/.installed-test", "instance", "site",
         f"VENV={VENV}", f"VAR={var}", f"PORT={port}"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )


def wait_for(url, deadline=120):
    deadline = time.time() + deadline
    while True:
        try:
            requests.get(url, timeout=120)
            return
        except requests.ConnectionError:
            if time.time() > deadline:
                raise
            time.sleep(0.5)


@contextmanager
def running_instances(count=1, keep=False, prepare=None, database_url=""):
    """`count` WSGI processes of one fresh site; yields [(url, pid)].
    More than one needs database_url (FileStorage is one process's)."""
    assert count == 1 or database_url, "several instances need PostgreSQL"
    var = Path(tempfile.mkdtemp(prefix="qlvbdh-bench-"))
    ports = [free_port(n) for n in range(count)]
    env = {**os.environ, "ADMIN_PASSWORD": ADMIN[1], "TZ": "Asia/Ho_Chi_Minh",
           "DATABASE_URL": database_url}
    procs = []
    try:
        make_site(var, ports[0], env)
        if prepare is not None:
            prepare(var, env)
        ini = (var / "etc" / "zope.ini").read_text(encoding="utf-8")
        for n, port in enumerate(ports):
            conf = var / "etc" / ("zope.ini" if n == 0 else f"zope-{n + 1}.ini")
            if n:
                conf.write_text(re.sub(r"(?m)^listen = (.*):\d+$",
                                       rf"listen = \g<1>:{port}", ini), encoding="utf-8")
            procs.append(subprocess.Popen(
                [str(BIN / "runwsgi"), str(conf)],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            ))
        urls = [f"http://127.0.0.1:{port}/qlvbdh" for port in ports]
        for url in urls:
            wait_for(url)
        yield list(zip(urls, [p.pid for p in procs]))
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=60)
        if not keep:
            shutil.rmtree(var, ignore_errors=True)


@contextmanager
def running_site(keep=False, prepare=None, database_url=""):
    with running_instances(1, keep, prepare, database_url) as instances:
        yield instances[0][0]
