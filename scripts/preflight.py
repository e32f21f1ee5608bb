"""Checks `make run` does before it touches data or ports (stdlib only).

Each command prints a clear message and exits 1 when the situation is bad,
so a new user reads a sentence instead of a traceback.

  preflight.py python                check this interpreter can build .venv
  preflight.py admin-password HOST   no default admin password beyond loopback
  preflight.py var VAR               var/ was written by a compatible version
  preflight.py port HOST PORT        nothing listens on HOST:PORT yet
  preflight.py database VAR          DATABASE_URL's database exists (created if not)
  preflight.py lock VAR              no running instance holds var's storage
  preflight.py site-needed VAR       exit 0 when the site step must run
  preflight.py site-done VAR         record that the site step ran
  preflight.py accounts DEMO_DIR     print the demo accounts
"""

from pathlib import Path

import csv
import errno
import hashlib
import ipaddress
import os
import socket
import sys

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src" / "qlvbdh_policy" / "rules"))
import database_url  # noqa: E402 (the pure rule, without importing the package)

# Bump when what var/ holds can no longer be opened by this checkout
# (storage layout, ZODB major version, Plone major version).
VAR_FORMAT = "qlvbdh-var 1; ZODB 6; Plone 6.2"
FORMAT_FILE = "FORMAT"
MIN_PYTHON = (3, 11)


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def check_python():
    if sys.version_info[:2] < MIN_PYTHON:
        fail(
            "Python %d.%d found, but Plone 6.2 needs Python %d.%d or newer. "
            "Install it, or run `make run PYTHON=/path/to/python3.11`."
            % (sys.version_info[:2] + MIN_PYTHON)
        )
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        fail(
            "this Python cannot create virtual environments (module venv/ensurepip "
            "missing). On Debian: apt-get install python3-venv"
        )


DEFAULT_ADMIN_PASSWORD = "admin"  # the Makefile's ADMIN_PASSWORD


def is_loopback(host):
    """127.0.0.0/8, ::1, localhost and *.localhost (RFC 6761) reach only
    this machine; anything else (0.0.0.0, a LAN address, a name) may be
    reached from the network."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_admin_password(host):
    """The Zope root's admin may read and change everything: with the
    default password it must not listen beyond this machine (issue 14)."""
    password = os.environ.get("ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
    if password in (DEFAULT_ADMIN_PASSWORD, "") and not is_loopback(host):
        fail(
            f"the Zope admin password is the default {password!r} and the server would "
            f"listen on {host}, which other machines can reach: choose a password with "
            f"`make run HOST={host} ADMIN_PASSWORD=...` or listen on 127.0.0.1."
        )


def check_var(var):
    var = Path(var)
    stamp = var / FORMAT_FILE
    data = var / "filestorage" / "Data.fs"
    if stamp.exists():
        found = stamp.read_text(encoding="utf-8").strip()
        if found != VAR_FORMAT:
            fail(
                f"{var} was written by an incompatible version ({found!r}; this "
                f"checkout needs {VAR_FORMAT!r}). Keep a copy of it, then either "
                "check out the version that wrote it or start afresh with "
                "`make reset` (deletes the data)."
            )
        return
    if data.exists():
        fail(
            f"{data} exists but {stamp} does not: this data was not written by "
            "qlvbdh_policy's `make run`. Move it away or run `make reset` "
            "(deletes the data)."
        )
    var.mkdir(parents=True, exist_ok=True)
    stamp.write_text(VAR_FORMAT + "\n", encoding="utf-8")


def check_port(host, port, advice=None):
    """``advice``: what to do instead of `make run PORT=<port + 1>`."""
    port = int(port)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                fail(
                    f"port {port} on {host} is already in use (another instance, "
                    f"or another program). Stop it, or "
                    + (advice or f"choose another port: `make run PORT={port + 1}`.")
                )
            fail(f"cannot listen on {host}:{port}: {e.strerror}")


def postgres_url():
    """DATABASE_URL of `make run DATABASE_URL=...` ('' for FileStorage)."""
    return os.environ.get("DATABASE_URL", "").strip()


def connect(url, dbname=None):
    """A psycopg2 connection to the URL's server (its database, or dbname);
    a sentence instead of a traceback when the server cannot be reached."""
    import psycopg2

    try:
        keys = database_url.parse(url)
    except database_url.DatabaseURLError as error:
        fail(str(error))
    if dbname:
        keys["dbname"] = dbname
    try:
        return psycopg2.connect(database_url.dsn(keys), connect_timeout=10)
    except psycopg2.OperationalError as error:
        first = (str(error).strip().splitlines() or [""])[0]
        fail(f"cannot connect to PostgreSQL for {database_url.mask(url)} ({first}). "
             "Check that the server runs and the user may log in.")


MOVED = "POSTGRESQL"  # VAR's site lives in this database (masked URL)


def check_database(var=None):
    """Create DATABASE_URL's database when it does not exist and the user
    may (CREATEDB); with one sentence when the user may not. A VAR once run
    on PostgreSQL records it: without DATABASE_URL it is refused, or `make
    run`/cron would quietly open an empty (or, after `make migrate`, an old)
    FileStorage instead of the site."""
    url = postgres_url()
    moved = Path(var) / MOVED if var else None
    if not url:
        if moved and moved.exists():
            fail(f"the site in {var} lives in PostgreSQL "
                 f"({moved.read_text(encoding='utf-8').strip()}): give it with "
                 "DATABASE_URL=... (the FileStorage in it, if any, is an old copy).")
        return
    if moved:
        Path(var).mkdir(parents=True, exist_ok=True)
        moved.write_text(database_url.mask(url) + "\n", encoding="utf-8")
    from psycopg2 import sql

    import psycopg2

    admin = connect(url, dbname="postgres")  # checks the URL first
    keys = database_url.parse(url)
    name = keys["dbname"]
    admin.autocommit = True
    try:  # CREATE DATABASE runs outside a transaction: no `with admin`
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if cursor.fetchone():
                return
            try:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            except psycopg2.Error as error:
                user = keys.get("user", os.environ.get("USER", "?"))
                reason = (error.pgerror or str(error)).strip().splitlines()[0]
                fail(f"the database {name!r} does not exist and {user!r} may not create "
                     f"it ({reason}); ask the PostgreSQL administrator to run "
                     f"`createdb -O {user} {name}`.")
    finally:
        admin.close()
    print(f"Created the PostgreSQL database {name!r}.")


def database_objects(url):
    """How many ZODB objects RelStorage holds in URL's database (0 when its
    tables do not exist yet); None when the database holds other tables."""
    connection = connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT table_name FROM information_schema.tables "
                           "WHERE table_schema = 'public'")
            tables = {row[0] for row in cursor.fetchall()}
            if not tables:
                return 0
            if "object_state" not in tables:
                return None
            cursor.execute("SELECT count(*) FROM object_state")
            return cursor.fetchone()[0]
    finally:
        connection.close()


def check_lock(var):
    if postgres_url():  # RelStorage: several instances share the database
        return
    check_lock_filestorage(var)


def check_lock_filestorage(var):
    import fcntl

    lock = Path(var) / "filestorage" / "Data.fs.lock"
    if not lock.exists():
        return
    with lock.open("a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fail(
                f"another process is using the database in {var} (is `make run` "
                "already running?). Stop it first."
            )
        fcntl.flock(f, fcntl.LOCK_UN)


def site_fingerprint():
    """What the site step depends on: a change re-runs it."""
    h = hashlib.sha256()
    h.update(os.environ.get("ADMIN_PASSWORD", "admin").encode())
    url = postgres_url()  # another database is another site (FileStorage: '')
    if url:
        h.update(b"\0database\0" + url.encode())
    tracked = [ROOT / "src" / "qlvbdh_policy" / "profiles", ROOT / "profiles"]
    for base in tracked:
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(ROOT)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def site_needed(var):
    stamp = Path(var) / "site.stamp"
    data = Path(var) / "filestorage" / "Data.fs"
    if not stamp.exists() or (not postgres_url() and not data.exists()):
        sys.exit(0)
    sys.exit(0 if stamp.read_text().strip() != site_fingerprint() else 1)


def site_done(var):
    (Path(var) / "site.stamp").write_text(site_fingerprint() + "\n")


def print_accounts(demo_dir):
    path = Path(demo_dir) / "users.csv"
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            print(f"  {row['username']:<14} {row['password']:<24} {row['fullname']}")


def main(argv):
    if not argv:
        fail(__doc__)
    cmd, args = argv[0], argv[1:]
    commands = {
        "python": check_python,
        "admin-password": check_admin_password,
        "var": check_var,
        "port": check_port,
        "database": check_database,
        "lock": check_lock,
        "site-needed": site_needed,
        "site-done": site_done,
        "accounts": print_accounts,
    }
    if cmd not in commands:
        fail(f"unknown check {cmd!r}\n{__doc__}")
    commands[cmd](*args)


if __name__ == "__main__":
    main(sys.argv[1:])
