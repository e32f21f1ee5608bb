"""Each document's access log in production (issue 18): `make cluster` on
FileStorage (a ZEO server, two real instances, nginx). Both instances
write into VAR's one SQLite file at once and lose no entry; the views
leave Data.fs as it was (no ZODB transaction); `make prune-access-log`
runs beside the running cluster (cron)."""

from concurrent.futures import ThreadPoolExecutor
from production_cluster import BASE
from production_cluster import CLERK
from production_cluster import JSON
from production_cluster import MadeCluster
from production_cluster import register
from test_production_postgres import ADMIN_PASSWORD

import pytest
import requests
import sqlite3
import subprocess

pytestmark = pytest.mark.slow
CLIENTS, EACH = 8, 10


def test_two_instances_log_every_view_into_one_file_and_write_no_zodb(tmp_path):
    var = tmp_path / "var"
    with MadeCluster(var, None, instances=2, admin_password=ADMIN_PASSWORD) as cluster:
        answer = register(cluster.port, "nhat-ky", 1)
        assert answer.status_code == 201, answer.text[:500]
        path = "/" + answer.json()["@id"].split("://", 1)[1].split("/", 1)[1]
        host = {"Host": f"sttt.{BASE}:{cluster.port}"}
        login = requests.post(f"http://127.0.0.1:{cluster.port}/@login", headers={**JSON, **host},
                              json={"login": CLERK[0], "password": CLERK[1]}, timeout=120)
        assert login.status_code == 200, login.text[:500]
        bearer = {"Authorization": f"Bearer {login.json()['token']}"}
        # the first page of a fresh site stores its portlets' assignments once
        for port in cluster.ports:
            requests.get(f"http://127.0.0.1:{port}{path}", timeout=120, headers={
                **bearer, "Host": f"sttt.{BASE}:{port}"})
        data_fs = var / "filestorage" / "Data.fs"
        size = data_fs.stat().st_size

        def view(n):  # the two instances in turn, each by several clients at once
            port = cluster.ports[n % 2]
            return requests.get(f"http://127.0.0.1:{port}{path}", timeout=120, headers={
                **bearer, "Host": f"sttt.{BASE}:{port}", "Accept": "text/html"}).status_code

        with ThreadPoolExecutor(CLIENTS) as pool:
            assert set(pool.map(view, range(CLIENTS * EACH))) == {200}
        assert data_fs.stat().st_size == size  # not one transaction
        log = requests.get(f"http://127.0.0.1:{cluster.port}{path}/@access-log",
                           params={"b_size": "500"}, auth=("admin", ADMIN_PASSWORD),
                           headers={**JSON, **host}, timeout=120).json()
        assert log["counts"]["document"]["view"] == CLIENTS * EACH + 2
        hosts = {e["host"] for e in log["items"] if e["action"] == "view"}
        assert hosts == {f"sttt.{BASE}:{p}" for p in cluster.ports}
        assert {e["user"] for e in log["items"] if e["action"] == "view"} == {CLERK[0]}
        # one file for the machine, beside the blobs
        with sqlite3.connect(var / "access-log.sqlite") as db:
            assert db.execute("SELECT count(*) FROM entries WHERE action = 'view'"
                              ).fetchone()[0] == CLIENTS * EACH + 2
        # cron, beside the running cluster
        done = subprocess.run(cluster.make_args("prune-access-log"), env=cluster.env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "Access log: 0 entries older than 365 days removed" in done.stdout
