"""Load generation and reporting shared by the benchmarks."""

from concurrent.futures import ThreadPoolExecutor

import json
import statistics
import time


def percentile(values, p):
    values = sorted(values)
    if not values:
        return None
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_load(make_request, total, clients):
    """Call make_request(i) total times from `clients` threads; each call
    returns True on success. Returns throughput and latencies."""
    latencies, failures = [], 0

    def one(i):
        start = time.perf_counter()
        ok = make_request(i)
        return ok, time.perf_counter() - start

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for ok, seconds in pool.map(one, range(total)):
            latencies.append(seconds)
            failures += 0 if ok else 1
    elapsed = time.perf_counter() - started
    return summarize(latencies, elapsed, failures)


def post_creates(url, auth, total, clients, body, timeout=120):
    """POST body(i) for i in range(total) from `clients` threads, one HTTP
    session per thread; a request succeeds when it answers 201 Created."""
    import requests
    import threading

    sessions = {}

    def create(i):
        session = sessions.setdefault(threading.get_ident(), requests.Session())
        r = session.post(url, json=body(i), headers={"Accept": "application/json"},
                         auth=auth, timeout=timeout)
        return r.status_code == 201

    return run_load(create, total, clients)


def summarize(latencies, elapsed, failures):
    return {
        "per_second": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "failed": failures,
        "total": len(latencies),
        "latencies": latencies,
        "elapsed": elapsed,
    }


def merge(results):
    """Several rounds of one measurement as one figure."""
    latencies = [x for r in results for x in r["latencies"]]
    return summarize(latencies, sum(r["elapsed"] for r in results),
                     sum(r["failed"] for r in results))


def interleaved(measurements, total, rounds):
    """Run each measurement in `rounds` alternating chunks, so that neither
    profits from running first (an emptier catalog, a cooler cache)."""
    chunk = total // rounds
    parts = {name: [] for name in measurements}
    for r in range(rounds):
        for name, measure in measurements.items():
            parts[name].append(measure(chunk, f"r{r}"))
    return {name: merge(results) for name, results in parts.items()}


def report(name, value, unit, **extra):
    line = {"name": name, "value": round(value, 3) if isinstance(value, float) else value,
            "unit": unit}
    line.update({k: round(v, 3) if isinstance(v, float) else v for k, v in extra.items()})
    print(json.dumps(line, ensure_ascii=False), flush=True)
    return line
