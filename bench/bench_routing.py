"""Routing figures: the leader's assignment through REST in a register of
SMALL and of LARGE documents (the same, within noise, when routing touches
only the document), and issuing one document to 100 agencies (with the
storage it adds)."""

from common import percentile
from common import report

import requests
import statistics
import time

PASSWORD = "bench-routing-2026"


def _post(url, auth, body=None):
    started = time.perf_counter()
    r = requests.post(url, json=body or {}, headers={"Accept": "application/json"},
                      auth=auth, timeout=300)
    seconds = time.perf_counter() - started
    return r.status_code == 200, seconds


def run_assignment(site_url, registers, year, n):
    """registers: {abbr: size}; assignments alternate between the registers."""
    latencies = {abbr: [] for abbr in registers}
    failed = {abbr: 0 for abbr in registers}
    for i in range(n):
        for abbr in registers:
            url = f"{site_url}/{abbr}/den-{year}/pc-{i:04d}/@assign"
            ok, seconds = _post(url, (f"bl{abbr}", PASSWORD),
                                {"handler": f"bh{abbr}", "instruction": "Xử lý"})
            latencies[abbr].append(seconds)
            failed[abbr] += 0 if ok else 1
    medians = {abbr: statistics.median(v) * 1000 for abbr, v in latencies.items()}
    small, large = sorted(registers, key=registers.get)
    for abbr, size in registers.items():
        report(f"routing.assign_register_{size}", percentile(latencies[abbr], 95) * 1000,
               "ms (p95)", p50_ms=medians[abbr], documents_in_register=size,
               requests=n, failed=failed[abbr])
    report("routing.assign_large_vs_small", medians[large] / medians[small], "ratio (p50)",
           small=registers[small], large=registers[large])


def storage_bytes(var):
    data = (var / "filestorage" / "Data.fs")
    blobs = var / "blobstorage"
    total_blobs = sum(f.stat().st_size for f in blobs.rglob("*") if f.is_file())
    return data.stat().st_size, total_blobs


def run_issue(site_url, year, n, var=None):
    latencies, failed, growth = [], 0, []
    for i in range(n):
        before = storage_bytes(var) if var else None
        ok, seconds = _post(f"{site_url}/sttt/di-{year}/ph-{i:03d}/@issue",
                            ("bvsttt", PASSWORD))
        latencies.append(seconds)
        failed += 0 if ok else 1
        if var:
            after = storage_bytes(var)
            growth.append((after[0] - before[0], after[1] - before[1]))
    info = requests.get(f"{site_url}/sttt/di-{year}/ph-000/@routing",
                        headers={"Accept": "application/json"},
                        auth=("bvsttt", PASSWORD), timeout=60).json()
    extra = {}
    if growth:
        extra = {"datafs_bytes_per_issue": int(statistics.median(g[0] for g in growth)),
                 "blob_bytes_per_issue": int(statistics.median(g[1] for g in growth)),
                 "file_bytes": 9 + 256 * 4096 + 7}
    report("routing.issue_to_100_agencies", statistics.median(latencies), "s (median)",
           max_s=max(latencies), documents=n, failed=failed,
           recipients=len(info.get("deliveries", [])), **extra)
