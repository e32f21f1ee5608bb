"""`make pack` (issue 15): on FileStorage while the instance runs (asked of
the instance) and with it stopped, and on the real PostgreSQL with
RelStorage's zodbpack while the instance runs. After deleting a document
and changing another, the storage shrinks (old revisions, the deleted
document and its file go), and the site still works: the other documents
and their files download byte-identical, and the next registration takes
the next number. Skips the PostgreSQL part without a server unless
QLVBDH_REQUIRE_PG=1."""

from pathlib import Path
from test_production_postgres import check_document
from test_production_postgres import env_for
from test_production_postgres import make_instance
from test_production_postgres import object_rows
from test_production_postgres import postgres  # noqa: F401 (the fixture)
from test_production_postgres import register
from test_production_postgres import Served
from test_production_postgres_backup import one_sentence

import requests
import subprocess
import sys

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parent.parent
ADMIN = ("admin", "pg-admin-2026")  # test_production_postgres.ADMIN_PASSWORD
JSON = {"Accept": "application/json"}


def make(url=None, **variables):
    """`make pack` on this venv (VENV=: no install step runs)."""
    args = ["make", "-s", "-C", str(ROOT), "pack", f"VENV={VENV}"]
    if url:
        args.append(f"DATABASE_URL={url}")
    return subprocess.run(args + [f"{k}={v}" for k, v in variables.items()],
                          env=env_for(url), capture_output=True, text=True, timeout=900)


def churn(base):
    """Three documents with files; the first is deleted, the second changed
    five times. Returns the documents kept, with their tags."""
    documents = [(register(base, f"pack-{i}", code=str(50 + i)), f"pack-{i}") for i in range(3)]
    deleted = requests.delete(documents[0][0]["@id"], auth=ADMIN, headers=JSON, timeout=60)
    assert deleted.status_code == 204, deleted.text[:500]
    for i in range(5):
        changed = requests.patch(documents[1][0]["@id"], auth=ADMIN, headers=JSON, timeout=60,
                                 json={"notes": f"Ghi chú lần {i} " * 50})
        assert changed.status_code == 204, changed.text[:500]
    return documents[1:]


def works(base, kept, tag):
    for document, kept_tag in kept:
        check_document(base, document, kept_tag)
    gone = requests.get(f"{base}/sttt/den-2026/@search", auth=ADMIN, headers=JSON, timeout=60,
                        params={"SearchableText": "pack-0"}).json()
    assert gone["items_total"] == 0
    after = register(base, tag, code=tag)
    assert after["arrival_number"] == max(d["arrival_number"] for d, _ in kept) + 1
    kept.append((after, tag))


def blob_files(var):
    return sorted(p.relative_to(var) for p in (var / "blobstorage").rglob("*.blob"))


def test_pack_filestorage_running_and_stopped(tmp_path):
    var = tmp_path / "var"
    port = make_instance(var, None)
    data = var / "filestorage" / "Data.fs"
    with Served(var, None, port) as served:
        initial = data.stat().st_size
        kept = churn(served.base)
        before, blobs_before = data.stat().st_size, blob_files(var)
        assert len(blobs_before) >= 3

        wrong = make(VAR=var, DAYS=0, ADMIN_PASSWORD="not-the-password")
        assert wrong.returncode != 0 and one_sentence(wrong.stderr), wrong.stderr
        assert "ADMIN_PASSWORD" in wrong.stderr
        bad = make(VAR=var, DAYS="một tuần")
        assert bad.returncode != 0 and one_sentence(bad.stderr) and "DAYS" in bad.stderr
        assert data.stat().st_size == before

        done = make(VAR=var, DAYS=0)  # asked of the running instance
        assert done.returncode == 0, done.stderr
        print(done.stdout)
        assert "by the running instance" in done.stdout and "Data.fs" in done.stdout
        packed, blobs_packed = data.stat().st_size, blob_files(var)
        # most of what the three documents and five changes wrote was old revisions
        assert before - packed > 0.6 * (before - initial), (initial, before, packed)
        assert not (var / "filestorage" / "Data.fs.old").exists()  # the space is freed
        assert len(blobs_packed) == len(blobs_before) - 1  # the deleted document's file
        works(served.base, kept, "pack-running")

    # stopped: packed here; a second pack of an unchanged site finds little
    again = make(VAR=var, DAYS=0)
    assert again.returncode == 0, again.stderr
    assert "(instance stopped)" in again.stdout
    assert data.stat().st_size < packed + 200_000
    with Served(var, None, port) as served:
        works(served.base, kept, "pack-stopped")
        kept_docs = requests.get(f"{served.base}/sttt/den-2026/@search", auth=ADMIN,
                                 headers=JSON, timeout=60,
                                 params={"portal_type": "IncomingDocument"}).json()
        assert kept_docs["items_total"] >= 3
    missing = make(VAR=tmp_path / "nowhere", DAYS=0)
    assert missing.returncode != 0 and one_sentence(missing.stderr)
    assert "does not exist" in missing.stderr


def test_pack_postgresql_while_running(postgres, tmp_path):  # noqa: F811
    url = postgres["new_url"]()
    var = tmp_path / "var"
    port = make_instance(var, url)
    with Served(var, url, port) as served:
        initial = object_rows(url)[0]
        kept = churn(served.base)
        objects, chunks = object_rows(url)
        done = make(url, VAR=var, DAYS=0)
        assert done.returncode == 0, done.stderr
        print(done.stdout)
        assert "object revisions" in done.stdout and "blob chunks" in done.stdout
        packed_objects, packed_chunks = object_rows(url)
        assert objects - packed_objects > 0.6 * (objects - initial), (
            initial, objects, packed_objects)
        assert packed_chunks < chunks, (chunks, packed_chunks)  # the deleted file
        works(served.base, kept, "pack-pg")
    bad = make(url, VAR=var, DAYS="-1")
    assert bad.returncode != 0 and one_sentence(bad.stderr) and "DAYS" in bad.stderr
