"""Render the instance templates into VAR/etc (standard library only).

usage: python3 instance/render.py VAR HOST PORT [BASE_DOMAIN [MAX_BODY_MB [TRUSTED_PROXY]]]
       python3 instance/render.py --read-only VAR

The storage is FileStorage under VAR, or RelStorage on PostgreSQL when the
environment variable DATABASE_URL is set (issue 15): blobs live in the
database (`shared-blob-dir false`), each instance keeps a blob cache in
VAR/blobcache, so several instances on several machines share one database.

`make cluster` (scripts/cluster.py) renders each of its instances into its
own HOME, VAR/cluster/<n>, with ``render(..., home=..., zeo=...)``: on
PostgreSQL each keeps its own blob cache there; on FileStorage the
instances are clients of one ZEO server that alone opens VAR's Data.fs and
blobs (``zeo``: the server's socket), reading the blob files directly.
While that server runs, VAR/etc/zope.conf is rendered as one more of its
clients, so that cron jobs and `make nginx-config` work beside the cluster
(and `make run` is refused by the lock check instead of opening Data.fs).
"""

from pathlib import Path

import os
import socket
import sys

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src" / "qlvbdh_policy" / "rules"))
import cors  # noqa: E402 (the pure rules, without importing the package)
import database_url  # noqa: E402

# pack-keep-old false: `make pack` frees the space (no Data.fs.old, no
# copy of the files it removes); the backups are the way back.
FILESTORAGE = """  <filestorage>
    path $VAR/filestorage/Data.fs
    blob-dir $VAR/blobstorage
    pack-keep-old false
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
    blob-dir $HOME/blobcache
    blob-cache-size 2gb
  </relstorage>"""

# one ZEO server on VAR's Data.fs, on this machine: the clients share its
# blob folder (shared-blob-dir) instead of downloading each file.
ZEOCLIENT = """  <zeoclient>
    server @ZEO@
    storage 1
    name zeo
    blob-dir $VAR/blobstorage
    shared-blob-dir true
    cache-size 128MB
  </zeoclient>"""


def zeo_socket(var):
    """Where `make cluster`'s ZEO server on VAR listens (scripts/cluster.py)."""
    return Path(var).resolve() / "cluster" / "zeo.sock"


def running_zeo(var):
    """The socket of the ZEO server of VAR when one answers on it, else None."""
    path = zeo_socket(var)
    if not path.exists():
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        try:
            s.connect(str(path))
        except OSError:
            return None
    return str(path)


PLANNER_OPTIONS = "-c random_page_cost=1.1"


def storage(url, zeo=None):
    """(imports, storage section) of zope.conf for DATABASE_URL (or none),
    or for a client of the ZEO server at ``zeo``."""
    if zeo:
        return "", ZEOCLIENT.replace("@ZEO@", str(zeo))
    if not url:
        return "", FILESTORAGE
    dsn = database_url.zconfig_dsn(url)
    if "options" not in database_url.parse(url):
        dsn += " options=" + database_url.quote(PLANNER_OPTIONS)
    return "%import relstorage", RELSTORAGE.replace("@DSN@", dsn)


def render(var, host, port, base="vpdtg.localhost", max_body_mb=100,
           trusted_proxy="127.0.0.1", url=None, home=None, zeo=None):
    """Write HOME/etc/zope.conf, zope.ini and site.zcml (HOME: VAR unless
    given, see the module's doc)."""
    # CORS_ORIGINS: the province's web apps allowed to call the REST API from
    # a browser (rules/cors.py); read first, so a refused value writes nothing
    cors_policy = cors.policy_zcml(cors.origins(os.environ.get("CORS_ORIGINS", "")))
    var = Path(var).resolve()
    home = Path(home).resolve() if home else var
    if url is None:
        url = os.environ.get("DATABASE_URL", "")
    if not url and zeo is None and home == var:
        zeo = running_zeo(var)
    imports, section = storage(url, zeo)
    values = {
        "@VAR@": str(var),
        "@HOME@": str(home),
        "@HOST@": host,
        "@PORT@": str(port),
        "@BASE_DOMAIN@": base,
        "@MAX_BODY_BYTES@": str(int(max_body_mb) * 1048576),
        "@TRUSTED_PROXIES@": "\n".join(f"trusted-proxy {address}"
                                       for address in trusted_proxy.replace(",", " ").split()),
        "@IMPORTS@": imports,
        "@STORAGE@": section,
    }
    for sub in ("filestorage", "blobstorage"):
        (var / sub).mkdir(parents=True, exist_ok=True)
    for sub in ("etc", "log", "cache", "blobcache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (var / "blobstorage").chmod(0o700)
    (home / "blobcache").chmod(0o700)
    for name in ("zope.conf", "zope.ini"):
        text = (HERE / f"{name}.in").read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        (home / "etc" / name).write_text(text, encoding="utf-8")
    # Zope reads INSTANCE_HOME/etc/site.zcml
    site_zcml = (HERE / "site.zcml").read_text(encoding="utf-8").replace(
        "@CORS_POLICY@", cors_policy)
    (home / "etc" / "site.zcml").write_text(site_zcml, encoding="utf-8")


def read_only(text):
    """zope.conf opening FileStorage read-only: a second process that only
    reads (make export-agency) beside a running instance. A read-only
    FileStorage takes no lock, stops at the last committed transaction
    (a transaction being written is not seen) and never truncates."""
    return text.replace("\n  </filestorage>", "\n    read-only true\n  </filestorage>")


def render_read_only(var):
    """VAR/etc/zope-readonly.conf from VAR/etc/zope.conf; its path."""
    etc = Path(var).resolve() / "etc"
    target = etc / "zope-readonly.conf"
    target.write_text(read_only((etc / "zope.conf").read_text(encoding="utf-8")),
                      encoding="utf-8")
    return target


if __name__ == "__main__":
    if sys.argv[1:2] == ["--read-only"]:
        print(render_read_only(sys.argv[2]))
        sys.exit(0)
    try:
        render(*sys.argv[1:7])
    except (database_url.DatabaseURLError, cors.OriginError) as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
