"""Render the instance templates into VAR/etc (standard library only).

usage: python3 instance/render.py VAR HOST PORT [BASE_DOMAIN [MAX_BODY_MB [TRUSTED_PROXY]]]

The storage is FileStorage under VAR, or RelStorage on PostgreSQL when the
environment variable DATABASE_URL is set (issue 15): blobs live in the
database (`shared-blob-dir false`), each instance keeps a blob cache in
VAR/blobcache, so several instances on several machines share one database.
"""

from pathlib import Path

import os
import sys

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src" / "qlvbdh_policy" / "rules"))
import database_url  # noqa: E402 (the pure rule, without importing the package)

FILESTORAGE = """  <filestorage>
    path $VAR/filestorage/Data.fs
    blob-dir $VAR/blobstorage
  </filestorage>"""

# keep-history true: undo and the same history FileStorage keeps (make pack
# removes old revisions); the blob cache is this instance's copy of the
# files it served, bounded by blob-cache-size.
# random_page_cost 1.1 (PostgreSQL's default 4 is for spinning disks): with
# it, RelStorage's commit joins its few rows in temp_store to current_object
# through the primary key; with 4 the planner reads the whole of
# current_object twice on every commit (19 ms each at 54,000 objects on this
# machine, growing with the database; 0.3 ms with 1.1), see
# bench/bench_load.py. A DATABASE_URL with its own ?options= keeps its own.
RELSTORAGE = """  <relstorage>
    <postgresql>
      dsn @DSN@
    </postgresql>
    keep-history true
    shared-blob-dir false
    blob-dir $VAR/blobcache
    blob-cache-size 2gb
  </relstorage>"""


PLANNER_OPTIONS = "-c random_page_cost=1.1"


def storage(url):
    """(imports, storage section) of zope.conf for DATABASE_URL (or none)."""
    if not url:
        return "", FILESTORAGE
    dsn = database_url.zconfig_dsn(url)
    if "options" not in database_url.parse(url):
        dsn += " options=" + database_url.quote(PLANNER_OPTIONS)
    return "%import relstorage", RELSTORAGE.replace("@DSN@", dsn)


def render(var, host, port, base="vpdtg.localhost", max_body_mb=100,
           trusted_proxy="127.0.0.1", url=None):
    var = Path(var).resolve()
    if url is None:
        url = os.environ.get("DATABASE_URL", "")
    imports, section = storage(url)
    values = {
        "@VAR@": str(var),
        "@HOST@": host,
        "@PORT@": str(port),
        "@BASE_DOMAIN@": base,
        "@MAX_BODY_BYTES@": str(int(max_body_mb) * 1048576),
        "@TRUSTED_PROXIES@": "\n".join(f"trusted-proxy {address}"
                                       for address in trusted_proxy.replace(",", " ").split()),
        "@IMPORTS@": imports,
        "@STORAGE@": section,
    }
    for sub in ("etc", "log", "cache", "filestorage", "blobstorage", "blobcache"):
        (var / sub).mkdir(parents=True, exist_ok=True)
    (var / "blobstorage").chmod(0o700)
    (var / "blobcache").chmod(0o700)
    for name in ("zope.conf", "zope.ini"):
        text = (HERE / f"{name}.in").read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        (var / "etc" / name).write_text(text, encoding="utf-8")
    # Zope reads INSTANCE_HOME/etc/site.zcml
    site_zcml = (HERE / "site.zcml").read_text(encoding="utf-8")
    (var / "etc" / "site.zcml").write_text(site_zcml, encoding="utf-8")


if __name__ == "__main__":
    try:
        render(*sys.argv[1:7])
    except database_url.DatabaseURLError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
