"""The site on RelStorage/PostgreSQL (issue 15, Storage; Quy chế Điều 8.4,
10.1): `make run DATABASE_URL=...` renders, sets up and serves the same site
from PostgreSQL with the files in the database, and `make migrate` moves a
FileStorage site there with its documents, files, numbers and accounts.

Real processes on the real PostgreSQL of this machine (127.0.0.1:5432):
each test database has a unique name and is dropped afterwards. Without a
reachable server the tests skip with the reason, unless QLVBDH_REQUIRE_PG=1
(CI), where they fail."""

from nginx_proxy import free_port
from pathlib import Path

import base64
import json
import os
import psycopg2
import pytest
import requests
import signal
import subprocess
import sys
import time
import uuid
import zipfile

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SERVER = "postgresql://root@127.0.0.1:5432"
JSON = {"Accept": "application/json"}
CLERK = ("vanthu", "demo-vanthu-2026")
ADMIN_PASSWORD = "pg-admin-2026"
REFUSED = "is not empty"
# test databases are named PREFIX<random> (QLVBDH_PG_PREFIX: another prefix
# for a shared server) and dropped afterwards
PREFIX = os.environ.get("QLVBDH_PG_PREFIX", "qlvbdh_test_")


def pdf(tag):
    body = f"%PDF-1.4\n% qlvbdh {tag}\n".encode() + bytes(range(256)) * 40
    return body + b"\n%%EOF\n"


@pytest.fixture(scope="module")
def postgres():
    """A connection to the server's `postgres` database, and a factory of
    uniquely named database URLs whose databases are dropped afterwards."""
    try:
        admin = psycopg2.connect(f"{SERVER}/postgres", connect_timeout=5)
    except psycopg2.OperationalError as error:
        reason = f"PostgreSQL is not reachable at {SERVER}: {error}".strip()
        if os.environ.get("QLVBDH_REQUIRE_PG") == "1":
            pytest.fail(f"QLVBDH_REQUIRE_PG=1 but {reason}")
        pytest.skip(reason)
    admin.autocommit = True
    names = []

    def new_url():
        name = f"{PREFIX}{uuid.uuid4().hex[:12]}"
        names.append(name)
        return f"{SERVER}/{name}"

    yield {"admin": admin, "new_url": new_url}
    with admin.cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def env_for(url):
    env = {**os.environ, "ADMIN_PASSWORD": ADMIN_PASSWORD, "TZ": "Asia/Ho_Chi_Minh",
           "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATABASE_URL", None)
    if url:
        env["DATABASE_URL"] = url
    return env


def run(args, url, **kw):
    return subprocess.run([str(a) for a in args], env=env_for(url), timeout=900,
                          capture_output=True, text=True, **kw)


def make_instance(var, url):
    """What `make run` does before serving: preflight, render, site step."""
    port = free_port()
    for args in ([sys.executable, ROOT / "scripts" / "preflight.py", "var", var],
                 [sys.executable, ROOT / "scripts" / "preflight.py", "database", var],
                 [sys.executable, ROOT / "instance" / "render.py", var, "127.0.0.1", port]):
        done = run(args, url)
        assert done.returncode == 0, done.stderr
    done = run([BIN / "zconsole", "run", var / "etc" / "zope.conf",
                ROOT / "scripts" / "setup_site.py",
                "--province", ROOT / "profiles" / "province",
                "--demo", ROOT / "profiles" / "demo"], url)
    assert done.returncode == 0, done.stderr[-3000:]
    return port


class Served:
    def __init__(self, var, url, port):
        self.base = f"http://127.0.0.1:{port}/qlvbdh"
        self.process = subprocess.Popen(
            [str(BIN / "runwsgi"), str(var / "etc" / "zope.ini")], env=env_for(url),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(240):
            try:
                requests.get(self.base, timeout=60)
                return
            except requests.ConnectionError:
                time.sleep(0.5)
        raise AssertionError("the instance did not start")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)


def register(base, tag, code="7"):
    answer = requests.post(f"{base}/sttt/den-2026", auth=CLERK, headers=JSON, timeout=120, json={
        "@type": "IncomingDocument", "title": f"Công văn {tag}",
        "sender_name": "Sở Nội vụ", "code_number": code, "code_notation": "SNV-VP",
        "doc_date": "2026-11-20", "doc_type": "cong_van",
        "file": {"filename": f"{tag}.pdf", "content-type": "application/pdf",
                 "encoding": "base64", "data": base64.b64encode(pdf(tag)).decode()}})
    assert answer.status_code == 201, answer.text[:2000]
    return answer.json()


def check_document(base, document, tag):
    answer = requests.get(document["@id"], auth=CLERK, headers=JSON, timeout=60)
    assert answer.status_code == 200
    data = answer.json()
    assert data["title"] == f"Công văn {tag}"
    assert data["arrival_number"] == document["arrival_number"]
    download = requests.get(f"{document['@id']}/@@download/file", auth=CLERK, timeout=60)
    assert download.status_code == 200 and download.content == pdf(tag)


def object_rows(url):
    connection = psycopg2.connect(url)
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM object_state")
        objects = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM blob_chunk")
        chunks = cursor.fetchone()[0]
    connection.close()
    return objects, chunks


def test_run_on_postgresql(postgres, tmp_path):
    """make run DATABASE_URL=...: the database is created, the site set up in
    it, a registered document's file downloads byte-identical and lives in
    PostgreSQL (blob_chunk), nothing in VAR's FileStorage."""
    url = postgres["new_url"]()
    var = tmp_path / "var"
    port = make_instance(var, url)
    conf = (var / "etc" / "zope.conf").read_text()
    assert "<relstorage>" in conf and "shared-blob-dir false" in conf
    with Served(var, url, port) as served:
        document = register(served.base, "pg-run")
        assert document["arrival_number"] >= 1
        check_document(served.base, document, "pg-run")
        # one agency's own export beside the running instance, from PostgreSQL
        out = tmp_path / "exports"
        done = subprocess.run(
            ["make", "-s", "-C", str(ROOT), "export-agency", f"VENV={BIN.parent}",
             f"VAR={var}", "AGENCY=sttt", f"EXPORT_DIR={out}"],
            env=env_for(url), capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        [zip_path] = list(out.glob("sttt-*.zip"))
        archive = zipfile.ZipFile(zip_path)
        [meta] = [n for n in archive.namelist() if n.endswith("/metadata.json")
                  and f"/{document['arrival_number']:02d}_" in n]
        stored = json.loads(archive.read(meta))["files"][0]
        assert archive.read(meta.rsplit("/", 1)[0] + "/" + stored["name"]) == pdf("pg-run")
        # the cron jobs run as processes of their own beside the running instance
        status = f"{document['@id']}/@text-status"
        before = requests.get(status, auth=CLERK, headers=JSON, timeout=60).json()
        assert [f["status"] for f in before["files"]] == ["pending"]
        for target in ("ocr", "remind", "new-year"):
            done = subprocess.run(
                ["make", "-s", "-C", str(ROOT), "-o", f"{BIN.parent}/.installed", target,
                 f"VENV={BIN.parent}", f"VAR={var}", f"PORT={port}"],
                env=env_for(url), capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, (target, done.stderr[-2000:])
        after = requests.get(status, auth=CLERK, headers=JSON, timeout=60).json()
        assert [f["status"] for f in after["files"]] != ["pending"]  # read (or given up) by make ocr
        assert requests.get(served.base, timeout=60).status_code == 200
    objects, chunks = object_rows(url)
    assert objects > 1000 and chunks >= 1
    assert not (var / "filestorage" / "Data.fs").exists()
    # make run or a cron job without DATABASE_URL does not open an empty FileStorage
    done = run([sys.executable, ROOT / "scripts" / "preflight.py", "database", var], None)
    assert done.returncode == 1 and "lives in PostgreSQL" in done.stderr
    assert done.stderr.count("\n") == 1 and url.rsplit("/", 1)[1] in done.stderr
    # the lock check of FileStorage does not apply to a shared database
    done = run([sys.executable, ROOT / "scripts" / "preflight.py", "lock", var], url)
    assert done.returncode == 0, done.stderr


def test_migrate_a_filestorage_site(postgres, tmp_path):
    """make migrate: a FileStorage site with a registered document moves
    into a new database; served from it, the document, its file, its
    arrival number and a demo account are intact; migrating again into the
    now non-empty database is refused with one sentence."""
    var = tmp_path / "var"
    port = make_instance(var, None)
    with Served(var, None, port) as served:
        document = register(served.base, "fs-before")
    url = postgres["new_url"]()
    done = run([sys.executable, ROOT / "scripts" / "migrate.py", var], url)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Migrated" in done.stdout
    done = run([sys.executable, ROOT / "instance" / "render.py", var, "127.0.0.1", port], url)
    assert done.returncode == 0, done.stderr
    assert "<relstorage>" in (var / "etc" / "zope.conf").read_text()
    assert object_rows(url)[1] >= 1  # the file's bytes are in PostgreSQL
    with Served(var, url, port) as served:
        check_document(served.base, document, "fs-before")
        login = requests.post(f"{served.base}/@login", headers=JSON, timeout=60,
                              json={"login": CLERK[0], "password": CLERK[1]})
        assert login.status_code == 200 and login.json()["token"]
        following = register(served.base, "pg-after", code="8")
        assert following["arrival_number"] == document["arrival_number"] + 1
    again = run([sys.executable, ROOT / "scripts" / "migrate.py", var], url)
    assert again.returncode == 1
    assert again.stderr.strip().count("\n") == 0 and REFUSED in again.stderr, again.stderr
    assert "choose another name in DATABASE_URL or drop that database" in again.stderr
    # the FileStorage left behind is an old copy: make run without DATABASE_URL refuses it
    stale = run([sys.executable, ROOT / "scripts" / "preflight.py", "database", var], None)
    assert stale.returncode == 1 and "lives in PostgreSQL" in stale.stderr


def test_unreachable_server_and_other_schemes_are_one_sentence(tmp_path):
    port = free_port()  # nothing listens there
    done = run([sys.executable, ROOT / "scripts" / "preflight.py", "database", tmp_path],
               f"postgresql://root:secret@127.0.0.1:{port}/qlvbdh")
    assert done.returncode == 1 and "cannot connect to PostgreSQL" in done.stderr
    assert "secret" not in done.stderr and "Traceback" not in done.stderr
    done = run([sys.executable, ROOT / "instance" / "render.py", tmp_path / "var", "127.0.0.1",
                "8080"], "mysql://root@127.0.0.1/qlvbdh")
    assert done.returncode == 1 and "'mysql' is not supported" in done.stderr
    assert "Traceback" not in done.stderr
