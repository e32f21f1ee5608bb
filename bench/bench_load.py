"""PostgreSQL beside FileStorage, and the morning's load on 1 and 2
instances (issue 15), in one run.

- registration: the same REST registrations (bench_registration) and
  plain Documents (bench_baseline) on a fresh FileStorage site and a fresh
  RelStorage/PostgreSQL site holding the same documents, in alternating
  rounds; each PostgreSQL figure carries its ratio to FileStorage.
- load: simulated staff (bench/load_locust.py) against one instance of the
  PostgreSQL site, then against two instances of it (the same database,
  requests in turn), alternating; requests/s, p50/p95/p99, errors, and
  the ratio of two to one. The generator runs on the same cores; the CPU
  seconds each process used during the round are reported with it, to
  show what limited the figure.

  BENCH_DATABASE_URL  the PostgreSQL database to create, use and drop
                      (postgresql://postgres@127.0.0.1:5432/qlvbdh_bench);
                      refused when it exists and holds anything
  BENCH_LOAD_SECONDS  measured seconds of each load round (40)
  BENCH_LOAD_USERS    simulated staff, without pause between requests (16)
  BENCH_LOAD_ROUNDS   rounds of 1 and of 2 instances, alternating (2)
"""

from contextlib import contextmanager
from pathlib import Path

import json
import os
import re
import resource
import subprocess
import sys

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "scripts"))
sys.path.insert(0, str(HERE.parent / "src" / "qlvbdh_policy" / "rules"))

from common import interleaved  # noqa: E402
from common import report  # noqa: E402
from instance import ADMIN  # noqa: E402
from instance import BIN  # noqa: E402
from instance import ROOT  # noqa: E402
from instance import running_instances  # noqa: E402
from instance import running_site  # noqa: E402
from qlvbdh_policy.timeutil import vietnam_today  # noqa: E402

import bench_baseline  # noqa: E402
import bench_registration  # noqa: E402
import database_url  # noqa: E402
import psutil  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/qlvbdh_bench"
AGENCY = "sttt"  # the demo agency whose accounts play the staff
PER_DAY = 200
TOTAL = 200  # registrations per figure
ROUNDS = 4


@contextmanager
def scratch_database(url):
    """A PostgreSQL database for the bench: created by the site's own
    `make site` (preflight database), dropped at the end. Yields the reason
    when it cannot be used (no server, or a database that holds data)."""
    import psycopg2
    keys = database_url.parse(url)
    name = keys["dbname"]
    server = database_url.dsn({**keys, "dbname": "postgres"})
    try:
        admin = psycopg2.connect(server, connect_timeout=10)
    except psycopg2.OperationalError as error:
        yield f"no PostgreSQL at {database_url.mask(url)}: {' '.join(str(error).split())}"
        return
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cursor.fetchone():
            admin.close()
            yield (f"the database {name!r} exists; the bench creates and drops its own "
                   "(BENCH_DATABASE_URL names another)")
            return
    try:
        yield None
    finally:
        with admin.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def populate(size, first):
    """The register gets `size` documents; first["number"]: the first's."""
    def prepare(var, env):
        done = subprocess.run(
            [str(BIN / "zconsole"), "run", str(var / "etc" / "zope.conf"),
             str(HERE / "populate_register.py"), AGENCY, str(size), str(PER_DAY)],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
        if done.returncode:
            raise RuntimeError("populate_register.py failed:\n" + done.stderr[-3000:])
        first["number"] = int(re.search(r"FIRST vb-(\d+)", done.stdout).group(1))
    return prepare


def registration_figures(fs_register, pg_register, fs_site, pg_site):
    for mode, clients in (("sequential", 1), ("concurrent8", 8)):
        r = interleaved(
            {
                "fs_baseline": bench_baseline.measure(fs_site, ADMIN, clients),
                "pg_baseline": bench_baseline.measure(pg_site, ADMIN, clients),
                "fs": bench_registration.measure(fs_register, ADMIN, clients),
                "pg": bench_registration.measure(pg_register, ADMIN, clients),
            },
            total=TOTAL, rounds=ROUNDS,
        )
        for what, pg, fs in (("registration.restapi_incoming", r["pg"], r["fs"]),
                             ("baseline.restapi_create_document", r["pg_baseline"],
                              r["fs_baseline"])):
            report(f"{what}.postgresql.{mode}", pg["per_second"], "documents/s",
                   ratio_to_filestorage=pg["per_second"] / fs["per_second"],
                   filestorage_per_second=fs["per_second"],
                   p50_ms=pg["p50_ms"], p95_ms=pg["p95_ms"],
                   filestorage_p50_ms=fs["p50_ms"], filestorage_p95_ms=fs["p95_ms"],
                   failed=pg["failed"] + fs["failed"], total=pg["total"], clients=clients)


def cpu_seconds(pids):
    total = {}
    for name, pid in pids.items():
        try:
            times = psutil.Process(pid).cpu_times()
            total[name] = times.user + times.system + sum(
                c.cpu_times().user + c.cpu_times().system
                for c in psutil.Process(pid).children(recursive=True))
        except psutil.NoSuchProcess:
            total[name] = 0.0
    return total


def load_round(registers, pids, seconds, users, documents):
    """One locust run against `registers` (one per instance); its figures
    and the CPU seconds of each process during it."""
    proc = subprocess.Popen(
        [str(BIN / "python"), str(HERE / "load_locust.py"), str(seconds), str(users),
         documents, *registers],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    before = cpu_seconds(pids)
    load_before = psutil.cpu_times()
    generator = resource.getrusage(resource.RUSAGE_CHILDREN)
    out, err = proc.communicate(timeout=seconds + 300)
    after = cpu_seconds(pids)
    # the generator, the only child waited for meanwhile (the instances run on)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine = psutil.cpu_times()
    lines = [line for line in out.splitlines() if line.startswith("RESULT ")]
    assert lines, err[-2000:]
    result = json.loads(lines[-1][len("RESULT "):])
    busy = (sum(machine) - machine.idle - machine.iowait) - (
        sum(load_before) - load_before.idle - load_before.iowait)
    result["cpu_s"] = {name: round(after[name] - before[name], 1) for name in pids}
    result["cpu_s"]["generator"] = round(used.ru_utime + used.ru_stime
                                         - generator.ru_utime - generator.ru_stime, 1)
    result["machine_busy_cpu_s"] = round(busy, 1)
    return result


def merged(rounds):
    """Several rounds of one configuration as one figure (weighted by
    requests; percentiles as the rounds' mean, each round being long)."""
    requests = sum(r["requests"] for r in rounds)
    seconds = sum(r["seconds"] for r in rounds)
    out = {"requests": requests, "failures": sum(r["failures"] for r in rounds),
           "per_second": requests / seconds}
    for p in ("p50_ms", "p95_ms", "p99_ms"):
        out[p] = sum(r[p] for r in rounds) / len(rounds)
    out["kinds"] = {}
    for kind in rounds[0]["kinds"]:
        got = [r["kinds"].get(kind) for r in rounds if r["kinds"].get(kind)]
        out["kinds"][kind] = {
            "per_second": round(sum(k["requests"] for k in got) / seconds, 2),
            "p50_ms": round(sum(k["p50_ms"] for k in got) / len(got), 1),
            "p95_ms": round(sum(k["p95_ms"] for k in got) / len(got), 1),
            "failures": sum(k["failures"] for k in got)}
    out["errors"] = {}
    for r in rounds:
        for e, n in r["errors"].items():
            out["errors"][e] = out["errors"].get(e, 0) + n
    out["cpu_s"] = {}
    for r in rounds:
        for name, s in r["cpu_s"].items():
            out["cpu_s"][name] = round(out["cpu_s"].get(name, 0) + s, 1)
    out["machine_busy_cpu_s"] = round(sum(r["machine_busy_cpu_s"] for r in rounds), 1)
    out["seconds"] = seconds
    return out


def load_figures(instances, first, held, seconds, users, rounds):
    registers = [f"{url}/{AGENCY}/den-{vietnam_today().year}" for url, _ in instances]
    pids = {f"instance{n + 1}": pid for n, (_, pid) in enumerate(instances)}
    documents = f"{first}-{first + held - 1}"
    load_round(registers, pids, 10, users, documents)  # warm both instances' caches
    parts = {1: [], 2: []}
    for _ in range(rounds):
        for n in (1, 2):
            parts[n].append(load_round(registers[:n], pids, seconds, users, documents))
    figures = {n: merged(results) for n, results in parts.items()}
    for n, f in figures.items():
        report(f"load.morning.instances{n}", f["per_second"], "requests/s",
               p50_ms=f["p50_ms"], p95_ms=f["p95_ms"], p99_ms=f["p99_ms"],
               errors=f["failures"], requests=f["requests"], users=users,
               seconds=f["seconds"], documents_in_register=held, kinds=f["kinds"],
               error_kinds=f["errors"], cpu_s=f["cpu_s"],
               machine_busy_cpu_s=f["machine_busy_cpu_s"], cores=psutil.cpu_count())
    report("load.morning.cluster_ratio", figures[2]["per_second"] / figures[1]["per_second"],
           "ratio (2 instances / 1)", goal=1.5, errors=figures[1]["failures"] + figures[2]["failures"],
           cores=psutil.cpu_count())


def run(size):
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "40"))
    users = int(os.environ.get("BENCH_LOAD_USERS", "16"))
    rounds = int(os.environ.get("BENCH_LOAD_ROUNDS", "2"))
    with scratch_database(url) as refused:
        if refused:
            report("registration.restapi_incoming.postgresql", None, "documents/s",
                   skipped=refused)
            report("load.morning.cluster_ratio", None, "ratio (2 instances / 1)",
                   skipped=refused)
            return
        fs_first, pg_first = {}, {}
        with running_site(prepare=populate(size, fs_first)) as fs_site, \
                running_instances(2, prepare=populate(size, pg_first), database_url=url) as pg:
            year = vietnam_today().year
            registration_figures(f"{fs_site}/{AGENCY}/den-{year}",
                                 f"{pg[0][0]}/{AGENCY}/den-{year}", fs_site, pg[0][0])
            load_figures(pg, pg_first["number"], size, seconds, users, rounds)


if __name__ == "__main__":
    run(int(os.environ.get("BENCH_REGISTER_SIZE", "2000")))
