"""Registering incoming documents through plone.restapi (issue 3), and
listing one day's entries of a register holding many documents."""

from common import percentile
from common import post_creates
from common import report

import datetime
import random
import requests
import statistics
import time


def register_documents(url, auth, total, clients, prefix):
    return post_creates(url, auth, total, clients, lambda i: {
        "@type": "IncomingDocument",
        "title": f"Công văn {prefix} số {i} về việc triển khai nhiệm vụ",
        "sender_name": "Sở Nội vụ",
        "code_number": f"{prefix}-{i}",
        "code_notation": "SNV-VP",
        "doc_date": "2026-11-20",
        "doc_type": "cong_van",
    })


def measure(register_url, auth, clients):
    return lambda total, prefix: register_documents(
        register_url, auth, total, clients, f"c{clients}-{prefix}"
    )


def report_registration(mode, r, base, clients):
    report(
        f"registration.restapi_incoming.{mode}", r["per_second"], "documents/s",
        ratio_to_baseline=r["per_second"] / base["per_second"],
        baseline_per_second=base["per_second"],
        p50_ms=r["p50_ms"], p95_ms=r["p95_ms"], failed=r["failed"],
        total=r["total"], clients=clients, goal_ratio=1.0,
    )


def report_gapless(register_url, auth):
    numbers = requests.get(
        f"{register_url}/@search",
        params={"portal_type": "IncomingDocument", "b_size": 5000,
                "metadata_fields": "arrival_number", "path.depth": 1},
        headers={"Accept": "application/json"}, auth=auth, timeout=120,
    ).json()
    got = sorted(i["arrival_number"] for i in numbers["items"])
    report("registration.numbers_gapless", int(got == list(range(1, len(got) + 1))), "bool",
           registered=len(got))


def run_day_listing(register_url, auth, held, per_day, year, queries=60):
    """One day's entries through REST @search, as the register page asks."""
    start = datetime.date(year, 1, 2)
    days = [start + datetime.timedelta(days=d) for d in range(min(330, held // per_day))]
    latencies = []
    session = requests.Session()
    for day in random.Random(11).choices(days, k=queries):
        t = time.perf_counter()
        r = session.get(
            f"{register_url}/@search",
            params={
                "portal_type": "IncomingDocument",
                "path.depth": 1,
                "arrival_date.query": [day.isoformat(), day.isoformat()],
                "arrival_date.range": "min:max",
                "sort_on": "arrival_number",
                "b_size": 500,
                "metadata_fields": ["arrival_number", "arrival_date", "sender_name",
                                    "document_code", "doc_date", "recipient_unit"],
            },
            headers={"Accept": "application/json"}, auth=auth, timeout=120,
        )
        latencies.append(time.perf_counter() - t)
        assert r.status_code == 200 and r.json()["items_total"] == per_day, r.text[:500]
    report("register.day_listing_restapi", percentile(latencies, 95) * 1000, "ms (p95)",
           p50_ms=statistics.median(latencies) * 1000, documents_in_register=held,
           entries_per_day=per_day, queries=queries)
