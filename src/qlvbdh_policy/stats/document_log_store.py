"""The store of the documents' access log (issue 18; NĐ 30/2020 Phụ lục VI
III.5.a, III.6.a, b, l, III.7.d): one SQLite database file, append only,
outside the ZODB.

Why not the ZODB: a page view that writes an object commits a transaction,
grows ``Data.fs`` and conflicts with every other view of the same document
(its annotation, a counter); the log would also swell the documents it is
about. A SQLite file in WAL mode takes an insert in well under a
millisecond, lets readers read while one writer writes, and is shared by
the instances of one machine (``make cluster``) and its cron jobs: every
process opens the same file, SQLite's locks order their writes (a writer
waits up to ``BUSY_MS`` for another), and no entry is lost.

No Zope import here: the file's path, the entries' contents and the rules
of who reads them are ``document_log``'s.
"""

from pathlib import Path

import sqlite3
import threading

BUSY_MS = 10000  # how long a writer waits for another process's write
PRUNE_CHUNK = 5000  # rows deleted per statement: other writers are not held long
COLUMNS = ("at", "site", "agency", "document", "action", "user", "fullname", "host",
           "client", "detail")
SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,            -- seconds since 1970 (UTC)
    site TEXT NOT NULL,          -- the Plone site's path: one file, several sites
    agency TEXT NOT NULL,        -- the agency's UID ('' outside any agency)
    document TEXT NOT NULL,      -- the document's UID
    action TEXT NOT NULL,        -- view, download, print, change, route
    user TEXT NOT NULL,
    fullname TEXT NOT NULL,
    host TEXT NOT NULL,          -- the host the request was addressed to
    client TEXT NOT NULL,        -- the client's address as Zope sees it
    detail TEXT NOT NULL         -- the file's name, the step, the view
);
CREATE INDEX IF NOT EXISTS entries_document ON entries (document, at);
CREATE INDEX IF NOT EXISTS entries_agency ON entries (site, agency, action, at);
CREATE INDEX IF NOT EXISTS entries_at ON entries (at);
"""

_local = threading.local()
# the threads of one process write in turn here, not through SQLite's busy
# handler (which sleeps 1, 2, 5 … ms between tries); processes still wait
# on SQLite's lock
_write_lock = threading.Lock()


def connection(path):
    """This thread's connection to the database at ``path`` (created with
    its folder and table when missing)."""
    path = str(path)
    connections = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    conn = connections.get(path)
    if conn is None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        # WAL with NORMAL: a commit survives a crash of the process; a power
        # cut may lose the last moments, never corrupt the file
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.executescript(SCHEMA)
        connections[path] = conn
    return conn


def close_all():
    """Close this thread's connections (tests, a script's end)."""
    for conn in getattr(_local, "connections", {}).values():
        conn.close()
    _local.connections = {}


def append(path, rows):
    """Keep ``rows`` (dicts of ``COLUMNS``) in one write."""
    conn = connection(path)
    values = [tuple(row.get(c, "") if c != "at" else row["at"] for c in COLUMNS)
              for row in rows]
    with _write_lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                f"INSERT INTO entries ({', '.join(COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(COLUMNS))})", values)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def entries(path, document, start=0, size=50):
    """(total, the document's entries newest first from ``start``)."""
    conn = connection(path)
    total = conn.execute("SELECT count(*) FROM entries WHERE document = ?",
                         (document,)).fetchone()[0]
    cursor = conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM entries WHERE document = ? "
        "ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", (document, size, start))
    return total, [dict(zip(COLUMNS, row)) for row in cursor]


def agency_entries(path, site, agency, start=0, size=50):
    """(total, the entries of an agency's documents newest first from
    ``start``)."""
    conn = connection(path)
    total = conn.execute("SELECT count(*) FROM entries WHERE site = ? AND agency = ?",
                         (site, agency)).fetchone()[0]
    cursor = conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM entries WHERE site = ? AND agency = ? "
        "ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", (site, agency, size, start))
    return total, [dict(zip(COLUMNS, row)) for row in cursor]


def document_counts(path, site, agency, limit=20):
    """[(document UID, {action: entries})] of an agency's most accessed
    documents, the most first."""
    conn = connection(path)
    top = [uid for uid, _n in conn.execute(
        "SELECT document, count(*) AS n FROM entries WHERE site = ? AND agency = ? "
        "GROUP BY document ORDER BY n DESC, document LIMIT ?", (site, agency, limit))]
    found = {uid: {} for uid in top}
    if top:
        cursor = conn.execute(
            "SELECT document, action, count(*) FROM entries WHERE site = ? AND agency = ? "
            f"AND document IN ({', '.join('?' * len(top))}) GROUP BY document, action",
            (site, agency, *top))
        for uid, action, n in cursor:
            found[uid][action] = n
    return list(found.items())


def counts(path, site, agency=None, document=None, since=None, until=None):
    """{action: entries} of a document, of an agency (its UID), or of the
    whole site, from ``since`` to before ``until`` (seconds, either None)."""
    where, args = ["site = ?"], [site]
    for column, value in (("agency", agency), ("document", document)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if since is not None:
        where.append("at >= ?")
        args.append(since)
    if until is not None:
        where.append("at < ?")
        args.append(until)
    cursor = connection(path).execute(
        f"SELECT action, count(*) FROM entries WHERE {' AND '.join(where)} GROUP BY action",
        args)
    return dict(cursor.fetchall())


def prune(path, before):
    """Delete the entries older than ``before`` (seconds); how many."""
    conn = connection(path)
    removed = 0
    while True:
        cursor = conn.execute(
            "DELETE FROM entries WHERE id IN (SELECT id FROM entries WHERE at < ? LIMIT ?)",
            (before, PRUNE_CHUNK))
        removed += cursor.rowcount
        if cursor.rowcount < PRUNE_CHUNK:
            return removed
