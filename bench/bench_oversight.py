"""The province dashboard (issue 18): 30 agencies over a year at 50,000
documents, p95 target 500 ms. On a fresh site of its own
(prepare_oversight.py fills it in one zconsole process), a site manager
asks, one request at a time:

- ``GET <site>/@usage-report?from=<1 Jan>&to=<31 Dec>`` (JSON);
- the statistics page, ``@@statistics`` when the site has it, else
  ``@@usage-statistics``, for the year;
- ``GET <site>/@emulation?year=<year>`` (JSON).

One JSON line per figure, p95 and its ratio to the target. Then, on the
same site, what the states' meanings (issue 22) are read for on every
visit, each paired with baselines of the same run in alternating requests
(a plain document page of the same agency, and the book unfiltered):

- the first agency's incoming book filtered by a state (``?state=in_progress``);
- "Việc của tôi" (``@@my-work``) of that agency's leader (what was
  submitted) and of a handler (what is being handled or to be filed).

  BENCH_OVERSIGHT_DOCS      documents (50000)
  BENCH_OVERSIGHT_AGENCIES  agencies (30)
  BENCH_OVERSIGHT_ACCOUNTS  accounts per agency (10)
  BENCH_OVERSIGHT_REQUESTS  requests per figure (20)

Alone: ``python bench/bench_oversight.py`` (BENCH_PORT for a fixed port;
BENCH_OVERSIGHT_KEEP=1 keeps the site's data, ``--again VAR DOCS`` measures
it again).
"""

from pathlib import Path

import os
import re
import signal
import subprocess
import sys

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import percentile  # noqa: E402
from common import report  # noqa: E402
from common import run_load  # noqa: E402
from instance import ADMIN  # noqa: E402
from instance import BIN  # noqa: E402
from instance import ROOT  # noqa: E402
from instance import running_site  # noqa: E402
from instance import wait_for  # noqa: E402
from qlvbdh_policy.timeutil import vietnam_today  # noqa: E402

import requests  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

TARGET_MS = 500
JSON = {"Accept": "application/json"}
PASSWORD = "bench-oversight-2026"  # prepare_oversight.py's accounts


def prepare(docs, agencies, accounts, found):
    def run(var, env):
        out = subprocess.run(
            [str(BIN / "zconsole"), "run", str(var / "etc" / "zope.conf"),
             str(HERE / "prepare_oversight.py"), str(docs), str(agencies), str(accounts)],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout
        m = re.search(r"OVERSIGHT_PREPARED documents=(\d+) agencies=(\d+) seconds=(\d+)", out)
        found.update(documents=int(m.group(1)), agencies=int(m.group(2)),
                     seconds=int(m.group(3)))
    return run


def measure(url, params, headers, check, total):
    session = requests.Session()
    session.auth = ADMIN
    errors = []

    def one(_i):
        r = session.get(url, params=params, headers=headers, timeout=300)
        ok = r.status_code == 200 and check(r)
        if not ok and not errors:
            errors.append(f"{r.status_code} {r.text[:200]}")
        return ok

    one(0)  # untimed: cold caches
    return run_load(one, total, 1), errors


def figure(name, result, errors, prepared, what):
    p95 = result["p95_ms"]
    report(name, p95, "ms (p95)", p50_ms=result["p50_ms"], target_ms=TARGET_MS,
           ratio_to_target=p95 / TARGET_MS, goal_met=p95 <= TARGET_MS, requests=result["total"],
           failed=result["failed"], first_error=errors[:1], measured=what, **prepared)


def statistics_page(url):
    """The page the dashboard helper makes, else today's."""
    for name in ("@@statistics", "@@usage-statistics"):
        if requests.get(f"{url}/{name}", auth=ADMIN, timeout=300).status_code == 200:
            return name
    return "@@usage-statistics"


def measure_all(url, info, total):
    result, errors = measure(
        f"{url}/@usage-report", {"from": f"{info['year']}-01-01", "to": f"{info['year']}-12-31"},
        JSON, lambda r: len(r.json()["agencies"]) >= info["agencies"], total)
    figure("oversight.usage_report_year", result, errors, info, "GET @usage-report for a year")
    page = statistics_page(url)
    result, errors = measure(f"{url}/{page}", {"period": str(info["year"])}, {},
                             lambda r: "<table" in r.text, total)
    figure("oversight.statistics_page_year", result, errors, info, f"GET {page} for a year")
    result, errors = measure(f"{url}/@emulation", {"year": str(info["year"])}, JSON,
                             lambda r: len(r.json()["agencies"]) >= info["agencies"], total)
    figure("oversight.emulation_year", result, errors, info, "GET @emulation for a year")
    measure_work(url, info, total)


def first_agency(url):
    """The agency prepare_oversight.py gives the first documents (the
    first id), with its leader's and first handler's accounts."""
    r = requests.get(f"{url}/@search", auth=ADMIN, headers=JSON, timeout=300, params={
        "portal_type": "Agency", "path.depth": "1", "sort_on": "getId",
        "metadata_fields": "getId", "b_size": "1"})
    return r.json()["items"][0]["getId"]


def timed(session, url, params=None, expect=None):
    started = time.perf_counter()
    r = session.get(url, params=params, timeout=300)
    seconds = time.perf_counter() - started
    ok = r.status_code == 200 and (expect is None or expect in r.text)
    return seconds, ok, r


def measure_work(url, info, total):
    """The book with a state filter and Việc của tôi, against the book
    unfiltered and a plain document page, in alternating requests."""
    abbr, year = first_agency(url), info["year"]
    book = f"{url}/{abbr}/den-{year}"
    sessions = {}
    for who, auth in (("admin", ADMIN), ("leader", (f"ov{abbr}00", PASSWORD)),
                      ("handler", (f"ov{abbr}01", PASSWORD))):
        sessions[who] = requests.Session()
        sessions[who].auth = auth
    asks = {
        "book_state": (sessions["admin"], book, {"state": "in_progress"}, "qlvbdh-book"),
        "book": (sessions["admin"], book, None, "qlvbdh-book"),
        "my_work_leader": (sessions["leader"], f"{url}/{abbr}/@@my-work", None, "<table"),
        "my_work_handler": (sessions["handler"], f"{url}/{abbr}/@@my-work", None, "<table"),
        "document_page": (sessions["admin"], f"{book}/ov-000000", None, None),
    }
    seconds = {name: [] for name in asks}
    failed = {name: 0 for name in asks}
    rows = {}
    for i in range(total + 1):  # the first round untimed: cold caches
        for name, (session, page, params, expect) in asks.items():
            spent, ok, r = timed(session, page, params, expect)
            if i:
                seconds[name].append(spent)
                failed[name] += 0 if ok else 1
            elif name.startswith("my_work"):
                rows[name] = r.text.count("<tr") - 1  # less the header's
    p50 = {name: statistics.median(v) * 1000 for name, v in seconds.items()}
    for name, measured in (("book_state", "the incoming book ?state=in_progress"),
                           ("my_work_leader", "@@my-work of the agency's leader"),
                           ("my_work_handler", "@@my-work of a handler")):
        extra = {"rows": rows[name]} if name in rows else {
            "book_unfiltered_p50_ms": p50["book"],
            "ratio_to_book_unfiltered_p50": p50[name] / p50["book"]}
        report(f"oversight.{name}", percentile(seconds[name], 95) * 1000, "ms (p95)",
               p50_ms=p50[name], document_page_p50_ms=p50["document_page"],
               ratio_to_document_page_p50=p50[name] / p50["document_page"],
               requests=total, failed=failed[name], agency=abbr, measured=measured,
               documents=info["documents"], **extra)


def run(docs=None, agencies=None, accounts=None, total=None):
    docs = docs or int(os.environ.get("BENCH_OVERSIGHT_DOCS", "50000"))
    agencies = agencies or int(os.environ.get("BENCH_OVERSIGHT_AGENCIES", "30"))
    accounts = accounts or int(os.environ.get("BENCH_OVERSIGHT_ACCOUNTS", "10"))
    total = total or int(os.environ.get("BENCH_OVERSIGHT_REQUESTS", "20"))
    keep = bool(os.environ.get("BENCH_OVERSIGHT_KEEP"))
    prepared = {}
    with running_site(keep=keep, prepare=prepare(docs, agencies, accounts, prepared)) as url:
        info = {"documents": prepared["documents"], "agencies": prepared["agencies"],
                "year": vietnam_today().year}
        measure_all(url, info, total)
    report("oversight.populate", prepared["documents"] / max(prepared["seconds"], 1),
           "documents/s (in-process, setup)", documents=prepared["documents"])


def again(var, docs, agencies, total):
    """Measure a site kept by BENCH_OVERSIGHT_KEEP=1 again (after a change
    to the code): ``python bench/bench_oversight.py --again VAR DOCS``."""
    var = Path(var)
    env = {**os.environ, "TZ": "Asia/Ho_Chi_Minh"}
    proc = subprocess.Popen([str(BIN / "runwsgi"), str(var / "etc" / "zope.ini")], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        port = re.search(r"(?m)^listen = .*:(\d+)$",
                         (var / "etc" / "zope.ini").read_text(encoding="utf-8")).group(1)
        url = f"http://127.0.0.1:{port}/qlvbdh"
        wait_for(url)
        measure_all(url, {"documents": docs, "agencies": agencies,
                          "year": vietnam_today().year}, total)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--again"]:
        again(sys.argv[2], int(sys.argv[3]),
              int(os.environ.get("BENCH_OVERSIGHT_AGENCIES", "30")),
              int(os.environ.get("BENCH_OVERSIGHT_REQUESTS", "20")))
    else:
        run()
