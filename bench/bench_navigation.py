"""The navigation bar's "Việc của tôi" count costs the same whatever the
list holds (issue 17: a page view with 1,000 waiting items within 1.1× of
one with none).

The same page, a person's own information page (nothing on it depends on
the documents), viewed by two clerks: one whose agency has the bench's
1,000 registered documents waiting for its clerks, one of an agency with
none (accounts made by prepare_navigation.py). The two alternate in rounds
(common.interleaved); the figure is the ratio of their mean page times.
"""

from common import interleaved
from common import report
from common import run_load

import requests
import threading

PASSWORD = "bench-navigation-2026"
PAGE = "@@personal-information"
GOAL = 1.1


def measure(url, userid, errors):
    sessions = {}

    def view(_i):
        session = sessions.setdefault(threading.get_ident(), requests.Session())
        r = session.get(f"{url}/{PAGE}", auth=(userid, PASSWORD), timeout=120)
        ok = r.status_code == 200 and "my-work-count" in r.text
        if not ok and not errors:
            errors.append(f"{r.status_code} {r.text[:200]}")
        return ok

    return lambda total, prefix: run_load(view, total, 1)


def run(url, counts, total=200, rounds=4):
    """``counts``: {"busy": n, "idle": n} waiting items, from the preparation."""
    errors = {"busy": [], "idle": []}
    measures = {name: measure(url, f"bn{name}", errors[name]) for name in ("idle", "busy")}
    for name, one in measures.items():  # untimed: cold caches
        one(5, "warm")
    results = interleaved(measures, total=total, rounds=rounds)
    idle, busy = results["idle"], results["busy"]
    idle_ms = idle["elapsed"] / idle["total"] * 1000
    busy_ms = busy["elapsed"] / busy["total"] * 1000
    report("navigation.page_with_my_work_count.idle", idle_ms, "ms (mean)",
           waiting_items=counts["idle"], p95_ms=idle["p95_ms"], failed=idle["failed"],
           total=idle["total"], first_error=errors["idle"][:1])
    report("navigation.page_with_my_work_count.busy", busy_ms, "ms (mean)",
           waiting_items=counts["busy"], baseline="navigation.page_with_my_work_count.idle",
           baseline_ms=idle_ms, ratio_to_baseline=busy_ms / idle_ms, goal_ratio=GOAL,
           goal_met=busy_ms / idle_ms <= GOAL, p95_ms=busy["p95_ms"], failed=busy["failed"],
           total=busy["total"], first_error=errors["busy"][:1])
