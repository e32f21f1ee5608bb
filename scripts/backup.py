"""Back up and restore a FileStorage site (Quy chế Điều 8.4, 10.1, 10.4).

  backup.py backup VAR BACKUP_DIR [--keep N] [--full] [--database-url URL]
  backup.py restore BACKUP VAR [--database-url URL]

backup: the database with ZODB's own ``repozo`` (it reads a running
instance's Data.fs up to its last committed transaction), then the blob
tree. Blob files are never changed once written (one file per object and
transaction), and a transaction's blobs are in place before it commits, so
the blob tree copied *after* repozo holds every blob the backed-up Data.fs
refers to: together they are a consistent backup taken while the site runs.
Without the blobs the restored files fail with ``POSKeyError: No blob
file``.

Each backup is a directory of BACKUP_DIR named by the Vietnam time of its
full backup (rules/backups.py); ``--full``, or no backup yet, starts a new
one, otherwise repozo adds an incremental backup to the newest and only new
blob files are copied. The ``--keep`` newest backups are kept, older ones
deleted. Blob files an older backup already holds are hard-linked, not
copied again.

restore: into a stopped, empty VAR (no instance holding its Data.fs lock,
no database, no blob files); anything else is refused with one sentence.

PostgreSQL (RelStorage, DATABASE_URL) sites: the blobs are in the
database (shared-blob-dir false), so one ``pg_dump --format=custom`` holds
everything; pg_dump reads one snapshot of the database (a repeatable-read
transaction), so it is consistent while instances write. It goes into a new
backup directory named and kept like the FileStorage ones
(``<name>/database.dump``). restore runs ``pg_restore`` in one transaction
into an EMPTY database (created when missing and the user may), refused
when it holds any table or another session is connected to it (a running
instance): stop every instance first. pg_dump/pg_restore are the machine's
(Debian's postgresql-client), of the server's major version.

Standard library only, plus the venv's ``repozo`` (from ZODB) and, for
PostgreSQL, psycopg2 and the machine's pg_dump/pg_restore.
"""

from contextlib import contextmanager
from pathlib import Path

import argparse
import datetime
import fcntl
import os
import shutil
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT / "scripts"))

from qlvbdh_policy.rules import backups as rules  # noqa: E402
from qlvbdh_policy.rules import database_url as rules_url  # noqa: E402

# small files of VAR that say which version wrote it and that the site step ran
VAR_STAMPS = ("FORMAT", "site.stamp")
# ZODB writes uncommitted blobs here; never part of a backup
BLOB_TMP = "tmp"
# a PostgreSQL site's backup: pg_dump's custom format, database and blobs
DUMP = "database.dump"


class Refused(Exception):
    """What the administrator reads, as one sentence."""


def repozo():
    path = Path(sys.executable).parent / "repozo"
    if not path.exists():
        raise Refused(f"{path} not found: repozo comes with ZODB; run `make install` first.")
    return str(path)


def tree_size(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def blob_files(blobs):
    """The blob tree's files (relative paths), without ZODB's tmp dir."""
    blobs = Path(blobs)
    if not blobs.is_dir():
        return []
    return sorted(p.relative_to(blobs) for p in blobs.rglob("*")
                  if p.is_file() and p.relative_to(blobs).parts[0] != BLOB_TMP)


def copy_file(source, target):
    """Copy to a temporary name and rename: a crash never leaves half a file
    under the final name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    shutil.copy2(source, partial)
    os.replace(partial, target)


def copy_blobs(source, target, earlier=None):
    """Copy the blob files ``target`` lacks; take them from ``earlier`` (an
    older backup's blob tree) by hard link when it has the same file.
    Returns (files copied, their bytes, files linked)."""
    written = size = linked = 0
    for rel in blob_files(source):
        dest = target / rel
        if dest.exists():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        old = earlier / rel if earlier else None
        if old is not None and old.is_file() and old.stat().st_size == (source / rel).stat().st_size:
            os.link(old, dest)
            linked += 1
            continue
        copy_file(source / rel, dest)
        written += 1
        size += dest.stat().st_size
    return written, size, linked


def backup(var, backup_dir, keep=7, full=False, now=None):
    var, backup_dir = Path(var).resolve(), Path(backup_dir).resolve()
    data = var / "filestorage" / "Data.fs"
    if not data.is_file():
        raise Refused(f"there is no database to back up: {data} does not exist (is VAR right?).")
    rules.to_delete([], keep)  # a wrong BACKUP_KEEP is refused before anything is written
    with backup_lock(backup_dir):
        return _backup(var, data, backup_dir, keep, full, now)


@contextmanager
def backup_lock(backup_dir):
    """One backup at a time writes into ``backup_dir`` (FileStorage or PostgreSQL)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    with (backup_dir / ".lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise Refused(f"another backup is writing into {backup_dir}; try again when it has finished.")
        yield


def _backup(var, data, backup_dir, keep, full, now):
    names = [p.name for p in backup_dir.iterdir() if p.is_dir()]
    newest = rules.latest(names)
    fresh = full or newest is None
    if fresh:
        name = rules.backup_name(now or datetime.datetime.now(datetime.timezone.utc))
        if name in names:
            raise Refused(f"{backup_dir / name} exists already; wait a second and run the backup again.")
    else:
        name = newest
    target = backup_dir / name
    repository = target / "filestorage"
    repository.mkdir(parents=True, exist_ok=True)
    before = {p.name for p in repository.iterdir()}
    # repozo names its files by the UTC second: a second file of the same
    # second would sort before the full backup it follows and be lost
    while any(p.stem == time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
              for p in repository.iterdir()):
        time.sleep(0.1)
    command = [repozo(), "--backup", "--file", str(data), "--repository", str(repository)]
    if fresh:
        command.append("--full")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise Refused(f"repozo failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    new = sorted(p for p in repository.iterdir() if p.name not in before)
    # blobs after the database: every blob the backed-up Data.fs refers to exists already
    earlier = backup_dir / newest / "blobstorage" if fresh and newest else None
    blob_count, blob_bytes, linked = copy_blobs(var / "blobstorage", target / "blobstorage", earlier)
    copy_stamps(var, target)
    kind = "full" if any(p.suffix == ".fs" for p in new) else "incremental"
    print(f"Backup {name} ({kind}) of {var} in {target}:")
    for path in new:
        print(f"  database  {path.name:<32} {rules.human_size(path.stat().st_size):>10}")
    if not new:
        print("  database  unchanged since the last backup (repozo wrote nothing)")
    print(f"  blobs     {blob_count} file(s) copied{'':<16} {rules.human_size(blob_bytes):>10}"
          f"   ({linked} unchanged linked from {newest if linked else 'none'};"
          f" {len(blob_files(target / 'blobstorage'))} files in all)")
    print(f"  backup {name} holds {rules.human_size(tree_size(target))}"
          f" (database now {rules.human_size(data.stat().st_size)})")
    prune(backup_dir, keep)
    return target


def copy_stamps(source, target):
    """The VAR's markers (FORMAT, site.stamp) go with the data, so that
    `make run` accepts a restored VAR without re-running the site step."""
    for stamp in VAR_STAMPS:
        if (source / stamp).is_file():
            shutil.copy2(source / stamp, target / stamp)


def prune(backup_dir, keep):
    """Delete the backups beyond the ``keep`` newest, saying so."""
    names = [p.name for p in backup_dir.iterdir() if p.is_dir()]
    for old in rules.to_delete(names, keep):
        shutil.rmtree(backup_dir / old)
        print(f"  deleted the old backup {old} (BACKUP_KEEP={keep})")


def is_backup(path, postgres=False):
    return (path / DUMP).is_file() if postgres else (path / "filestorage").is_dir()


def find_backup(backup, postgres=False):
    """BACKUP is one backup; a BACKUP_DIR stands for its newest backup (of
    the kind asked for: FileStorage, or PostgreSQL with DATABASE_URL)."""
    backup = Path(backup).resolve()
    if is_backup(backup, postgres):
        return backup
    if is_backup(backup, not postgres):
        if postgres:
            raise Refused(f"{backup} is a FileStorage backup: restore it without DATABASE_URL "
                          "into an empty VAR, then `make migrate DATABASE_URL=...`.")
        raise Refused(f"{backup} is a backup of a PostgreSQL site: restore it with "
                      "`make restore BACKUP=... DATABASE_URL=postgresql://...` into an empty database.")
    if backup.is_dir():
        names = [p.name for p in backup.iterdir() if p.is_dir() and is_backup(p, postgres)]
        newest = rules.latest(names)
        if newest:
            return backup / newest
    what = DUMP if postgres else "filestorage/"
    raise Refused(f"{backup} is not a backup (no {what} in it): "
                  "give `make restore BACKUP=<BACKUP_DIR>/<name>`.")


def check_stopped_and_empty(var):
    lock = var / "filestorage" / "Data.fs.lock"
    if lock.exists():
        with lock.open("a") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise Refused(f"an instance is running on {var} (it holds {lock}): "
                              "stop it, and restore into an empty VAR.")
            fcntl.flock(f, fcntl.LOCK_UN)
    data = var / "filestorage" / "Data.fs"
    if data.exists() or [f for f in blob_files(var / "blobstorage") if f.name != ".layout"]:
        raise Refused(f"{var} already holds data ({data if data.exists() else var / 'blobstorage'}): "
                      "restore only into an empty VAR; move this one away or choose another VAR.")


def restore(backup, var):
    source, var = find_backup(backup), Path(var).resolve()
    check_stopped_and_empty(var)
    (var / "filestorage").mkdir(parents=True, exist_ok=True)
    blobs = var / "blobstorage"
    blobs.mkdir(parents=True, exist_ok=True)
    blobs.chmod(0o700)
    blob_count, blob_bytes, _ = copy_blobs(source / "blobstorage", blobs)
    partial = var / "filestorage" / "Data.fs.restoring"
    done = subprocess.run([repozo(), "--recover", "--with-verify", "--repository",
                           str(source / "filestorage"), "--output", str(partial)],
                          capture_output=True, text=True)
    if done.returncode:
        raise Refused(f"repozo could not restore {source}: {done.stderr.strip() or done.stdout.strip()}")
    index = partial.with_name(partial.name + ".index")
    if index.exists():
        os.replace(index, var / "filestorage" / "Data.fs.index")
    os.replace(partial, var / "filestorage" / "Data.fs")
    copy_stamps(source, var)
    print(f"Restored {source} into {var}:")
    print(f"  database  Data.fs {rules.human_size((var / 'filestorage' / 'Data.fs').stat().st_size)}")
    print(f"  blobs     {blob_count} file(s) {rules.human_size(blob_bytes)}")
    print("  start it with `make run` (or `make serve`).")


class PostgreSQL:
    """pg_dump/pg_restore of a RelStorage site (see the module docstring)."""

    def check_url(self, url):
        try:
            rules_url.parse(url)
        except rules_url.DatabaseURLError as error:
            raise Refused(str(error)) from None

    def tool(self, name):
        path = shutil.which(name)
        if not path:
            raise Refused(f"{name} not found: install the PostgreSQL client of the server's "
                          "version (Debian: `apt-get install postgresql-client-15`).")
        return path

    def libpq(self, url):
        """(dsn without the password, environment with PGPASSWORD): the
        password never shows in the process list."""
        keys = rules_url.parse(url)
        env = dict(os.environ)
        password = keys.pop("password", None)
        if password is not None:
            env["PGPASSWORD"] = password
        return rules_url.dsn(keys), env

    def connect(self, url, dbname=None):
        import preflight

        return preflight.connect(url, dbname=dbname)

    def backup(self, url, var, backup_dir, keep=7, now=None):
        var, backup_dir = Path(var).resolve(), Path(backup_dir).resolve()
        rules.to_delete([], keep)  # a wrong BACKUP_KEEP is refused before anything is written
        pg_dump = self.tool("pg_dump")
        connection = self.connect(url)  # a sentence when the server or database is not there
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_database_size(current_database())")
                database_size = cursor.fetchone()[0]
        finally:
            connection.close()
        with backup_lock(backup_dir):
            name = rules.backup_name(now or datetime.datetime.now(datetime.timezone.utc))
            target = backup_dir / name
            if target.exists():
                raise Refused(f"{target} exists already; wait a second and run the backup again.")
            target.mkdir()
            dsn, env = self.libpq(url)
            partial = target / (DUMP + ".partial")
            done = subprocess.run([pg_dump, "--format=custom", "--file", str(partial), "--dbname", dsn],
                                  env=env, capture_output=True, text=True)
            if done.returncode:
                shutil.rmtree(target)
                raise Refused(f"pg_dump failed ({done.returncode}): {done.stderr.strip()}")
            os.replace(partial, target / DUMP)
            copy_stamps(var, target)
            dump = target / DUMP
            print(f"Backup {name} (pg_dump) of {rules_url.mask(url)} in {target}:")
            print(f"  database  {DUMP:<32} {rules.human_size(dump.stat().st_size):>10}"
                  f"   (database and files; the database is {rules.human_size(database_size)})")
            prune(backup_dir, keep)
            return target

    def check_empty_and_unused(self, url):
        """The target database holds no table and no other session: anything
        else is a site (or another program's data) that a restore would
        overwrite or mix with, or a running instance."""
        name = rules_url.parse(url)["dbname"]
        connection = self.connect(url)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM information_schema.tables "
                               "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
                tables = cursor.fetchone()[0]
                cursor.execute("SELECT count(*) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                sessions = cursor.fetchone()[0]
        finally:
            connection.close()
        if tables:
            raise Refused(f"the database {name!r} is not empty ({tables} tables): restore only into "
                          "an empty database; create a new one or give another DATABASE_URL.")
        if sessions:
            raise Refused(f"{sessions} other session(s) are connected to the database {name!r} "
                          "(a running instance?): stop every instance and cron job first.")

    def restore(self, backup, url, var):
        import preflight

        source = find_backup(backup, postgres=True)
        pg_restore = self.tool("pg_restore")
        var = Path(var).resolve()
        os.environ["DATABASE_URL"] = url
        preflight.check_database(var)  # created when missing; VAR records its database
        self.check_empty_and_unused(url)
        dsn, env = self.libpq(url)
        # one transaction: a failed restore leaves the database empty;
        # --no-owner: the objects belong to DATABASE_URL's user, who runs the site
        done = subprocess.run([pg_restore, "--single-transaction", "--exit-on-error", "--no-owner",
                               "--no-privileges", "--dbname", dsn, str(source / DUMP)],
                              env=env, capture_output=True, text=True)
        if done.returncode:
            raise Refused(f"pg_restore could not restore {source} (nothing was restored): "
                          f"{done.stderr.strip()}")
        copy_stamps(source, var)
        objects = preflight.database_objects(url)
        print(f"Restored {source} into {rules_url.mask(url)}:")
        print(f"  database  {objects} objects, from {DUMP} {rules.human_size((source / DUMP).stat().st_size)}")
        print("  start the instances with `make run DATABASE_URL=...` (or `make cluster`).")


pg = PostgreSQL()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("backup")
    b.add_argument("var")
    b.add_argument("backup_dir")
    b.add_argument("--keep", default="7")
    b.add_argument("--full", action="store_true")
    b.add_argument("--database-url", default="")
    r = commands.add_parser("restore")
    r.add_argument("backup")
    r.add_argument("var")
    r.add_argument("--database-url", default="")
    args = parser.parse_args(argv)
    try:
        url = args.database_url.strip()
        if url:
            pg.check_url(url)
        if args.command == "backup":
            try:
                keep = int(args.keep)
            except ValueError:
                raise Refused(f"BACKUP_KEEP must be a whole number, not {args.keep!r}.")
            try:
                if url:
                    pg.backup(url, args.var, args.backup_dir, keep=keep)
                else:
                    backup(args.var, args.backup_dir, keep=keep, full=args.full)
            except ValueError as e:
                raise Refused(f"{e}.")
        else:
            if not args.backup:
                raise Refused("say which backup to restore: `make restore BACKUP=<BACKUP_DIR>/<name>`.")
            if url:
                pg.restore(args.backup, url, args.var)
            else:
                restore(args.backup, args.var)
    except Refused as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
