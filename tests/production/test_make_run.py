"""`make run` end to end on a fresh data folder, and its clear refusals.

These start real processes (zconsole, the WSGI server) through the Makefile,
as a new user would; they reuse the project's .venv.
"""

from pathlib import Path
from qlvbdh_policy.timeutil import vietnam_today

import os
import pytest
import re
import requests
import signal
import socket
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parents[2]
# the virtualenv the tests run in; ``-o VENV/.installed``: no install step runs
VENV = Path(sys.executable).parent.parent
NO_INSTALL = ["-o", f"{VENV}/.installed", f"VENV={VENV}"]
pytestmark = pytest.mark.slow


_ports = iter(range(int(os.environ.get("TEST_PORT_BASE") or 0), 65536))


def free_port():
    """A free port; ``TEST_PORT_BASE`` and the ports after it instead, on a
    machine where each user of it has a range of ports."""
    if os.environ.get("TEST_PORT_BASE"):
        return next(_ports)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make(*args, env=None, timeout=600):
    if not any(a.startswith("VENV=") for a in args):  # the install tests name their own
        args = (*NO_INSTALL, *args)
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def wait_for(url, timeout=120, **kw):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            return requests.get(url, timeout=120, **kw)
        except requests.ConnectionError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {timeout}s")


APP_ORIGIN = "https://app.tiengiang.gov.vn"  # the province's web app (CORS_ORIGINS)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """`make run` on a fresh VAR, serving in the background."""
    var = tmp_path_factory.mktemp("var")
    port = free_port()
    env = {"ADMIN_PASSWORD": "s3cret-admin", "CORS_ORIGINS": APP_ORIGIN}
    args = [f"VAR={var}", f"PORT={port}"]
    proc = subprocess.Popen(
        ["make", "--no-print-directory", *NO_INSTALL, "run", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **env},
        start_new_session=True,
    )
    try:
        r = wait_for(f"http://127.0.0.1:{port}/qlvbdh", timeout=300)
        yield {"var": var, "port": port, "args": args, "env": env, "first": r, "proc": proc}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
        print(out)


def test_serves_vietnamese_site(deployment):
    r = deployment["first"]
    assert r.status_code == 200
    assert 'lang="vi"' in r.text
    assert "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang" in r.text


def test_admin_password_from_environment(deployment):
    url = f"http://127.0.0.1:{deployment['port']}/manage_main"
    assert requests.get(url, auth=("admin", "s3cret-admin"), timeout=10).status_code == 200
    assert requests.get(url, auth=("admin", "admin"), timeout=10).status_code == 401


def test_demo_user_can_log_in(deployment):
    url = f"http://127.0.0.1:{deployment['port']}/qlvbdh/@login"
    r = requests.post(
        url,
        json={"login": "vanthu", "password": "demo-vanthu-2026"},
        headers={"Accept": "application/json"},
        timeout=10,
    )
    assert r.status_code == 200, r.text


def test_files_uploaded_before_their_registration(deployment):
    """On a real instance, where plone.protect's automatic CSRF check runs
    (the test server layer leaves it out): each upload is kept and the
    registration naming it stores the file (issue 14). Unprotected, the
    second upload answered 201 and was rolled back."""
    register = f"http://127.0.0.1:{deployment['port']}/qlvbdh/sttt/den-{vietnam_today().year}"
    auth = ("vanthu", "demo-vanthu-2026")
    for number in ("12", "13"):
        data = b"%PDF-1.4\n" + os.urandom(200_000)
        r = requests.post(f"{register}/@upload", data=data, auth=auth, timeout=60, headers={
            "Accept": "application/json", "Content-Type": "application/pdf",
            "Content-Disposition": "attachment; filename=ke-hoach.pdf"})
        assert r.status_code == 201, r.text
        r = requests.post(register, auth=auth, timeout=60, headers={"Accept": "application/json"},
                          json={"@type": "IncomingDocument", "title": f"Kế hoạch số {number}",
                                "sender_name": "Sở Nội vụ", "code_number": number,
                                "code_notation": "KH-SNV", "doc_type": "ke_hoach",
                                "doc_date": vietnam_today().isoformat(),
                                "file": {"upload": r.json()["upload"]}})
        assert r.status_code == 201, r.text
        download = requests.get(r.json()["file"]["download"], auth=auth, timeout=60)
        assert download.content == data


def test_the_provinces_web_app_may_call_the_api_from_a_browser(deployment):
    """CORS_ORIGINS at `make run`: plone.rest's policy answers the browser's
    preflight for that origin only, with credentials."""
    import requests

    url = f"http://127.0.0.1:{deployment['port']}/qlvbdh/@search"
    preflight = {"Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "Authorization"}
    allowed = requests.options(url, headers={**preflight, "Origin": APP_ORIGIN}, timeout=30)
    assert allowed.headers.get("Access-Control-Allow-Origin") == APP_ORIGIN
    assert allowed.headers.get("Access-Control-Allow-Credentials") == "true"
    assert "GET" in allowed.headers.get("Access-Control-Allow-Methods", "")
    other = requests.options(url, headers={**preflight, "Origin": "https://evil.example"},
                             timeout=30)
    assert "Access-Control-Allow-Origin" not in other.headers
    answer = requests.get(url, headers={"Accept": "application/json", "Origin": APP_ORIGIN},
                          auth=("admin", deployment["env"]["ADMIN_PASSWORD"]), timeout=30)
    assert answer.status_code == 200
    assert answer.headers.get("Access-Control-Allow-Origin") == APP_ORIGIN


def test_agency_hosts_without_a_proxy(deployment):
    """http://sttt.vpdtg.localhost:PORT/ is the agency's own root (*.localhost
    is this machine; the Host header stands in for the name here)."""
    port = deployment["port"]
    base = f"http://127.0.0.1:{port}"
    host = f"sttt.vpdtg.localhost:{port}"
    auth = ("vanthu", "demo-vanthu-2026")
    json = {"Accept": "application/json"}
    agency = requests.get(f"{base}/", headers={"Host": host, **json}, auth=auth, timeout=30)
    assert agency.json()["@id"] == f"http://{host}"
    login = requests.get(f"{base}/login", headers={"Host": host}, timeout=30)
    assert login.status_code == 200 and f"http://{host}/login" in login.text
    # a new user's first visit: the agency's address leads an anonymous
    # visitor to its branded login page, with the page's styles (issue 16)
    # (a browser resolves *.localhost to this machine; requests does not:
    # the redirects are followed by hand, with the Host header)
    url, hops = "/", []
    for _ in range(5):
        visit = requests.get(f"{base}{url}", headers={"Host": host}, timeout=30,
                             allow_redirects=False)
        if visit.status_code not in (301, 302, 303, 307):
            break
        location = visit.headers["Location"]
        assert location.startswith(f"http://{host}/"), location  # stays on the agency's host
        url = location.removeprefix(f"http://{host}")
        hops.append(url)
    assert hops and hops[-1].startswith("/login"), hops
    page = visit.text
    assert visit.status_code == 200 and 'lang="vi"' in page
    brand = page.split('id="portal-logo"', 1)[1].split("</a>", 1)[0]
    assert 'id="portal-logo-wrapper"' in page  # drawn by the theme, as for staff
    assert "qlvbdh-brand" in page and "<svg" in brand  # the province's emblem
    assert "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang" in brand
    assert "Sở Thông tin và Truyền thông" in brand  # the agency of the host
    assert 'id="__ac_name"' in page and "Đăng nhập" in page
    assert "Powered by Plone" not in page and "Trouble logging in" not in page
    styles = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="http://' + re.escape(host)
                        + r'(/[^"]+\.css)"', page)
    styles += re.findall(r'<link[^>]+href="http://' + re.escape(host)
                         + r'(/[^"]+\.css)"[^>]+rel="stylesheet"', page)
    assert any("++theme++" in s or "++webresource++" in s for s in styles), styles
    for path in styles:
        css = requests.get(f"{base}{path}", headers={"Host": host}, timeout=30)
        assert css.status_code == 200 and "text/css" in css.headers["Content-Type"], path
    portal = requests.get(f"{base}/", headers={"Host": f"vpdtg.localhost:{port}", **json},
                          timeout=30)
    assert portal.json()["@id"] == f"http://vpdtg.localhost:{port}"
    assert requests.get(f"{base}/", headers={"Host": f"khong-co.vpdtg.localhost:{port}"},
                        timeout=30).status_code == 404
    assert requests.get(f"{base}/", headers={"Host": f"nope.vpdtg.localhost:{port}"},
                        timeout=30).status_code == 404


def test_port_in_use_is_refused_clearly(deployment):
    r = make("serve", *deployment["args"], env=deployment["env"])
    assert r.returncode != 0
    assert f"port {deployment['port']} on 127.0.0.1 is already in use" in r.stderr
    assert "Traceback" not in r.stderr


def test_running_instance_holds_the_data(deployment):
    other_port = str(free_port())
    r = make("run", f"VAR={deployment['var']}", f"PORT={other_port}", env=deployment["env"])
    assert r.returncode != 0
    assert "another process is using the database" in r.stderr
    assert "Traceback" not in r.stderr


def test_incompatible_var_is_refused(tmp_path):
    (tmp_path / "FORMAT").write_text("qlvbdh-var 0; ZODB 5; Plone 5.2\n")
    r = make("instance", f"VAR={tmp_path}")
    assert r.returncode != 0
    assert "was written by an incompatible version" in r.stderr
    assert "make reset" in r.stderr
    assert not (tmp_path / "etc").exists()


def test_foreign_data_fs_is_refused(tmp_path):
    (tmp_path / "filestorage").mkdir()
    (tmp_path / "filestorage" / "Data.fs").write_bytes(b"FS21")
    r = make("instance", f"VAR={tmp_path}")
    assert r.returncode != 0
    assert "was not written by qlvbdh_policy" in r.stderr


def test_missing_python_is_explained(tmp_path):
    r = make("install", f"VENV={tmp_path}/venv", "PYTHON=python3-that-does-not-exist")
    assert r.returncode != 0
    assert "'python3-that-does-not-exist' not found" in r.stderr
    assert "apt-get install python3 python3-venv" in r.stderr


def test_old_python_is_explained(tmp_path):
    fake = tmp_path / "python3"
    fake.write_text(f"#!/bin/sh\nexec {sys.executable} -c 'import sys; sys.version_info = (3, 8, 0); sys.argv = sys.argv[1:]; import runpy; runpy.run_path(sys.argv[0], run_name=\"__main__\")' \"$@\"\n")
    fake.chmod(0o755)
    r = make("install", f"VENV={tmp_path}/venv", f"PYTHON={fake}")
    assert r.returncode != 0
    assert "needs Python 3.11" in r.stderr


def test_province_and_demo_loaded(deployment):
    base = f"http://127.0.0.1:{deployment['port']}/qlvbdh"
    r = requests.get(f"{base}/@search?portal_type=Agency&b_size=100",
                     headers={"Accept": "application/json"},
                     auth=("admin", "s3cret-admin"), timeout=30)
    assert r.json()["items_total"] == 30
    r = requests.get(f"{base}/sttt", headers={"Accept": "application/json"},
                     auth=("vanthu", "demo-vanthu-2026"), timeout=30)
    assert r.status_code == 200
    assert r.json()["title"] == "Sở Thông tin và Truyền thông"


def test_second_site_step_reuses_data(deployment, tmp_path):
    """With the server stopped, the site step is skipped: data is reused."""
    os.killpg(deployment["proc"].pid, signal.SIGTERM)
    deployment["proc"].wait(timeout=60)
    started = time.time()
    r = make("site", *deployment["args"], env=deployment["env"])
    assert r.returncode == 0, r.stderr
    assert "Site is up to date" in r.stdout
    assert time.time() - started < 20

