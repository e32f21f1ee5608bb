"""`make cluster` started the way an administrator starts it, for the tests
(issue 15, several instances): the Makefile's own target on the venv the
tests run in (``-o VENV/.installed``: no install step runs), stopped with
SIGTERM as a service manager stops it; and registrations through it."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from test_production_postgres import env_for

import base64
import datetime
import os
import requests
import signal
import socket
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent.parent
BASE = "vpdtg.localhost"  # the Makefile's BASE_DOMAIN
CLERK = ("vanthu", "demo-vanthu-2026")
JSON = {"Accept": "application/json"}
YEAR = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).year
READY = "stops every instance and nginx"  # the last line cluster.py prints when started


def listens(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def free_ports(count):
    """The first of ``count`` consecutive free ports (the balancer's, then
    the instances')."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            first = s.getsockname()[1]
        if first + count > 65535:
            continue
        sockets = []
        try:
            for port in range(first, first + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise AssertionError(f"no {count} consecutive free ports")


def processes_of(var):
    """{pid: command line} of the processes whose command line names VAR's
    cluster (its instances, nginx, the ZEO server)."""
    found = {}
    marker = f"{var}/cluster/"
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if marker in line:
            found[int(entry.name)] = line
    return found


def instance_pid(var, number):
    """The pid of instance ``number`` (its runwsgi on VAR/cluster/<n>)."""
    ini = f"{var}/cluster/{number}/etc/zope.ini"
    pids = [pid for pid, line in processes_of(var).items()
            if "runwsgi" in line and ini in line]
    assert len(pids) == 1, pids
    return pids[0]


class MadeCluster:
    """``make cluster INSTANCES=n PORT=p [DATABASE_URL=url] VAR=var`` in
    the background until the block ends, then SIGTERM to the make process
    alone (make passes it to the supervisor), which must leave no instance,
    nginx or ZEO server behind."""

    def __init__(self, var, url=None, instances=2, admin_password=None):
        self.var = Path(var).resolve()
        self.url, self.count = url, instances
        self.port = free_ports(instances + 1)
        self.ports = [self.port + n for n in range(1, instances + 1)]
        self.output = self.var.parent / f"make-cluster-{self.port}.log"
        self.env = env_for(url)
        if admin_password:
            self.env["ADMIN_PASSWORD"] = admin_password
        self.process = None

    def make_args(self, target, **variables):
        args = ["make", "--no-print-directory", "-C", str(ROOT), "-o", f"{VENV}/.installed",
                target, f"VENV={VENV}", f"VAR={self.var}"]
        if self.url:
            args.append(f"DATABASE_URL={self.url}")
        return args + [f"{k}={v}" for k, v in variables.items()]

    def text(self):
        return self.output.read_text(errors="replace") if self.output.exists() else ""

    def __enter__(self):
        self.var.parent.mkdir(parents=True, exist_ok=True)
        with self.output.open("wb") as log:
            self.process = subprocess.Popen(
                self.make_args("cluster", PORT=self.port, INSTANCES=self.count),
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 900
        while READY not in self.text():
            if self.process.poll() is not None or time.time() > deadline:
                self.stop()
                raise AssertionError("make cluster did not start:\n" + self.text()[-4000:])
            time.sleep(1)
        return self

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=120)
        deadline = time.time() + 90
        while time.time() < deadline and (processes_of(self.var) or any(
                listens(p) for p in [self.port, *self.ports])):
            time.sleep(0.5)

    def __exit__(self, *exc):
        self.stop()
        left = processes_of(self.var)
        listening = [p for p in [self.port, *self.ports] if listens(p)]
        for pid in left:  # never leave processes behind a failed test
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        assert not left and not listening, (left, listening, self.text()[-3000:])

    def url_of(self, port, host=None):
        """Base URL and Host header of ``port``, on the agency host by default."""
        return f"http://127.0.0.1:{port}", {"Host": f"{host or 'sttt.' + BASE}:{port}"}


def register(port, tag, number, host=None, timeout=120):
    """POST a registration into sttt's register of arrivals through ``port``
    (nginx or an instance) on the agency host; the answer, not checked."""
    host = host or f"sttt.{BASE}:{port}"
    return requests.post(
        f"http://127.0.0.1:{port}/den-{YEAR}", auth=CLERK, timeout=timeout,
        headers={**JSON, "Host": host}, json={
            "@type": "IncomingDocument", "title": f"Công văn {tag}",
            "sender_name": "Sở Nội vụ", "code_number": str(number),
            "code_notation": f"SNV-{tag[:20]}", "doc_date": f"{YEAR}-11-20",
            "doc_type": "cong_van",
            "file": {"filename": f"{tag}.pdf", "content-type": "application/pdf",
                     "encoding": "base64",
                     "data": base64.b64encode(f"%PDF-1.4\n% {tag}\n%%EOF\n".encode()).decode()}})


def register_concurrently(port, clients, each, tag):
    """``clients`` threads each registering ``each`` documents through
    ``port``, at once; every answer."""
    def client(c):
        return [register(port, f"{tag}{c}-{i}", 1000 + c * 100 + i) for i in range(each)]

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return [answer for batch in pool.map(client, range(clients)) for answer in batch]


def assert_gapless(answers, before, after):
    """Every answer a 201; their numbers unique and following the register's
    last one without a gap; the documents in the catalog (``after``, with
    ``before`` the numbers before) exactly those answered."""
    failed = [(a.status_code, a.text[:300]) for a in answers if a.status_code != 201]
    assert failed == []
    start = max(before.values(), default=0)
    numbers = [a.json()["arrival_number"] for a in answers]
    assert len(set(numbers)) == len(numbers)
    assert sorted(numbers) == list(range(start + 1, start + len(answers) + 1))
    assert {uid: n for uid, n in after.items() if uid not in before} == {
        a.json()["UID"]: a.json()["arrival_number"] for a in answers}


def register_across_instances(cluster, clients, each, tag):
    """``clients`` clients registering at once through the cluster's nginx
    into one register: every answer a 201, numbers unique and gapless; both
    instances took registrations and the database's conflict detection
    between them was exercised (a retry logged). The answers."""
    before = register_numbers(cluster.port)
    answers = register_concurrently(cluster.port, clients, each, tag)
    assert_gapless(answers, before, register_numbers(cluster.port))
    posts = upstream_counts(cluster.var)
    least = clients * each // (2 * len(cluster.ports))
    assert all(posts.get(f"127.0.0.1:{p}", 0) >= least for p in cluster.ports), posts
    retries = conflict_retries(cluster.var)
    print(f"POSTs per instance {posts}; conflicts retried per instance {retries}")
    assert sum(retries.values()) >= 1, retries
    return answers


def register_numbers(port):
    """{UID: arrival number} of every document in sttt's register of
    arrivals, read from the catalog through ``port``."""
    answer = requests.get(
        f"http://127.0.0.1:{port}/@search", auth=CLERK, timeout=120,
        headers={**JSON, "Host": f"sttt.{BASE}:{port}"},
        params={"portal_type": "IncomingDocument", "b_size": 5000,
                "metadata_fields": ["UID", "arrival_number"]})
    assert answer.status_code == 200, answer.text[:2000]
    data = answer.json()
    assert data["items_total"] == len(data["items"])
    return {item["UID"]: item["arrival_number"] for item in data["items"]}


def upstream_counts(var, method="POST"):
    """{instance address: requests with ``method`` it answered} from the
    cluster's nginx access log."""
    counts = {}
    for line in (Path(var) / "log" / "nginx-access.log").read_text().splitlines():
        if f'"{method} ' in line and "upstream=" in line:
            for address in line.rsplit("upstream=", 1)[1].split(", "):
                counts[address.strip()] = counts.get(address.strip(), 0) + 1
    return counts


def conflict_retries(var):
    """How many registrations were retried after a database conflict, per
    instance (numbering.register_in_own_transaction logs each)."""
    return {home.name: (home / "log" / "event.log").read_text(errors="replace").count(
                "conflicted with a concurrent transaction")
            for home in sorted((Path(var) / "cluster").iterdir())
            if (home / "log" / "event.log").exists()}
