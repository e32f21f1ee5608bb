"""Baseline: plain Plone Documents created through plone.restapi.

Later benchmarks report their figures as ratios against this one, measured
in the same run on the same machine.
"""

from common import report
from common import run_load

import requests



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


def measure(url, auth, clients):
    """A callable(total, prefix) for common.interleaved."""
    return lambda total, prefix: create_documents(
        url, auth, total, clients, f"c{clients}-{prefix}"
    )


def report_baseline(mode, r, clients):
    report(
        f"baseline.restapi_create_document.{mode}",
        r["per_second"], "documents/s",
        p50_ms=r["p50_ms"], p95_ms=r["p95_ms"],
        failed=r["failed"], total=r["total"], clients=clients,
    )
