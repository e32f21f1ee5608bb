"""DATABASE_URL → RelStorage dsn (issue 15, Storage): plain unit tests."""

from qlvbdh_policy.rules import database_url

import psycopg2.extensions
import pytest


@pytest.mark.parametrize("url,keys", [
    ("postgresql://root@127.0.0.1:5432/qlvbdh",
     {"dbname": "qlvbdh", "user": "root", "host": "127.0.0.1", "port": "5432"}),
    ("postgres://u:p%40ss@db.tinh.vn/vpdt",
     {"dbname": "vpdt", "user": "u", "password": "p@ss", "host": "db.tinh.vn"}),
    ("postgresql:///local", {"dbname": "local"}),
    ("postgresql://u@h/d?sslmode=require",
     {"dbname": "d", "user": "u", "host": "h", "sslmode": "require"}),
])
def test_url_to_libpq_keywords(url, keys):
    assert database_url.parse(url) == keys


@pytest.mark.parametrize("url", [
    "postgresql://u:it's\\a$secret@h:5432/d",
    "postgresql://root@127.0.0.1:5432/qlvbdh",
])
def test_dsn_is_what_libpq_reads_back(url):
    """The dsn round-trips through libpq's own parser (psycopg2)."""
    keys = database_url.parse(url)
    assert psycopg2.extensions.parse_dsn(database_url.dsn(keys)) == keys


def test_zconfig_doubles_the_dollar():
    assert "pa$$ss" in database_url.zconfig_dsn("postgresql://u:pa$ss@h/d")


@pytest.mark.parametrize("url,words", [
    ("mysql://u@h/d", "'mysql' is not supported"),
    ("sqlite:///var/x.db", "'sqlite' is not supported"),
    ("127.0.0.1:5432/qlvbdh", "must be a PostgreSQL URL"),
    ("", "must be a PostgreSQL URL"),
    ("postgresql://u@h:5432/", "names no database"),
    ("postgresql://u:secret@h:port/d", "port that is not a number"),
])
def test_other_urls_are_refused_with_a_sentence(url, words):
    with pytest.raises(database_url.DatabaseURLError) as error:
        database_url.parse(url)
    assert words in str(error.value)
    assert "secret" not in str(error.value)


def test_mask_hides_the_password():
    assert database_url.mask("postgresql://u:secret@h/d") == "postgresql://u:***@h/d"
    assert database_url.mask("postgresql://u@h/d") == "postgresql://u@h/d"
