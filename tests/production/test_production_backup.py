"""The restore drill (Quy chế Điều 8.4, 10.1, 10.4): a real instance as
`make run` makes it (FileStorage and blobs, waitress), documents with files,
numbers, an account and a routing trail; `make backup` while clerks go on
registering; the data wiped; `make restore` into a new empty VAR; served
again: everything registered before the backup started is there, its files
byte-identical, and the next registration takes the next number."""

from demo_instance import ADMIN
from demo_instance import demo_site
from demo_instance import free_port
from demo_instance import make
from demo_instance import render
from demo_instance import Server
from demo_instance import YEAR

import base64
import os
import pytest
import requests
import threading
import time

CLERK = ("vanthu", "demo-vanthu-2026")
LEADER = ("lanhdao", "demo-lanhdao-2026")
JSON = {"Accept": "application/json"}
NEW_USER = ("saoluu", "Khoi-phuc-du-lieu-2026")




def pdf(seed, size):
    """A file of its own bytes (random, so a wrong blob cannot look right)."""
    return b"%PDF-1.4\n%" + seed.encode() + b"\n" + os.urandom(size) + b"\n%%EOF\n"










@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    """A real instance as `make run` makes it, with the demo accounts."""
    base = tmp_path_factory.mktemp("backup")
    var = base / "var"
    port = free_port()
    demo_site(var, port)
    state = {"base": base, "var": var, "server": Server(var, port)}
    try:
        yield state
    finally:
        state["server"].stop()  # the restored instance, once the drill started it


def register(site, number_hint, size=150_000):
    data = pdf(f"doc-{number_hint}", size)
    body = {
        "@type": "IncomingDocument",
        "title": f"Công văn số {number_hint} về việc sao lưu dữ liệu",
        "sender_name": "UBND tỉnh Tiền Giang",
        "code_number": str(number_hint),
        "code_notation": "UBND-VP",
        "doc_date": f"{YEAR}-01-05",
        "doc_type": "cong_van",
        "file": {"data": base64.b64encode(data).decode(), "encoding": "base64",
                 "filename": f"cong-van-{number_hint}.pdf", "content-type": "application/pdf"},
    }
    answer = requests.post(f"{site}/sttt/den-{YEAR}", json=body, headers=JSON,
                           auth=CLERK, timeout=120)
    return answer, data


def path_of(url, site):
    assert url.startswith(site), (url, site)
    return url[len(site):]


def test_restore_drill(instance):
    server = instance["server"]
    site = server.site
    # documents with files, numbers
    documents = []  # (path, number, file bytes, 201 received at)
    for i in range(4):
        answer, data = register(site, 100 + i)
        assert answer.status_code == 201, answer.text
        doc = answer.json()
        documents.append((path_of(doc["@id"], site), doc["arrival_number"], data, time.monotonic()))
    # an account
    created = requests.post(f"{site}/@users", headers=JSON, auth=ADMIN, timeout=60, json={
        "username": NEW_USER[0], "password": NEW_USER[1], "email": "saoluu@sttt.vpdtg.vn",
        "fullname": "Trần Sao Lưu"})
    assert created.status_code == 201, created.text
    assert requests.get(f"{site}/@users/{NEW_USER[0]}", headers=JSON, auth=NEW_USER,
                        timeout=60).status_code == 200
    # a routing step: submitted by the clerk, assigned by the leader
    routed = documents[0][0]
    assert requests.post(f"{site}{routed}/@workflow/submit", headers=JSON, auth=CLERK,
                         timeout=60).status_code == 200
    assigned = requests.post(f"{site}{routed}/@assign", headers=JSON, auth=LEADER, timeout=60,
                             json={"handler": "chuyenvien", "instruction": "Kiểm tra bản sao lưu"})
    assert assigned.status_code == 200, assigned.text
    trail = requests.get(f"{site}{routed}/@routing", headers=JSON, auth=LEADER, timeout=60).json()["trail"]
    assert [e["action"] for e in trail] == ["submit", "assign"]

    # clerks go on registering while the backups are taken
    stop = threading.Event()
    failures = []

    def clerk():
        i = 200
        while not stop.is_set():
            answer, data = register(site, i, size=60_000)
            if answer.status_code != 201:
                failures.append(answer.text)
            else:
                doc = answer.json()
                documents.append((path_of(doc["@id"], site), doc["arrival_number"], data,
                                  time.monotonic()))
            i += 1

    writer = threading.Thread(target=clerk)
    writer.start()
    try:
        backups = instance["base"] / "backups"
        while len(documents) < 6:
            time.sleep(0.1)
        full = make("backup", VAR=instance["var"], BACKUP_DIR=backups, BACKUP_KEEP=2, FULL=1)
        assert full.returncode == 0, full.stderr
        assert "(full)" in full.stdout and ".fs " in full.stdout and "blobs" in full.stdout
        while len(documents) < 10:
            time.sleep(0.1)
        started = time.monotonic()
        incremental = make("backup", VAR=instance["var"], BACKUP_DIR=backups, BACKUP_KEEP=2)
        assert incremental.returncode == 0, incremental.stderr
        assert "(incremental)" in incremental.stdout and ".deltafs " in incremental.stdout
        while not any(at > started for *_, at in documents):
            time.sleep(0.1)  # a registration after the backup, not in it
    finally:
        stop.set()
        writer.join(timeout=120)
    assert not failures, failures
    print(full.stdout, incremental.stdout, f"{len(documents)} registered")
    [backup] = [p for p in backups.iterdir() if p.is_dir()]
    before = [d for d in documents if d[3] < started]
    assert len(before) >= 10 and len(documents) > len(before)

    # a running instance is never restored over
    running = make("restore", VAR=instance["var"], BACKUP=backup)
    assert running.returncode != 0
    assert "an instance is running on" in running.stderr and "stop it" in running.stderr
    server.stop()
    # nor a stopped one that holds data
    full_var = make("restore", VAR=instance["var"], BACKUP=backup)
    assert full_var.returncode != 0 and "already holds data" in full_var.stderr

    # wipe: a new, empty VAR (the old one gone), restore, serve
    os.rename(instance["var"], instance["base"] / "wiped")
    var = instance["base"] / "restored"
    port = free_port()
    render(var, port)
    restored = make("restore", VAR=var, BACKUP=backup)
    assert restored.returncode == 0, restored.stderr
    server = instance["server"] = Server(var, port)
    site = server.site

    # everything that got its 201 before the backup started is there
    for path, number, data, _ in before:
        doc = requests.get(f"{site}{path}", headers=JSON, auth=CLERK, timeout=60)
        assert doc.status_code == 200, (path, doc.status_code)
        assert doc.json()["arrival_number"] == number
        download = doc.json()["file"]["download"]
        got = requests.get(download, auth=CLERK, timeout=60)
        assert got.status_code == 200 and got.content == data, path
    trail = requests.get(f"{site}{routed}/@routing", headers=JSON, auth=LEADER, timeout=60).json()["trail"]
    assert [e["action"] for e in trail] == ["submit", "assign"]
    assert trail[1]["to"][0]["id"] == "chuyenvien"
    assert requests.get(f"{site}/@users/{NEW_USER[0]}", headers=JSON, auth=NEW_USER,
                        timeout=60).status_code == 200

    # the next registration takes the next number: no gap after what the
    # backup holds, no number taken twice
    answer, data = register(site, 999)
    assert answer.status_code == 201, answer.text
    following = answer.json()["arrival_number"]
    assert following > max(number for _, number, *_ in before)
    for path, number, _, _ in documents:
        status = requests.get(f"{site}{path}", headers=JSON, auth=CLERK, timeout=60).status_code
        # in the backup exactly when numbered before the next one; later ones are not there
        assert status == (200 if number < following else 404), (path, number, following, status)
    numbers = sorted(number for _, number, *_ in documents)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))  # the drill's own numbers
    assert following - 1 in numbers  # the number before it was taken and restored
    new = requests.get(answer.json()["file"]["download"], auth=CLERK, timeout=60)
    assert new.content == data


def write_blobs(var, count):
    """Transactions with a blob each, on a FileStorage as an instance has it."""
    from ZODB.blob import Blob

    import transaction
    import ZODB
    import ZODB.FileStorage

    (var / "filestorage").mkdir(parents=True, exist_ok=True)
    (var / "blobstorage").mkdir(parents=True, exist_ok=True)
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(var / "filestorage" / "Data.fs"),
                                              blob_dir=str(var / "blobstorage")))
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    written = {}
    for _ in range(count):
        key = f"b{len(conn.root())}"
        blob = Blob()
        with blob.open("w") as f:
            f.write(os.urandom(5000))
        conn.root()[key] = blob
        tm.commit()
        with blob.open() as f:
            written[key] = f.read()
    db.close()
    return written


def read_blobs(var):
    import ZODB
    import ZODB.FileStorage

    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(var / "filestorage" / "Data.fs"),
                                              blob_dir=str(var / "blobstorage"), read_only=True))
    try:
        conn = db.open()
        result = {}
        for key, blob in conn.root().items():
            with blob.open() as f:
                result[key] = f.read()
        return result
    finally:
        db.close()


def test_backups_kept_linked_and_refused(tmp_path):
    """BACKUP_KEEP deletes the oldest backups only; unchanged blob files are
    hard links to the older backup's; two backups at once, a missing
    database, BACKUP_KEEP=0 and a VAR with blob files are refused."""
    var, backups = tmp_path / "var", tmp_path / "backups"
    (backups / "notes").mkdir(parents=True)  # the administrator's, never deleted
    written = write_blobs(var, 2)
    names = []
    for _ in range(3):
        done = make("backup", VAR=var, BACKUP_DIR=backups, BACKUP_KEEP=2, FULL=1)
        assert done.returncode == 0, done.stderr
        names.append(done.stdout.split()[1])
        time.sleep(1.1)  # one backup per second (they are named by the second)
        written.update(write_blobs(var, 1))
    assert f"deleted the old backup {names[0]} (BACKUP_KEEP=2)" in done.stdout
    assert sorted(p.name for p in backups.iterdir()) == [".lock", *names[1:], "notes"]
    # the newest shares the files it has in common with the one before
    newest, previous = backups / names[2] / "blobstorage", backups / names[1] / "blobstorage"
    shared = [p for p in previous.rglob("*.blob")]
    assert len(shared) == 3 and all(
        (newest / p.relative_to(previous)).stat().st_ino == p.stat().st_ino for p in shared)
    assert "4 unchanged linked from " + names[1] in done.stdout  # and .layout
    incremental = make("backup", VAR=var, BACKUP_DIR=backups, BACKUP_KEEP=2)
    assert "(incremental)" in incremental.stdout and "1 file(s) copied" in incremental.stdout
    # restore the newest into an empty VAR: every blob of every transaction
    restored = make("restore", VAR=tmp_path / "new", BACKUP=backups)
    assert restored.returncode == 0, restored.stderr
    assert read_blobs(tmp_path / "new") == written and len(written) == 5

    import fcntl
    with (backups / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        busy = make("backup", VAR=var, BACKUP_DIR=backups)
    assert busy.returncode != 0 and "another backup is writing into" in busy.stderr
    nothing = make("backup", VAR=tmp_path / "none", BACKUP_DIR=backups)
    assert nothing.returncode != 0 and "there is no database to back up" in nothing.stderr
    zero = make("backup", VAR=var, BACKUP_DIR=backups, BACKUP_KEEP=0)
    assert zero.returncode != 0 and "BACKUP_KEEP must be 1 or more" in zero.stderr
    # blob files without a database are data too
    stray = tmp_path / "stray"
    write_blobs(stray, 1)
    (stray / "filestorage" / "Data.fs").unlink()
    refused = make("restore", VAR=stray, BACKUP=backups)
    assert refused.returncode != 0 and "already holds data" in refused.stderr
    missing = make("restore", VAR=tmp_path / "other", BACKUP=tmp_path / "nowhere")
    assert missing.returncode != 0 and "is not a backup" in missing.stderr
    assert sorted(p.name for p in backups.iterdir()) == [".lock", *names[1:], "notes"]
