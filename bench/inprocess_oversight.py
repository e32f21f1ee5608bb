# CPU time of the oversight and work-list pages, in process: the requests
# go through the real publisher (ZPublisher's WSGI application, with its
# authentication, traversal and rendering) in this zconsole process, and
# each is timed with time.process_time, not the wall clock, so that the
# other processes of a shared machine weigh little on the figure.
#   zconsole run ZOPE_CONF bench/inprocess_oversight.py REPEATS [FIGURE ...]
# On a site prepare_oversight.py filled; prints one JSON line per figure
# (median and minimum CPU ms over REPEATS, after one untimed call). Made to
# compare two versions of the code on two sites filled alike
# (bench/ab_oversight.py runs them alternately).
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.timeutil import vietnam_today
from webtest import TestApp
from ZPublisher.WSGIPublisher import publish_module

import base64
import json
import statistics
import sys
import time

PASSWORD = "bench-oversight-2026"
ADMIN = ("admin", "bench-admin")
args = sys.argv[sys.argv.index(next(a for a in sys.argv
                                    if a.endswith("inprocess_oversight.py"))) + 1:]
repeats, only = int(args[0]), set(args[1:])
year = vietnam_today().year
abbr = sorted(a.getId() for a in children(app.qlvbdh, "Agency"))[0]  # noqa: F821
app._p_jar.close()  # noqa: F821  (the publisher opens its own connections)
wsgi = TestApp(publish_module)
JSON = {"Accept": "application/json"}


def auth(user, password):
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


SITE = "/qlvbdh"
BOOK = f"{SITE}/{abbr}/den-{year}"
FIGURES = {
    "usage_report_year": (f"{SITE}/@usage-report?from={year}-01-01&to={year}-12-31",
                          dict(JSON, **auth(*ADMIN))),
    "statistics_page_year": (f"{SITE}/@@usage-statistics?period={year}", auth(*ADMIN)),
    "emulation_year": (f"{SITE}/@emulation?year={year}", dict(JSON, **auth(*ADMIN))),
    "book_page": (BOOK, auth(*ADMIN)),
    "book_page_state": (f"{BOOK}?state=in_progress", auth(*ADMIN)),
    "book_rest_state": (f"{BOOK}/@register-book?state=in_progress&b_size=100",
                        dict(JSON, **auth(*ADMIN))),
    "my_work_leader": (f"{SITE}/{abbr}/@@my-work", auth(f"ov{abbr}00", PASSWORD)),
    "my_work_handler": (f"{SITE}/{abbr}/@@my-work", auth(f"ov{abbr}01", PASSWORD)),
    "register_page_plain": (f"{SITE}/{abbr}", auth(*ADMIN)),
}


def one(url, headers):
    started = time.process_time()
    r = wsgi.get(url, headers=headers, status="*")
    spent = time.process_time() - started
    assert r.status_int == 200, (url, r.status_int, r.text[:300])
    return spent * 1000, r


for name, (url, headers) in FIGURES.items():
    if only and name not in only:
        continue
    _, r = one(url, headers)  # untimed: cold caches
    times = [one(url, headers)[0] for _ in range(repeats)]
    extra = {}
    if name.startswith("my_work"):
        extra["rows"] = r.text.count("<tr") - 1
    if name == "book_rest_state":
        extra["items_total"] = r.json.get("items_total")
    print(json.dumps({"name": f"inprocess.{name}", "cpu_ms_median": round(
        statistics.median(times), 2), "cpu_ms_min": round(min(times), 2),
        "repeats": repeats, "bytes": len(r.body), **extra}), flush=True)
