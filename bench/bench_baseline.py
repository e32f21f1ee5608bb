"""Baseline: plain Plone Documents created through plone.restapi.

Later benchmarks report their figures as ratios against this one, measured
in the same run on the same machine.
"""

from common import report
from common import run_load

import requests

SEQUENTIAL = 200
CONCURRENT_CLIENTS = 8
CONCURRENT = 200


def create_documents(url, auth, total, clients, prefix):
    session_per_thread = {}

    def create(i):
        import threading

        s = session_per_thread.setdefault(threading.get_ident(), requests.Session())
        r = s.post(
            url,
            json={"@type": "Document", "title": f"Văn bản thử {prefix} {i}"},
            headers={"Accept": "application/json"},
            auth=auth,
            timeout=60,
        )
        return r.status_code == 201

    return run_load(create, total, clients)


def run(url, auth):
    figures = {}
    for mode, total, clients in (
        ("sequential", SEQUENTIAL, 1),
        ("concurrent8", CONCURRENT, CONCURRENT_CLIENTS),
    ):
        r = create_documents(url, auth, total, clients, mode)
        figures[mode] = r
        report(
            f"baseline.restapi_create_document.{mode}",
            r["per_second"], "documents/s",
            p50_ms=r["p50_ms"], p95_ms=r["p95_ms"],
            failed=r["failed"], total=r["total"], clients=clients,
        )
    return figures
