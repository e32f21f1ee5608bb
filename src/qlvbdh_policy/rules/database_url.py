"""DATABASE_URL → RelStorage's PostgreSQL dsn (issue 15, Storage).

`make run DATABASE_URL=postgresql://user[:password]@host[:port]/dbname`
puts the site on RelStorage/PostgreSQL (Quy chế Điều 8.4, 10.1: the
province's data in a database the IT centre backs up and shares between
instances). RelStorage's `<postgresql>` section takes a libpq key=value
dsn, and zope.conf is read by ZConfig, where `$` starts a substitution:
this module turns the URL into that dsn, quoted for both. Only PostgreSQL
is supported; any other scheme is refused with one sentence rather than
starting a site on a storage nobody tested.

Pure: no Zope import (render.py and preflight.py use it before Zope runs).
"""

from urllib.parse import parse_qsl
from urllib.parse import unquote
from urllib.parse import urlsplit

SCHEMES = ("postgresql", "postgres")


class DatabaseURLError(ValueError):
    """The DATABASE_URL cannot be used; str() is the sentence to print."""


def parse(url):
    """The URL's parts as a dict of libpq keywords (dbname, user, password,
    host, port and any ?key=value options such as sslmode)."""
    text = (url or "").strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in SCHEMES:
        shown = parts.scheme or text or "(empty)"
        raise DatabaseURLError(
            f"DATABASE_URL must be a PostgreSQL URL like "
            f"postgresql://user@127.0.0.1:5432/qlvbdh; {shown!r} is not supported "
            f"(only PostgreSQL through RelStorage is).")
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise DatabaseURLError(
            f"DATABASE_URL {mask(text)} names no database: write it as "
            f"postgresql://user@host:port/dbname.")
    try:
        port = parts.port
    except ValueError:
        raise DatabaseURLError(
            f"DATABASE_URL {mask(text)} has a port that is not a number.") from None
    keys = {"dbname": dbname}
    if parts.username:
        keys["user"] = unquote(parts.username)
    if parts.password:
        keys["password"] = unquote(parts.password)
    if parts.hostname:
        keys["host"] = unquote(parts.hostname)
    if port:
        keys["port"] = str(port)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        keys[key] = value
    return keys


def quote(value):
    """libpq quoting: single quotes, backslash before ' and \\."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def dsn(keys):
    """libpq key=value dsn of parse()'s keywords (psycopg2.connect(dsn))."""
    return " ".join(f"{key}={quote(value)}" for key, value in keys.items())


def zconfig_dsn(url):
    """The dsn as a zope.conf value: ZConfig reads `$` as a substitution,
    so a `$` in a password is written `$$`."""
    return dsn(parse(url)).replace("$", "$$")


def mask(url):
    """The URL with its password hidden, for messages and logs."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
