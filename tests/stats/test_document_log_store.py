"""The store of the documents' access log (stats/document_log_store.py):
a real SQLite file written at once by several processes (the instances of
one machine) each with several threads (a Zope process's workers) loses
no entry; pruning removes only what is older."""

from concurrent.futures import ThreadPoolExecutor
from qlvbdh_policy.stats import document_log_store as store

import multiprocessing
import sqlite3

PROCESSES, THREADS, PER_THREAD = 3, 4, 40
ACTIONS = ("view", "download", "print", "change", "route")


def row(n, writer, at=1_790_000_000.0, document="doc-a", action=None):
    return {"at": at + n, "site": "/plone", "agency": "ag-1", "document": document,
            "action": action or ACTIONS[n % len(ACTIONS)], "user": f"u{writer}",
            "fullname": "Nguyễn Văn Một", "host": "sttt.vpdtg.vn", "client": "10.0.0.9",
            "detail": f"{writer}-{n}"}


def write_many(path, process):
    def one_thread(t):
        for n in range(PER_THREAD):
            store.append(path, [row(n, f"{process}.{t}")])
        store.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(one_thread, range(THREADS)))


def test_processes_and_threads_writing_at_once_lose_no_entry(tmp_path):
    path = str(tmp_path / "var" / "access-log.sqlite")
    context = multiprocessing.get_context("spawn")  # as separate instances: no shared state
    workers = [context.Process(target=write_many, args=(path, p)) for p in range(PROCESSES)]
    for w in workers:
        w.start()
    write_many(path, "main")  # and this process at the same time
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    total = (PROCESSES + 1) * THREADS * PER_THREAD
    found, entries = store.entries(path, "doc-a", 0, total)
    assert found == total == len(entries)
    assert len({e["detail"] for e in entries}) == total  # each one, once
    assert sum(store.counts(path, "/plone", document="doc-a").values()) == total
    assert store.counts(path, "/plone")["view"] == total // len(ACTIONS)
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_newest_first_paged_and_counted_per_document_agency_and_site(tmp_path):
    path = tmp_path / "log.sqlite"
    store.append(path, [row(n, "w") for n in range(12)])
    store.append(path, [dict(row(0, "x", document="doc-b"), agency="ag-2")])
    store.append(path, [dict(row(0, "y", document="doc-c"), site="/other")])
    total, page = store.entries(path, "doc-a", 10, 5)
    assert total == 12 and [e["detail"] for e in page] == ["w-1", "w-0"]
    assert store.counts(path, "/plone", document="doc-a") == {
        "view": 3, "download": 3, "print": 2, "change": 2, "route": 2}
    assert store.counts(path, "/plone", agency="ag-2") == {"view": 1}
    assert sum(store.counts(path, "/plone").values()) == 13  # not the other site's
    assert store.counts(path, "/plone", document="doc-a", since=1_790_000_010.0) == {
        "view": 1, "download": 1}


def test_prune_removes_only_older_entries(tmp_path, monkeypatch):
    path = tmp_path / "log.sqlite"
    monkeypatch.setattr(store, "PRUNE_CHUNK", 7)  # several chunks
    store.append(path, [row(n, "old", at=1000.0) for n in range(20)])
    store.append(path, [row(n, "new", at=5000.0) for n in range(3)])
    assert store.prune(path, 4000.0) == 20
    total, kept = store.entries(path, "doc-a", 0, 50)
    assert total == 3 and {e["user"] for e in kept} == {"unew"}
    assert store.prune(path, 4000.0) == 0
