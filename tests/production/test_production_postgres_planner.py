"""The rendered RelStorage connection plans a commit's join through the
primary key (issue 15, bench/bench_load.py): with PostgreSQL's default
random_page_cost a commit read all of current_object twice.

Runs on the server's `postgres` database with temporary tables only (gone
with the connection). Without a reachable server the tests skip with the
reason, unless QLVBDH_REQUIRE_PG=1.
"""

from pathlib import Path

import os
import psycopg2
import pytest
import re
import sys

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "instance"))

import render  # noqa: E402

URL = "postgresql://root@127.0.0.1:5432/postgres"
OBJECTS = 54000  # the bench's site with 2,000 documents held about as many
# the statement RelStorage's lock_objects_and_detect_conflicts runs at each commit
LOCK = ("SELECT pg_advisory_xact_lock(current_object.zoid) FROM current_object "
        "INNER JOIN temp_store USING(zoid) WHERE temp_store.prev_tid <> 0 "
        "ORDER BY current_object.zoid")


def rendered_dsn(tmp_path, url):
    render.render(tmp_path / "var", "127.0.0.1", 8080, url=url)
    conf = (tmp_path / "var" / "etc" / "zope.conf").read_text(encoding="utf-8")
    return re.search(r"(?m)^\s*dsn (.*)$", conf).group(1).replace("$$", "$")


def connect(dsn):
    try:
        return psycopg2.connect(dsn, connect_timeout=5)
    except psycopg2.OperationalError as error:
        reason = f"PostgreSQL is not reachable at {URL}: {error}".strip()
        if os.environ.get("QLVBDH_REQUIRE_PG") == "1":
            pytest.fail(f"QLVBDH_REQUIRE_PG=1 but {reason}")
        pytest.skip(reason)


def test_commit_join_reads_current_object_by_its_key(tmp_path):
    connection = connect(rendered_dsn(tmp_path, URL))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW random_page_cost")
            assert cursor.fetchone()[0] == "1.1"
            cursor.execute("CREATE TEMPORARY TABLE current_object "
                           "(zoid BIGINT PRIMARY KEY, tid BIGINT NOT NULL)")
            cursor.execute("INSERT INTO current_object SELECT n, n FROM generate_series(1, %s) n",
                           (OBJECTS,))
            cursor.execute("ANALYZE current_object")
            cursor.execute("CREATE TEMPORARY TABLE temp_store (zoid BIGINT NOT NULL PRIMARY KEY, "
                           "prev_tid BIGINT NOT NULL, md5 CHAR(32), state BYTEA)")
            cursor.execute("INSERT INTO temp_store SELECT n * 900, n * 900, NULL, NULL "
                           "FROM generate_series(1, 60) n")
            cursor.execute("EXPLAIN " + LOCK)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "current_object_pkey" in plan, plan
        assert "Seq Scan on current_object" not in plan, plan
    finally:
        connection.close()


def test_a_url_with_its_own_options_keeps_them(tmp_path):
    dsn = rendered_dsn(tmp_path, URL + "?options=-c%20random_page_cost%3D2")
    assert dsn.count("options=") == 1
    connection = connect(dsn)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW random_page_cost")
            assert cursor.fetchone()[0] == "2"
    finally:
        connection.close()
