"""`make bench`: every benchmark against one fresh instance, one JSON line
per figure. Figures compared with the baseline carry their ratio to it,
both measured in the same run, in alternating rounds.

  BENCH_REGISTER_SIZE   documents put into the large register (50000)
  BENCH_SEARCH_EXTRA    more documents, in another agency, so that search
                        is measured over 100,000 (50000)
  BENCH_ATTACHMENT_TOTAL  registrations per figure with and without a file,
                          through the add form and through REST (60)

  BENCH_STORAGE_TOTAL     documents per storage figure (40)
  BENCH_DATABASE_URL, BENCH_LOAD_SECONDS, BENCH_LOAD_USERS, BENCH_LOAD_ROUNDS
                        PostgreSQL beside FileStorage and the morning's load
                        on 1 and 2 instances, see bench/bench_load.py

  BENCH_OVERSIGHT_DOCS, BENCH_OVERSIGHT_AGENCIES, BENCH_OVERSIGHT_ACCOUNTS,
  BENCH_OVERSIGHT_REQUESTS  the province dashboard's site (50000 documents,
                        30 agencies, 10 accounts each, 20 requests per figure),
                        see bench/bench_oversight.py

bench/bench_attachments.py runs its figures alone on a fresh instance;
bench/bench_storage.py (bytes and records per registration and per plain
Document, before and after a pack) on a fresh instance of its own, after
the others; bench/bench_oversight.py (the province dashboard) on a fresh
site of its own; bench/bench_load.py on fresh sites of its own.
"""

from pathlib import Path

import datetime
import json
import os
import re
import subprocess
import sys

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import interleaved  # noqa: E402
from common import report  # noqa: E402
from instance import ADMIN  # noqa: E402
from instance import BIN  # noqa: E402
from instance import ROOT  # noqa: E402
from instance import running_site  # noqa: E402
from qlvbdh_policy.timeutil import vietnam_today  # noqa: E402

import bench_access_log  # noqa: E402
import bench_attachments  # noqa: E402
import bench_baseline  # noqa: E402
import bench_books  # noqa: E402
import bench_load  # noqa: E402
import bench_navigation  # noqa: E402
import bench_oversight  # noqa: E402
import bench_registration  # noqa: E402
import bench_routing  # noqa: E402
import bench_storage  # noqa: E402

LARGE_AGENCY = "snv"
TOTAL = 200  # requests per figure
ROUNDS = 4  # baseline and registration alternate in chunks of TOTAL / ROUNDS
PER_DAY = 200
SMALL_AGENCY, SMALL_SIZE = "ubndtg", 1000
ASSIGNMENTS = 30  # per register
ISSUES = 5
PREPARED = {}
SEARCH_AGENCY = "stp"
DAY_AGENCY, DAY_ENTRIES = "stc", 500  # one day of 500 entries, for the day's PDF
XLSX_DAYS = 50  # 50 days of PER_DAY entries: the XLSX of 10,000


def zconsole(var, env, script, *args):
    return subprocess.run(
        [str(BIN / "zconsole"), "run", str(var / "etc" / "zope.conf"),
         str(HERE / script), *map(str, args)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout


def search_figures(var, env, extra):
    if extra:
        zconsole(var, env, "populate_register.py", SEARCH_AGENCY, extra, PER_DAY)
    results = {}
    for line in zconsole(var, env, "search_bench.py").splitlines():
        if line.startswith("RESULT "):
            results.update(json.loads(line[len("RESULT "):]))
    report("search.recall_accent_stripped", results["recall_ours"], "fraction",
           stock_plone=results["recall_stock"], queries=results["queries"], goal=1.0)
    report("search.query_catalog", results["query_p95_ms"], "ms (p95)",
           p50_ms=results["query_p50_ms"], documents=results["documents"])


def populate(size):
    def prepare(var, env):
        PREPARED["var"] = var
        out = subprocess.run(
            [str(BIN / "zconsole"), "run", str(var / "etc" / "zope.conf"),
             str(HERE / "populate_register.py"), LARGE_AGENCY, str(size), str(PER_DAY)],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout
        m = re.search(r"populated (\d+) documents in (\d+)s", out)
        report("register.populate", int(m.group(1)) / max(int(m.group(2)), 1),
               "documents/s (in-process, setup)", documents=int(m.group(1)))
        m = re.search(r"HELD (\d+) CATALOG_DAY_P95_MS ([\d.]+) P50_MS ([\d.]+)", out)
        report("register.day_listing_catalog", float(m.group(2)), "ms (p95)",
               p50_ms=float(m.group(3)), documents_in_register=int(m.group(1)),
               entries_per_day=PER_DAY)
        subprocess.run(
            [str(BIN / "zconsole"), "run", str(var / "etc" / "zope.conf"),
             str(HERE / "prepare_routing.py"), LARGE_AGENCY, SMALL_AGENCY, str(SMALL_SIZE),
             str(ASSIGNMENTS), str(ISSUES)],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        )
        out = zconsole(var, env, "prepare_navigation.py", SMALL_AGENCY)
        m = re.search(r"NAVIGATION busy=(\d+) idle=(\d+)", out)
        PREPARED["navigation"] = {"busy": int(m.group(1)), "idle": int(m.group(2))}
        zconsole(var, env, "populate_register.py", DAY_AGENCY, DAY_ENTRIES, DAY_ENTRIES)
        search_figures(var, env, int(os.environ.get("BENCH_SEARCH_EXTRA", "50000")))
    return prepare


def main():
    size = int(os.environ.get("BENCH_REGISTER_SIZE", "50000"))
    year = vietnam_today().year
    with running_site(prepare=populate(size)) as url:
        register_url = f"{url}/sttt/den-{year}"
        for mode, clients in (("sequential", 1), ("concurrent8", 8)):
            results = interleaved(
                {
                    "baseline": bench_baseline.measure(url, ADMIN, clients),
                    "registration": bench_registration.measure(register_url, ADMIN, clients),
                },
                total=TOTAL,
                rounds=ROUNDS,
            )
            bench_baseline.report_baseline(mode, results["baseline"], clients)
            bench_registration.report_registration(
                mode, results["registration"], results["baseline"], clients
            )
        bench_registration.report_gapless(register_url, ADMIN)
        bench_navigation.run(url, PREPARED["navigation"])
        bench_attachments.run(register_url, ADMIN,
                              int(os.environ.get("BENCH_ATTACHMENT_TOTAL", "60")))
        bench_registration.run_day_listing(
            f"{url}/{LARGE_AGENCY}/den-{year}", ADMIN, size, PER_DAY, year
        )
        bench_routing.run_assignment(
            url, {SMALL_AGENCY: SMALL_SIZE, LARGE_AGENCY: size}, year, ASSIGNMENTS)
        bench_routing.run_issue(url, year, ISSUES, PREPARED.get("var"))
        large = f"{url}/{LARGE_AGENCY}/den-{year}"
        bench_books.run_day_pdf(f"{url}/{DAY_AGENCY}/den-{year}", ADMIN,
                                datetime.date(year, 1, 2), DAY_ENTRIES)
        if size >= XLSX_DAYS * PER_DAY:
            bench_books.run_xlsx(large, ADMIN, datetime.date(year, 1, 2), XLSX_DAYS, PER_DAY)
        bench_books.run_book_page(url, large, ADMIN, size, year, PER_DAY,
                                  f"{large}/vb-000000")
        # each document's access log: the same page with the log off and on
        bench_access_log.run(url, f"{large}/vb-000000", ADMIN)
    bench_storage.run(int(os.environ.get("BENCH_STORAGE_TOTAL", "40")))
    # the province dashboard: 30 agencies, a year, 50,000 documents (issue 18)
    bench_oversight.run()
    # fresh sites of their own (FileStorage and PostgreSQL, the same documents)
    bench_load.run(size)


if __name__ == "__main__":
    main()
