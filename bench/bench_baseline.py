"""Baseline: plain Plone Documents created through plone.restapi.

Later benchmarks report their figures as ratios against this one, measured
in the same run on the same machine.
"""

from common import post_creates
from common import report


def create_documents(url, auth, total, clients, prefix):
    return post_creates(
        url, auth, total, clients,
        lambda i: {"@type": "Document", "title": f"Văn bản thử {prefix} {i}"},
        timeout=60,
    )


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
