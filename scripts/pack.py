"""`make pack [DAYS=7]`: remove what no document needs any more — old
revisions older than DAYS days and objects nothing refers to (the catalog
buckets each registration rewrote, deleted documents and their files).
Undo reaches back DAYS days afterwards.

FileStorage (VAR/filestorage/Data.fs, files in VAR/blobstorage): while the
instance runs, only the instance may write its Data.fs, so the pack is asked
of it (Zope's Control Panel, `Control_Panel/Database/main/manage_pack`, as
the Zope root's admin with ADMIN_PASSWORD, at the address of VAR/etc/zope.ini);
it goes on serving meanwhile. With the instance stopped, the pack is done
here. The packed-away copy (Data.fs.old) and files are not kept
(`pack-keep-old false` in zope.conf): the backups are the way back.

PostgreSQL (DATABASE_URL): RelStorage's own `zodbpack`, which packs while
every instance runs; PostgreSQL's autovacuum then reuses the space.

Prints the size before and after."""

from pathlib import Path

import argparse
import configparser
import fcntl
import os
import subprocess
import sys
import tempfile
import time

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from qlvbdh_policy.rules import backups as rules  # noqa: E402
from qlvbdh_policy.rules import database_url as rules_url  # noqa: E402

BIN = Path(sys.executable).parent
ADMIN = "admin"


class Refused(Exception):
    """What the administrator reads, as one sentence."""


def tree_size(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def parse_days(days):
    try:
        value = float(days)
    except ValueError:
        value = -1
    if not value >= 0:
        raise Refused(f"DAYS must be a number of days, 0 or more, not {days!r}.")
    return value


def instance_running(var):
    """True while an instance holds VAR's Data.fs (its lock file)."""
    lock = var / "filestorage" / "Data.fs.lock"
    if not lock.exists():
        return False
    with lock.open("a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
    return False


def instance_address(var):
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(var / "etc" / "zope.ini", encoding="utf-8")
    listen = ini.get("server:main", "listen", fallback="").split()[0]
    host, _, port = listen.rpartition(":")
    if host in ("0.0.0.0", "", "*"):
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def pack_through_instance(var, days):
    import requests

    url = f"{instance_address(var)}/Control_Panel/Database/main/manage_pack"
    try:
        answer = requests.post(url, data={"days:float": str(days)},
                               auth=(ADMIN, os.environ.get("ADMIN_PASSWORD", "")),
                               allow_redirects=False, timeout=6 * 3600)
    except requests.ConnectionError:
        raise Refused(f"an instance holds {var / 'filestorage' / 'Data.fs'} but does not answer "
                      f"at {url}; pack when it answers, or stop it.") from None
    if answer.status_code in (401, 403):
        raise Refused("the instance refused the Zope root's admin: give its password, "
                      "`make pack ADMIN_PASSWORD=...`.")
    if answer.status_code != 302 or "packed" not in answer.headers.get("Location", ""):
        raise Refused(f"the instance did not pack (HTTP {answer.status_code}): see its log.")


def pack_stopped(data, blobs, days):
    from ZODB.FileStorage import FileStorage

    import ZODB

    storage = FileStorage(str(data), blob_dir=str(blobs), pack_keep_old=False)
    db = ZODB.DB(storage)
    try:
        db.pack(time.time() - days * 86400)
    finally:
        db.close()


def pack_filestorage(var, days):
    var = Path(var).resolve()
    data, blobs = var / "filestorage" / "Data.fs", var / "blobstorage"
    if not data.is_file():
        raise Refused(f"there is no database to pack: {data} does not exist (is VAR right?).")
    before = data.stat().st_size, tree_size(blobs)
    running = instance_running(var)
    if running:
        pack_through_instance(var, days)
    else:
        pack_stopped(data, blobs, days)
    after = data.stat().st_size, tree_size(blobs)
    how = "by the running instance" if running else "(instance stopped)"
    print(f"Packed {var} {how}, keeping {days:g} days of history:")
    print(f"  database  Data.fs {rules.human_size(before[0])} -> {rules.human_size(after[0])}")
    print(f"  blobs     {rules.human_size(before[1])} -> {rules.human_size(after[1])}")


RELSTORAGE = """%import relstorage
<relstorage>
  pack-gc true
  keep-history true
  shared-blob-dir false
  blob-dir {blobs}
  <postgresql>
    dsn {dsn}
  </postgresql>
</relstorage>
"""


def state_size(url):
    """(revisions, bytes of object states, blob chunks) in the database."""
    import preflight

    connection = preflight.connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), coalesce(sum(state_size), 0) FROM object_state")
            revisions, size = cursor.fetchone()
            cursor.execute("SELECT count(*) FROM blob_chunk")
            return revisions, size, cursor.fetchone()[0]
    finally:
        connection.close()


def pack_postgresql(url, var, days):
    try:
        rules_url.parse(url)
    except rules_url.DatabaseURLError as error:
        raise Refused(str(error)) from None
    before = state_size(url)
    var = Path(var).resolve()
    cache = var / "blobcache-pack"  # zodbpack's own, beside the instances' blobcache
    cache.mkdir(parents=True, exist_ok=True)
    cache.chmod(0o700)
    with tempfile.NamedTemporaryFile("w", suffix=".conf", dir=var, delete=False) as conf:
        os.chmod(conf.name, 0o600)  # the DSN may hold a password
        conf.write(RELSTORAGE.format(blobs=cache, dsn=rules_url.zconfig_dsn(url)))
    try:
        done = subprocess.run([str(BIN / "zodbpack"), "-d", f"{days:g}", conf.name],
                              capture_output=True, text=True)
    finally:
        os.unlink(conf.name)
    if done.returncode:
        raise Refused(f"zodbpack could not pack {rules_url.mask(url)}: "
                      f"{(done.stderr.strip() or done.stdout.strip()).splitlines()[-1:]}")
    after = state_size(url)
    print(f"Packed {rules_url.mask(url)}, keeping {days:g} days of history:")
    print(f"  object revisions  {before[0]} -> {after[0]}  "
          f"({rules.human_size(before[1])} -> {rules.human_size(after[1])})")
    print(f"  blob chunks       {before[2]} -> {after[2]}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("var")
    parser.add_argument("--days", default="7")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)
    try:
        days = parse_days(args.days)
        url = args.database_url.strip()
        if url:
            pack_postgresql(url, args.var, days)
        else:
            pack_filestorage(args.var, days)
    except Refused as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
