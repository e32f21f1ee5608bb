"""Backup and restore of a PostgreSQL site (issue 15; Quy chế Điều 8.4,
10.1, 10.4): `make backup DATABASE_URL=...` runs pg_dump (database and the
files in it, one snapshot) while a clerk goes on registering; `make restore`
puts it into a new, empty database; served from there, every document
registered before the backup started is back with its file byte-identical,
and the next registration takes the next number. A database that holds
data, or one an instance is connected to, is refused with one sentence.

The real PostgreSQL of this machine, the real Makefile, the machine's
pg_dump/pg_restore; skips without a server unless QLVBDH_REQUIRE_PG=1."""

from nginx_proxy import free_port
from pathlib import Path
from test_production_postgres import env_for
from test_production_postgres import make_instance
from test_production_postgres import pdf
from test_production_postgres import postgres  # noqa: F401 (the fixture)
from test_production_postgres import register
from test_production_postgres import run
from test_production_postgres import Served

import psycopg2
import re
import requests
import subprocess
import sys
import threading
import time

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parent.parent
CLERK = ("vanthu", "demo-vanthu-2026")
JSON = {"Accept": "application/json"}


def make(target, url, **variables):
    """The Makefile's own target on this venv (VENV=: no install step runs)."""
    return subprocess.run(["make", "-s", "-C", str(ROOT), target, f"VENV={VENV}",
                           f"DATABASE_URL={url}",
                           *(f"{k}={v}" for k, v in variables.items())],
                          env=env_for(None), capture_output=True, text=True, timeout=900)


MAKE_OWN_LINE = re.compile(r"^make(\[\d+\])?: ")  # `make[1]: ***` under `make test`


def one_sentence(stderr):
    """The script's refusal is one line (make adds its own `make: ***` line)."""
    lines = [line for line in stderr.strip().splitlines() if not MAKE_OWN_LINE.match(line)]
    return len(lines) == 1 and lines[0].startswith("error: ")


def test_pg_dump_backup_and_restore_drill(postgres, tmp_path):  # noqa: F811
    url = postgres["new_url"]()
    var = tmp_path / "var"
    port = make_instance(var, url)
    backups = tmp_path / "backups"
    documents = []  # (document, tag, 201 received at)
    with Served(var, url, port) as served:
        for i in range(2):
            tag = f"pg-before-{i}"
            documents.append((register(served.base, tag, code=str(10 + i)), tag, time.monotonic()))
        stop = threading.Event()
        failures = []

        def clerk():
            i = 0
            while not stop.is_set():
                tag = f"pg-during-{i}"
                try:
                    documents.append((register(served.base, tag, code=str(100 + i)), tag,
                                      time.monotonic()))
                except AssertionError as error:
                    failures.append(str(error))
                i += 1

        writer = threading.Thread(target=clerk)
        writer.start()
        try:
            while len(documents) < 4:
                time.sleep(0.1)
            started = time.monotonic()
            done = make("backup", url, VAR=var, BACKUP_DIR=backups, BACKUP_KEEP=2)
            assert done.returncode == 0, done.stderr
            while not any(at > started for *_, at in documents):
                time.sleep(0.1)  # a registration after the backup started
        finally:
            stop.set()
            writer.join(timeout=180)
        assert not failures, failures
        print(done.stdout)
        [backup] = [p for p in backups.iterdir() if p.is_dir()]
        assert (backup / "database.dump").stat().st_size > 100_000
        assert f"Backup {backup.name} (pg_dump)" in done.stdout and "database.dump" in done.stdout
        assert " KB" in done.stdout or " MB" in done.stdout
        # the running site's database holds data (and an instance): refused
        over = make("restore", url, VAR=tmp_path / "over", BACKUP=backup)
        assert over.returncode != 0 and one_sentence(over.stderr), over.stderr
        assert "is not empty" in over.stderr
    before = [d for d in documents if d[2] < started]
    assert len(before) >= 4 and len(documents) > len(before)

    # a FileStorage restore of a pg_dump backup is refused, not half done
    wrong = subprocess.run(["make", "-s", "-C", str(ROOT), "restore", f"VENV={VENV}",
                            f"VAR={tmp_path / 'fs'}", f"BACKUP={backup}"],
                           env=env_for(None), capture_output=True, text=True, timeout=300)
    assert wrong.returncode != 0 and "backup of a PostgreSQL site" in wrong.stderr

    # an empty database an instance (here: a session) is connected to: refused
    busy_url = postgres["new_url"]()
    postgres["admin"].cursor().execute(f'CREATE DATABASE "{busy_url.rsplit("/", 1)[1]}"')
    session = psycopg2.connect(busy_url)
    try:
        busy = make("restore", busy_url, VAR=tmp_path / "busy", BACKUP=backup)
    finally:
        session.close()
    assert busy.returncode != 0 and one_sentence(busy.stderr), busy.stderr
    assert "other session(s) are connected" in busy.stderr and "stop every instance" in busy.stderr

    # restore into a new database (created by the restore), serve it
    new_url = postgres["new_url"]()
    new_var = tmp_path / "restored"
    restored = make("restore", new_url, VAR=new_var, BACKUP=backups)  # the newest backup
    assert restored.returncode == 0, restored.stderr
    assert f"Restored {backup}" in restored.stdout
    new_port = free_port()
    done = run([sys.executable, ROOT / "instance" / "render.py", new_var, "127.0.0.1", new_port],
               new_url)
    assert done.returncode == 0, done.stderr
    with Served(new_var, new_url, new_port) as served:
        for document, tag, _ in before:
            url_in_new = served.base + document["@id"].split("/qlvbdh", 1)[1]
            answer = requests.get(url_in_new, auth=CLERK, headers=JSON, timeout=60)
            assert answer.status_code == 200, (tag, answer.status_code)
            assert answer.json()["arrival_number"] == document["arrival_number"]
            download = requests.get(f"{url_in_new}/@@download/file", auth=CLERK, timeout=60)
            assert download.status_code == 200 and download.content == pdf(tag), tag
        following = register(served.base, "pg-restored", code="999")["arrival_number"]
        assert following > max(d["arrival_number"] for d, *_ in before)
        for document, tag, _ in documents:
            path = served.base + document["@id"].split("/qlvbdh", 1)[1]
            status = requests.get(path, auth=CLERK, headers=JSON, timeout=60).status_code
            # in the snapshot exactly when numbered before the next one
            expected = 200 if document["arrival_number"] < following else 404
            assert status == expected, (tag, document["arrival_number"], following, status)
        numbers = sorted(d["arrival_number"] for d, *_ in documents)
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        assert following - 1 in numbers  # no gap after what the dump holds
        # the restored, running database is refused as a target too
        again = make("restore", new_url, VAR=tmp_path / "again", BACKUP=backup)
        assert again.returncode != 0 and "is not empty" in again.stderr
