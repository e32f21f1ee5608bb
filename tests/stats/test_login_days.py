"""The logins per day (accounts/login_days.py) lose no concurrent
increment: real threads, each with its own connection, on a real
FileStorage, as the login guard's requests count them."""

from qlvbdh_policy.accounts import login_days
from qlvbdh_policy.accounts.login_records import committed_apart
from ZODB.FileStorage import FileStorage

import datetime
import persistent
import threading
import transaction
import ZODB

DAY = datetime.date(2026, 11, 27)
WRITERS, PER_WRITER = 8, 25


class Guard(persistent.Persistent):
    """Where the login guard keeps the days."""


def test_no_login_is_lost_between_threads_on_filestorage(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root()["guard"] = Guard()
        oid = db.open().root()["guard"]._p_oid
        start = threading.Barrier(WRITERS)

        def log_in(writer):
            tm = transaction.TransactionManager()
            conn = db.open(transaction_manager=tm)
            guard = conn.get(oid)
            start.wait()
            try:
                for i in range(PER_WRITER):
                    # the same account, one of its own, and a new day now and then
                    for userid, day in (("shared", DAY), (f"own-{writer}", DAY),
                                        ("shared", DAY + datetime.timedelta(days=i % 3))):
                        committed_apart(guard, lambda stored, u=userid, d=day: (
                            None, login_days.count(stored, u, d)))
            finally:
                conn.close()

        threads = [threading.Thread(target=log_in, args=(w,)) for w in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        db.close()
        db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
        guard = db.open().root()["guard"]
        counted = login_days.logins_between(
            guard, ["shared"] + [f"own-{w}" for w in range(WRITERS)], DAY, DAY)
        per_day = login_days.logins_between(guard, ["shared"], DAY, DAY + datetime.timedelta(2))
    finally:
        db.close()
    extra_today = WRITERS * len(range(0, PER_WRITER, 3))  # i % 3 == 0: the same day
    assert counted == {"shared": WRITERS * PER_WRITER + extra_today,
                       **{f"own-{w}": PER_WRITER for w in range(WRITERS)}}
    assert per_day == {"shared": 2 * WRITERS * PER_WRITER}


def test_basic_authentication_counts_once_a_day():
    guard = Guard()
    assert login_days.count(guard, "vta", DAY, once=True)
    assert not login_days.count(guard, "vta", DAY, once=True)
    assert login_days.count(guard, "vta", DAY)  # a login by the form still counts
    assert login_days.count(guard, "vta", DAY + datetime.timedelta(1), once=True)
    assert login_days.logins_between(guard, ["vta", "lda"], DAY, DAY) == {"vta": 2}
    assert login_days.logins_between(None, ["vta"], DAY, DAY) == {}
