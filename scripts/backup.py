"""Back up and restore a FileStorage site (Quy chế Điều 8.4, 10.1, 10.4).

  backup.py backup VAR BACKUP_DIR [--keep N] [--full]
  backup.py restore BACKUP VAR

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

PostgreSQL (RelStorage) sites are backed up with pg_dump: not here yet.
Standard library only, plus the venv's ``repozo`` (from ZODB).
"""

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

from qlvbdh_policy.rules import backups as rules  # noqa: E402

# small files of VAR that say which version wrote it and that the site step ran
VAR_STAMPS = ("FORMAT", "site.stamp")
# ZODB writes uncommitted blobs here; never part of a backup
BLOB_TMP = "tmp"


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
    backup_dir.mkdir(parents=True, exist_ok=True)
    with (backup_dir / ".lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise Refused(f"another backup is writing into {backup_dir}; try again when it has finished.")
        return _backup(var, data, backup_dir, keep, full, now)


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
    for stamp in VAR_STAMPS:
        if (var / stamp).is_file():
            shutil.copy2(var / stamp, target / stamp)
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
    names = [p.name for p in backup_dir.iterdir() if p.is_dir()]
    for old in rules.to_delete(names, keep):
        shutil.rmtree(backup_dir / old)
        print(f"  deleted the old backup {old} (BACKUP_KEEP={keep})")
    return target


def find_backup(backup):
    """BACKUP is one backup; a BACKUP_DIR stands for its newest backup."""
    backup = Path(backup).resolve()
    if (backup / "filestorage").is_dir():
        return backup
    if backup.is_dir():
        newest = rules.latest([p.name for p in backup.iterdir() if p.is_dir()])
        if newest and (backup / newest / "filestorage").is_dir():
            return backup / newest
    raise Refused(f"{backup} is not a backup (no filestorage/ in it): "
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
    for stamp in VAR_STAMPS:
        if (source / stamp).is_file():
            shutil.copy2(source / stamp, var / stamp)
    print(f"Restored {source} into {var}:")
    print(f"  database  Data.fs {rules.human_size((var / 'filestorage' / 'Data.fs').stat().st_size)}")
    print(f"  blobs     {blob_count} file(s) {rules.human_size(blob_bytes)}")
    print("  start it with `make run` (or `make serve`).")


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
        if args.database_url:
            raise Refused("backups of a PostgreSQL site (pg_dump) are not implemented yet; "
                          "this command backs up the FileStorage in VAR.")
        if args.command == "backup":
            try:
                keep = int(args.keep)
            except ValueError:
                raise Refused(f"BACKUP_KEEP must be a whole number, not {args.keep!r}.")
            try:
                backup(args.var, args.backup_dir, keep=keep, full=args.full)
            except ValueError as e:
                raise Refused(f"{e}.")
        else:
            if not args.backup:
                raise Refused("say which backup to restore: `make restore BACKUP=<BACKUP_DIR>/<name>`.")
            restore(args.backup, args.var)
    except Refused as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
