"""Simulated staff of one agency on a working morning, with Locust's
FastHttpUser (a gevent HTTP client: one core of the generator drives
hundreds of requests/s), headless, as a library, for a fixed duration.

  python bench/load_locust.py SECONDS USERS FIRST-LAST REGISTER_URL [REGISTER_URL ...]

FIRST-LAST: the register's documents vb-FIRST … vb-LAST (the document pages).

Each REGISTER_URL is the same register (…/qlvbdh/sttt/den-YYYY) on one
instance; requests go to the instances in turn, as a round-robin balancer
sends them. Prints one line `RESULT {json}`: requests, failures, requests/s,
p50/p95/p99 in ms, overall and per kind of request.

The morning's mix (per 4 simulated staff: 1 clerk, 3 officers, each
request followed by the next without pause, so the figure is the
instances' capacity): officers open documents and their work list and
search; the clerk registers arriving documents and reads the register book.
"""

from gevent import monkey

monkey.patch_all()

from locust import constant  # noqa: E402
from locust import FastHttpUser  # noqa: E402
from locust import task  # noqa: E402
from locust.env import Environment  # noqa: E402

import gevent  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

SECONDS, USERS = int(sys.argv[1]), int(sys.argv[2])
FIRST, LAST = (int(n) for n in sys.argv[3].split("-"))
REGISTERS = sys.argv[4:]
SITES = [r.rsplit("/", 2)[0] for r in REGISTERS]  # …/qlvbdh
AGENCY, REGISTER = REGISTERS[0].rsplit("/", 2)[1:]
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
WORDS = ["trien khai", "nhiem vu", "Sở Nội vụ", "quyết định", "kế hoạch", "123", "công tác",
         "Ủy ban nhân dân", "báo cáo", "Văn bản số 17"]
BOOK_ASKS = [{}, {"sort": "number"}, {"doc_type": "quyet_dinh"}, {"text": "trien khai"},
             {"b_start": "100"}, {"correspondent": "Sở Nội vụ"}]
ACCOUNTS = {
    "clerk": [("vanthu", "demo-vanthu-2026")],
    "officer": [("lanhdao", "demo-lanhdao-2026"), ("truongphong", "demo-truongphong-2026")],
}
RUN = f"load-{os.getpid()}"  # numbers of another round are not duplicates (409)
turn = itertools.count()
latencies = {}
failures = {}
errors = {}


def instance():
    """The next instance, in turn (round-robin)."""
    return SITES[next(turn) % len(SITES)]


class Staff(FastHttpUser):
    abstract = True
    wait_time = constant(0)
    host = SITES[0]
    role = None
    accounts = ()
    serial = itertools.count()

    def on_start(self):
        n = next(self.serial)
        login, password = self.accounts[n % len(self.accounts)]
        self.rnd = random.Random(n)
        with self.client.post(f"{SITES[0]}/@login", json={"login": login, "password": password},
                              headers=JSON, name="login", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"login {login}: {r.status_code}")
                raise RuntimeError(f"login {login}: {r.status_code} {r.text[:200]}")
            token = r.json()["token"]
        self.auth = {"Authorization": f"Bearer {token}"}

    def page(self, name, path, params=None, marker=None):
        with self.client.get(f"{instance()}/{path}", params=params, headers=self.auth,
                             name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")
            elif marker and marker not in r.text:
                r.failure(f"no {marker!r} in the page")

    def document_page(self):
        number = self.rnd.randint(FIRST, LAST)
        self.page("document page", f"{AGENCY}/{REGISTER}/vb-{number:06d}")

    def book_page(self):
        self.page("register book page", f"{AGENCY}/{REGISTER}",
                  dict(self.rnd.choice(BOOK_ASKS)), marker="qlvbdh-book")

    def search(self):
        self.page("search", f"{AGENCY}/@@search-documents", {"text": self.rnd.choice(WORDS)})

    def my_work(self):
        self.page("my work", "@@my-work")


class Officer(Staff):
    weight = 3
    accounts = ACCOUNTS["officer"]

    @task(4)
    def read_document(self):
        self.document_page()

    @task(3)
    def work_list(self):
        self.my_work()

    @task(2)
    def find(self):
        self.search()

    @task(1)
    def read_book(self):
        self.book_page()


class Clerk(Staff):
    weight = 1
    accounts = ACCOUNTS["clerk"]
    registered = itertools.count()

    @task(2)
    def register(self):
        i = next(self.registered)
        with self.client.post(f"{instance()}/{AGENCY}/{REGISTER}", headers={**JSON, **self.auth},
                              json={"@type": "IncomingDocument",
                                    "title": f"Công văn đến buổi sáng số {i} về việc báo cáo",
                                    "sender_name": "Sở Tài chính", "code_number": f"{RUN}-{i}",
                                    "code_notation": "STC-VP", "doc_date": "2026-11-20",
                                    "doc_type": "cong_van"},
                              name="registration", catch_response=True) as r:
            if r.status_code != 201:
                r.failure(f"{r.status_code}")

    @task(3)
    def read_book(self):
        self.book_page()

    @task(3)
    def read_document(self):
        self.document_page()

    @task(1)
    def find(self):
        self.search()

    @task(1)
    def work_list(self):
        self.my_work()


def on_request(request_type, name, response_time, exception, **kw):
    if name == "login" or not measuring:
        return
    latencies.setdefault(name, []).append(response_time)
    if exception:
        failures[name] = failures.get(name, 0) + 1
        errors.setdefault(str(exception)[:120], 0)
        errors[str(exception)[:120]] += 1


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def figures(values, failed, seconds):
    return {"requests": len(values), "failures": failed,
            "per_second": round(len(values) / seconds, 2),
            "p50_ms": round(percentile(values, 50), 1), "p95_ms": round(percentile(values, 95), 1),
            "p99_ms": round(percentile(values, 99), 1)}


measuring = False
if __name__ == "__main__":
    env = Environment(user_classes=[Officer, Clerk])
    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    runner.start(USERS, spawn_rate=USERS)
    gevent.sleep(5)  # everyone logged in and warm, not measured
    measuring = True
    started = time.perf_counter()
    gevent.sleep(SECONDS)
    measuring = False
    elapsed = time.perf_counter() - started
    runner.quit()
    every = [v for values in latencies.values() for v in values]
    result = figures(every, sum(failures.values()), elapsed) if every else {"requests": 0}
    result["kinds"] = {name: figures(values, failures.get(name, 0), elapsed)
                       for name, values in sorted(latencies.items())}
    result["errors"] = errors
    result["seconds"] = round(elapsed, 1)
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
