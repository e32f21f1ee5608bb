"""Move VAR's FileStorage site (Data.fs and its blobs) into PostgreSQL with
RelStorage's own zodbconvert (issue 15, Storage; Quy chế Điều 8.4, 10.1).

usage: DATABASE_URL=postgresql://user@host:port/dbname python scripts/migrate.py VAR

The target database is created when missing and must be empty: copying a
site over another would mix two sites' objects, so a non-empty target is
refused with one sentence. The FileStorage files are left untouched (they
are the way back). After it, `make run DATABASE_URL=...` serves the same
site from PostgreSQL without re-running the site step.
"""

from pathlib import Path

import os
import subprocess
import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))
import preflight  # noqa: E402

MOVED = preflight.MOVED

CONFIG = """%import relstorage
<filestorage source>
  path {data}
  blob-dir {blobs}
  read-only true
</filestorage>
<relstorage destination>
  <postgresql>
    dsn {dsn}
  </postgresql>
  keep-history true
  shared-blob-dir false
  blob-dir {cache}
</relstorage>
"""


def migrate(var):
    var = Path(var).resolve()
    url = preflight.postgres_url()
    if not url:
        preflight.fail("give the target database: `make migrate DATABASE_URL="
                       "postgresql://user@host:port/dbname`.")
    data = var / "filestorage" / "Data.fs"
    if not data.exists():
        preflight.fail(f"there is no FileStorage site to migrate in {var} "
                       f"({data} does not exist).")
    preflight.check_lock_filestorage(var)
    preflight.check_database()
    objects = preflight.database_objects(url)
    if objects != 0:
        held = "other tables" if objects is None else f"{objects} ZODB objects"
        preflight.fail(
            f"the target database {preflight.database_url.mask(url)} is not empty "
            f"(it holds {held}): migrate only into a new or empty database, so choose "
            f"another name in DATABASE_URL or drop that database first.")
    (var / "blobcache").mkdir(mode=0o700, exist_ok=True)
    config = var / "etc" / "zodbconvert.conf"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(CONFIG.format(
        data=data, blobs=var / "blobstorage", cache=var / "blobcache",
        dsn=preflight.database_url.zconfig_dsn(url)), encoding="utf-8")
    config.chmod(0o600)  # it holds the dsn, maybe with a password
    zodbconvert = Path(sys.executable).parent / "zodbconvert"
    done = subprocess.run([str(zodbconvert), str(config)])
    if done.returncode:
        preflight.fail(f"zodbconvert failed (exit {done.returncode}); the target "
                       "database may hold part of the site: drop it before trying again.")
    # the FileStorage copy is now stale: `make run` without DATABASE_URL
    # must not serve it as if it were the site (preflight.py database)
    (var / MOVED).write_text(preflight.database_url.mask(url) + "\n", encoding="utf-8")
    # the site step ran on this data: record it for the database too
    stamp = var / "site.stamp"
    os.environ.pop("DATABASE_URL")
    filestorage_print = preflight.site_fingerprint()
    os.environ["DATABASE_URL"] = url
    if stamp.exists() and stamp.read_text().strip() == filestorage_print:
        stamp.write_text(preflight.site_fingerprint() + "\n")
    print(f"Migrated {data} and its blobs into {preflight.database_url.mask(url)}; "
          f"serve it with `make run DATABASE_URL=...` (the FileStorage files are kept).")


if __name__ == "__main__":
    migrate(*sys.argv[1:2])
