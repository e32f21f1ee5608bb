"""Numbers stay unique and gapless under concurrent registration.

1. Real threads on a real FileStorage, each with its own connection, take
   numbers with the production code and put a document into the register
   in the same transaction, retrying on ConflictError as Zope does.
2. The same through HTTP: 8 clients register through plone.restapi against
   the WSGI server layer (4 worker threads).
"""

from concurrent.futures import ThreadPoolExecutor
from domain_fixtures import make_agency
from OFS.SimpleItem import SimpleItem
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.content.register import Register
from qlvbdh_policy.registers.numbering import last_number
from qlvbdh_policy.registers.numbering import register_in_own_transaction
from qlvbdh_policy.registers.numbering import take_next
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

import pytest
import random
import requests
import threading
import time
import transaction
import ZODB

WRITERS = 8
PER_WRITER = 100


class Entry(SimpleItem):
    def __init__(self, id, number):
        self.id = id
        self.number = number


def add_entry(register, entry_id):
    number = take_next(register, "incoming")
    register._setOb(entry_id, Entry(entry_id, number))


def register_with_retries(db, writer, conflicts):
    """Like separate processes: no shared lock, conflicts retried."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        for i in range(PER_WRITER):
            for attempt in range(500):
                try:
                    tm.begin()
                    add_entry(conn.root()["register"], f"w{writer}-{i}")
                    tm.commit()
                    break
                except ConflictError:
                    tm.abort()
                    conflicts.append(1)
                    time.sleep(random.uniform(0, 0.005))
            else:
                raise AssertionError("gave up after 500 conflicts")
    finally:
        conn.close()


def register_serialized(db, writer, conflicts):
    """The production path: register_in_own_transaction in each thread."""
    conn = db.open()  # the thread's own transaction manager
    try:
        register = conn.root()["register"]
        for i in range(PER_WRITER):
            register_in_own_transaction(
                register, lambda: add_entry(register, f"w{writer}-{i}")
            )
    finally:
        conn.close()


@pytest.mark.parametrize("writer", [register_with_retries, register_serialized])
def test_threads_on_filestorage_give_01_to_800(tmp_path, writer):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root()["register"] = Register("den-2026")
        conflicts = []
        threads = [
            threading.Thread(target=writer, args=(db, w, conflicts))
            for w in range(WRITERS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        # read back through a fresh connection, from disk
        db.close()
        db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
        with db.transaction() as conn:
            register = conn.root()["register"]
            numbers = sorted(register._getOb(i).number for i in register.objectIds())
            assert numbers == list(range(1, WRITERS * PER_WRITER + 1))
            assert last_number(register, "incoming") == WRITERS * PER_WRITER
        print(f"{len(conflicts)} conflicts retried")
    finally:
        db.close()


def test_concurrent_rest_registration(server, server_url):
    make_agency(server["portal"])
    transaction.commit()
    url = f"{server_url}/sttt/den-2026"
    total, clients = 800, 8  # 8 clients x 100 registrations

    def register(i):
        r = requests.post(
            url,
            json={
                "@type": "IncomingDocument",
                "title": f"Công văn số {i} về việc báo cáo",
                "sender_name": "Sở Nội vụ",
                "code_number": str(i),
                "code_notation": "SNV-VP",
                "doc_date": "2026-11-20",
                "doc_type": "cong_van",
            },
            headers={"Accept": "application/json"},
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            timeout=120,
        )
        if r.status_code != 201:
            print(r.status_code, r.text[:3000])
        return r.status_code, r.json().get("arrival_number")

    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(register, range(1, total + 1)))

    assert [s for s, _ in results if s != 201] == []
    assert sorted(n for _, n in results) == list(range(1, total + 1))
