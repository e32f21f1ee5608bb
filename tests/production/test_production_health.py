"""The health URL of an instance (issue 15, several instances; Quy chế
Điều 10.4): ``/@@health`` answers 200 without login on every host when the
instance can read its database, and 503 when it cannot; the generated
nginx configuration marks a failing instance down (passive checks).

Real things: a FileStorage whose storage is closed under the filter; a
rendered instance on the machine's PostgreSQL served by runwsgi, alone and
behind Debian's nginx with the generated configuration, whose database is
then closed to connections (ALLOW_CONNECTIONS false and its backends
terminated) and opened again."""

from nginx_proxy import free_port
from nginx_proxy import running_nginx
from qlvbdh_policy.agencies.hosts import AgencyHosts
from qlvbdh_policy.agencies.vhosting import nginx_config
from qlvbdh_policy.rules.health import is_health_path
from test_production_postgres import make_instance
from test_production_postgres import postgres  # noqa: F401 (fixture)
from test_production_postgres import Served

import json
import pytest
import requests
import time
import transaction
import ZODB
import ZODB.FileStorage

BASE = "vpdtg.localhost"  # render.py's default base domain


@pytest.mark.parametrize("path, expected", [
    ("/@@health", True),
    ("/@@health/", True),
    ("/VirtualHostBase/http/vpdtg.vn:80/qlvbdh/VirtualHostRoot/@@health", True),
    ("/VirtualHostBase/https/sttt.vpdtg.vn:443/qlvbdh/++agency++sttt/VirtualHostRoot/@@health",
     True),
    ("/qlvbdh/@@health", False),
    ("/VirtualHostBase/http/vpdtg.vn:80/qlvbdh/VirtualHostRoot/den-2026/@@health", False),
    ("/@@healthz", False),
    ("/health", False),
    ("", False),
    (None, False),
])
def test_health_path_rule(path, expected):
    assert is_health_path(path) is expected


def call(hosts, host, path):
    environ = {"HTTP_HOST": host, "PATH_INFO": path, "wsgi.url_scheme": "http",
               "SERVER_PORT": "8080", "REQUEST_METHOD": "GET"}
    answer = []
    body = b"".join(hosts(environ, lambda status, headers: answer.append((status, headers))))
    return answer[0][0], dict(answer[0][1]), body


def test_filter_reads_a_real_filestorage(tmp_path):
    """200 while the FileStorage can be read, 503 once its storage is
    closed; Zope itself is never called for the health URL."""
    from OFS.Application import Application
    from OFS.Folder import Folder

    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / "Data.fs")))
    connection = db.open()
    application = Application()
    connection.root()["Application"] = application
    application._setObject("qlvbdh", Folder("qlvbdh"))
    transaction.commit()
    connection.close()
    reached = []

    def zope(environ, start_response):
        reached.append(environ["PATH_INFO"])
        start_response("500 Internal Server Error", [])
        return [b""]

    hosts = AgencyHosts(zope, BASE, "qlvbdh", database=lambda: db)
    for host, path in [("127.0.0.1:8080", "/@@health"), (f"{BASE}:8080", "/@@health"),
                       (f"sttt.{BASE}:8080", "/@@health"), ("qlvbdh_zope",
                        "/VirtualHostBase/http/sttt.vpdtg.vn:80/qlvbdh/++agency++sttt/"
                        "VirtualHostRoot/@@health")]:
        status, headers, body = call(hosts, host, path)
        assert (status, json.loads(body)) == ("200 OK", {"status": "ok"}), host
        assert headers["Cache-Control"] == "no-store"
        assert headers["X-Content-Type-Options"] == "nosniff"
    assert reached == []
    # a site that is not there is not a healthy instance of it
    assert call(AgencyHosts(zope, BASE, "other", database=lambda: db),
                "127.0.0.1", "/@@health")[0].startswith("503")
    db.storage.close()
    status, _headers, body = call(hosts, f"sttt.{BASE}:8080", "/@@health")
    assert status == "503 Service Unavailable"
    assert json.loads(body) == {"status": "unavailable"}
    assert reached == []
    # no database at all (the instance is still starting)
    assert call(AgencyHosts(zope, BASE, database=lambda: None), "x", "/@@health")[0][:3] == "503"


def test_generated_upstreams_are_marked_down_on_failure():
    config = nginx_config("vpdtg.vn", "qlvbdh", "127.0.0.1:8081, 127.0.0.1:8082")
    assert "server 127.0.0.1:8081 max_fails=2 fail_timeout=10s;" in config
    assert "server 127.0.0.1:8082 max_fails=2 fail_timeout=10s;" in config
    assert config.count("proxy_next_upstream error timeout http_503;") == 2


def health(port, host, path="/@@health"):
    return requests.get(f"http://127.0.0.1:{port}{path}", headers={"Host": host}, timeout=60,
                        allow_redirects=False)


def set_connections(admin, name, allowed):
    with admin.cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))


def test_health_of_an_instance_on_postgresql(postgres, tmp_path):  # noqa: F811
    """Anonymous 200 on the instance's address, the base domain and an
    agency host, directly and through nginx; 503 (not 500, not a login
    page) while PostgreSQL refuses the instance; 200 again once it is back."""
    url = postgres["new_url"]()
    name = url.rsplit("/", 1)[1]
    var = tmp_path / "var"
    port = make_instance(var, url)
    proxy = free_port()
    config = nginx_config(BASE, "qlvbdh", f"127.0.0.1:{port}", listen=f"127.0.0.1:{proxy}")
    (tmp_path / "nginx").mkdir()
    with Served(var, url, port), running_nginx(tmp_path / "nginx", config, proxy):
        hosts = [f"127.0.0.1:{port}", f"{BASE}:{port}", f"sttt.{BASE}:{port}"]
        for target, host in [(port, h) for h in hosts] + [
                (proxy, f"{BASE}:{proxy}"), (proxy, f"sttt.{BASE}:{proxy}")]:
            answer = health(target, host)
            assert answer.status_code == 200, (host, answer.text[:500])
            assert answer.json() == {"status": "ok"}
            assert "Set-Cookie" not in answer.headers
        # the agency's pages themselves need a login: health is the exception
        assert health(port, f"sttt.{BASE}:{port}", "/den-2026").status_code in (302, 401)
        set_connections(postgres["admin"], name, False)
        try:
            for target, host in [(port, f"127.0.0.1:{port}"), (port, f"sttt.{BASE}:{port}"),
                                 (proxy, f"{BASE}:{proxy}"), (proxy, f"sttt.{BASE}:{proxy}")]:
                answer = health(target, host)
                assert answer.status_code == 503, (host, answer.text[:500])
                assert answer.json() == {"status": "unavailable"}
                assert name not in answer.text and "postgres" not in answer.text.lower()
        finally:
            set_connections(postgres["admin"], name, True)
        for _ in range(20):  # RelStorage reconnects on the next request
            if health(port, f"{BASE}:{port}").status_code == 200:
                break
            time.sleep(0.5)
        assert health(port, f"{BASE}:{port}").status_code == 200
        assert health(proxy, f"sttt.{BASE}:{proxy}").status_code == 200


def test_nginx_leaves_out_an_instance_that_cannot_read(postgres, tmp_path):  # noqa: F811
    """Two instances behind the generated configuration, each on its own
    database so that one can be cut alone: while A's database refuses it,
    every request through nginx is answered 200 by B (A's 503 passes the
    request on and marks A down); once A's database is back and the
    fail_timeout is over, A answers again: with B's database cut in turn,
    nginx is still 200 (A was taken back)."""
    instances = []
    for letter in "ab":
        url = postgres["new_url"]()
        var = tmp_path / letter
        instances.append((url, var, make_instance(var, url)))
    proxy = free_port()
    upstream = ",".join(f"127.0.0.1:{port}" for _url, _var, port in instances)
    config = nginx_config(BASE, "qlvbdh", upstream, listen=f"127.0.0.1:{proxy}")
    (tmp_path / "nginx").mkdir()
    (url_a, var_a, port_a), (url_b, var_b, port_b) = instances
    name_a, name_b = url_a.rsplit("/", 1)[1], url_b.rsplit("/", 1)[1]
    admin = postgres["admin"]
    with Served(var_a, url_a, port_a), Served(var_b, url_b, port_b), \
            running_nginx(tmp_path / "nginx", config, proxy):
        set_connections(admin, name_a, False)
        try:
            assert health(port_a, f"{BASE}:{port_a}").status_code == 503
            answers = [health(proxy, f"sttt.{BASE}:{proxy}").status_code for _ in range(12)]
            assert answers == [200] * 12
        finally:
            set_connections(admin, name_a, True)
        for _ in range(20):
            if health(port_a, f"{BASE}:{port_a}").status_code == 200:
                break
            time.sleep(0.5)
        time.sleep(11)  # the vhosting.FAIL_TIMEOUT of 10 s is over
        set_connections(admin, name_b, False)
        try:
            answers = [health(proxy, f"{BASE}:{proxy}").status_code for _ in range(12)]
            assert answers == [200] * 12
        finally:
            set_connections(admin, name_b, True)
