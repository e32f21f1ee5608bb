"""`make cluster` without DATABASE_URL (issue 15, several instances): one
FileStorage cannot be opened by several processes, so a ZEO server opens
VAR's Data.fs and blobs and the instances are its clients (real runzeo,
two real instances, Debian's nginx).

Numbers stay unique and gapless across the two processes (ZEO's conflict
detection), a file registered through one instance downloads from the
other (the shared blob folder), `make nginx-config` works beside the
running cluster (VAR/etc/zope.conf becomes a client too) and so does
`make backup`, `make site` (the step of `make run`) is refused while the
ZEO server holds Data.fs, and SIGTERM stops the ZEO server with the rest."""

from production_cluster import BASE
from production_cluster import CLERK
from production_cluster import MadeCluster
from production_cluster import processes_of
from production_cluster import register_across_instances
from test_production_postgres import ADMIN_PASSWORD

import pytest
import requests
import subprocess

pytestmark = pytest.mark.slow


def download(port, document):
    """The document's file through ``port`` (an instance), on the agency host."""
    path = document["@id"].split("://", 1)[1].split("/", 1)[1]
    return requests.get(f"http://127.0.0.1:{port}/{path}/@@download/file", auth=CLERK,
                        headers={"Host": f"sttt.{BASE}:{port}"}, timeout=120)


def test_cluster_on_filestorage_through_zeo(tmp_path):
    var = tmp_path / "var"
    with MadeCluster(var, None, instances=2, admin_password=ADMIN_PASSWORD) as cluster:
        assert f"ZEO server on {var}/cluster/zeo.sock" in cluster.text()
        assert any("runzeo" in line for line in processes_of(cluster.var).values())
        for n in (1, 2):
            conf = (var / "cluster" / str(n) / "etc" / "zope.conf").read_text()
            assert "<zeoclient>" in conf and "<filestorage>" not in conf
            assert "shared-blob-dir true" in conf
        answers = register_across_instances(cluster, clients=8, each=4, tag="z")
        document = answers[0].json()
        for port in cluster.ports:
            file = download(port, document)
            assert file.status_code == 200 and file.content.startswith(b"%PDF-1.4\n% z0-0")
        # beside the running cluster: nginx-config as a client of its ZEO server
        done = subprocess.run(cluster.make_args("nginx-config", UPSTREAMS=" ".join(
            f"127.0.0.1:{p}" for p in cluster.ports)), env=cluster.env, capture_output=True,
            text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        assert f"server 127.0.0.1:{cluster.ports[1]} max_fails=2" in done.stdout
        assert "<zeoclient>" in (var / "etc" / "zope.conf").read_text()
        # make backup reads Data.fs beside the ZEO server, as beside one instance
        backups = tmp_path / "backups"
        done = subprocess.run(cluster.make_args("backup", BACKUP_DIR=backups), env=cluster.env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        [backup] = [p for p in backups.iterdir() if p.is_dir()]
        assert {p.name for p in backup.iterdir() if p.is_dir()} >= {
            "blobstorage", "filestorage"}, list(backups.rglob("*"))[:20]
        # ... and not a second process on Data.fs
        site = subprocess.run(cluster.make_args("site"), env=cluster.env, capture_output=True,
                              text=True, timeout=600)
        assert site.returncode != 0
        assert "another process is using the database" in site.stderr, site.stderr[-2000:]
    # stopped (MadeCluster checked no process is left): the site is VAR's FileStorage again
    again = subprocess.run(cluster.make_args("instance"), env=cluster.env, capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "<filestorage>" in (var / "etc" / "zope.conf").read_text()
