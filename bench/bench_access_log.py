"""What each document's access log costs a page view (issue 18: a document
page view with logging within 0.9 of one without, `make bench`).

The same instance, the same document page, viewed with the log switched
off and on (the site setting ``qlvbdh.access_log_enabled``, set through
REST ``@registry`` before each chunk) in alternating rounds
(common.interleaved, 20 rounds: the machine's other work weighs on both
alike), by 1 and by 4 clients at once. One JSON line per
figure: p50 and p95 of each, and the ratio of the medians (off / on: 1.0
costs nothing, 0.9 is the goal's floor). The log's entries are counted
before and after: every view made with the log on is kept, none with it
off. And what one entry's write costs in itself (``access_log.entry_write``),
a figure the machine's load disturbs less than a page's.

Standalone (a fresh site of its own, a small register):
  BENCH_PORT=8240 .venv/bin/python bench/bench_access_log.py
"""

from pathlib import Path

import re
import requests
import statistics
import sys
import threading

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import interleaved  # noqa: E402
from common import percentile  # noqa: E402
from common import report  # noqa: E402
from common import run_load  # noqa: E402

SETTING = "qlvbdh.access_log_enabled"
GOAL = 0.9
JSON = {"Accept": "application/json"}
PAGE_MARK = re.compile(r"portaltype-(incoming|outgoing)document")  # the body's class


def switch(site_url, auth, on):
    r = requests.patch(f"{site_url}/@registry", json={SETTING: on}, headers=JSON,
                       auth=auth, timeout=60)
    assert r.status_code == 204, (r.status_code, r.text[:300])


def kept(document_url, auth):
    r = requests.get(f"{document_url}/@access-log", params={"b_size": "1"}, headers=JSON,
                     auth=auth, timeout=120)
    assert r.status_code == 200, (r.status_code, r.text[:300])
    return r.json()["counts"]["document"]["view"]


def measure(site_url, document_url, auth, on, clients, errors):
    sessions = {}

    def view(_i):
        session = sessions.get(threading.get_ident())
        if session is None:
            session = sessions[threading.get_ident()] = requests.Session()
            session.auth = auth
        r = session.get(document_url, timeout=120)
        ok = r.status_code == 200 and PAGE_MARK.search(r.text) is not None
        if not ok and not errors:
            errors.append(f"{r.status_code} {r.text[:200]}")
        return ok

    def chunk(total, prefix):
        switch(site_url, auth, on)
        return run_load(view, total, clients)

    return chunk


def write_cost(total=2000):
    """What keeping one entry costs in itself: one insert committed into a
    SQLite file in WAL mode (a scratch file), as each logged view does
    after its answer is computed."""
    from qlvbdh_policy.stats import document_log_store as store

    import tempfile
    import time

    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/access-log.sqlite"
        row = {"at": time.time(), "site": "/qlvbdh", "agency": "a" * 32, "document": "d" * 32,
               "action": "view", "user": "nguyenvana", "fullname": "Nguyễn Văn A",
               "host": "sttt.vpdtg.vn", "client": "10.0.0.5", "detail": ""}
        seconds = []
        for _ in range(total):
            started = time.perf_counter()
            store.append(path, [row])
            seconds.append(time.perf_counter() - started)
        store.close_all()
    return statistics.median(seconds) * 1000, percentile(seconds, 95) * 1000


def run(site_url, document_url, auth, total=300, rounds=20):
    write_p50, write_p95 = write_cost()
    report("access_log.entry_write", write_p50, "ms (p50)", p95_ms=write_p95,
           note="one entry committed into the SQLite file (WAL), outside the page's time")
    for mode, clients in (("sequential", 1), ("concurrent4", 4)):
        errors = {"off": [], "on": []}
        measures = {name: measure(site_url, document_url, auth, name == "on", clients,
                                  errors[name]) for name in ("off", "on")}
        for one in measures.values():  # untimed: cold caches
            one(8, "warm")
        before = kept(document_url, auth)
        results = interleaved(measures, total=total, rounds=rounds)
        after = kept(document_url, auth)
        switch(site_url, auth, True)
        off, on = results["off"], results["on"]
        ratio = statistics.median(off["latencies"]) / statistics.median(on["latencies"])
        report(f"access_log.document_page.{mode}.off", off["p50_ms"], "ms (p50)",
               p95_ms=off["p95_ms"], clients=clients, failed=off["failed"], total=off["total"],
               first_error=errors["off"][:1])
        report(f"access_log.document_page.{mode}.on", on["p50_ms"], "ms (p50)",
               p95_ms=on["p95_ms"], clients=clients, failed=on["failed"], total=on["total"],
               first_error=errors["on"][:1])
        report(f"access_log.document_page.{mode}.ratio", ratio, "p50 off / p50 on",
               p95_ratio=off["p95_ms"] / on["p95_ms"], goal=GOAL, goal_met=ratio >= GOAL,
               views_logged=after - before, views_with_log_on=on["total"],
               clients=clients)


def main():
    from instance import ADMIN
    from instance import BIN
    from instance import ROOT
    from instance import running_site
    from qlvbdh_policy.timeutil import vietnam_today

    import subprocess

    agency, size = "snv", 200

    def prepare(var, env):
        subprocess.run(
            [str(BIN / "zconsole"), "run", str(var / "etc" / "zope.conf"),
             str(HERE / "populate_register.py"), agency, str(size), "50"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True)

    with running_site(prepare=prepare) as url:
        run(url, f"{url}/{agency}/den-{vietnam_today().year}/vb-000000", ADMIN)


if __name__ == "__main__":
    main()
