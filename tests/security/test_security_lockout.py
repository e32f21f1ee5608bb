"""Logins under attack (issue 14; Quy chế Điều 8.4): at most MAX_FAILURES
passwords of one account are checked in a window, however many guesses
arrive at once; a locked account reads why on the login form; the Zope
root's admin is throttled; `make run` keeps the default admin password on
this machine."""

from BTrees.OOBTree import OOBTree
from concurrent.futures import ThreadPoolExecutor
from nginx_proxy import BASE
from nginx_proxy import free_port
from nginx_proxy import nginx  # noqa: F401 (fixture)
from pathlib import Path
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.accounts import lockout
from qlvbdh_policy.accounts import login_records
from qlvbdh_policy.accounts import root_throttle as root_throttle_module
from qlvbdh_policy.rules import login_attempts
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from ZODB.FileStorage import FileStorage

import datetime
import json
import os
import persistent
import pytest
import requests
import signal
import socket
import subprocess
import sys
import threading
import time
import transaction
import ZODB

JSON = {"Accept": "application/json"}
LOCKED = "tạm khóa"  # MSG_LOCKED in Vietnamese
WRONG = "Sai tên đăng nhập hoặc mật khẩu."  # @login: a checked wrong password (REST envelope)


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url


def rest_login(site, login, password):
    answer = requests.post(f"{site}/@login", json={"login": login, "password": password},
                           headers=JSON, timeout=120)
    body = answer.json()  # the REST envelope (test_restapi_contract.py)
    assert "error" not in body, body
    return answer.status_code, body.get("message", "")


def burst(server, login, passwords, site="plone"):
    """POST @login with each password, all at the same instant: each on a
    connection opened beforehand, sent once every thread is ready, so the
    server's threads take them together (as an attacker's script would).
    Returns (status, message) for each."""
    body = [json.dumps({"login": login, "password": p}).encode() for p in passwords]
    sockets = [socket.create_connection((server["host"], server["port"]), timeout=120)
               for _ in passwords]
    ready = threading.Barrier(len(passwords))

    def send(i):
        request = (f"POST /{site}/@login HTTP/1.1\r\nHost: {server['host']}\r\n"
                   f"Accept: application/json\r\nContent-Type: application/json\r\n"
                   f"Content-Length: {len(body[i])}\r\nConnection: close\r\n\r\n"
                   ).encode() + body[i]
        ready.wait()
        with sockets[i] as s:
            s.sendall(request)
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        head, _, payload = answer.partition(b"\r\n\r\n")
        data = json.loads(payload)
        message = data.get("message", "")
        return int(head.split()[1]), message

    with ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        return list(pool.map(send, range(len(passwords))))


def test_parallel_wrong_passwords_check_at_most_five(site, server):
    """40 guesses at once on each of three accounts: a request not refused
    as locked had its password checked. Counted and written in the
    request's own snapshot, 8 to 18 were checked (each batch the server's
    threads took together saw no failure, and wrote back one)."""
    checked = {}
    for login in ("vta", "tpa", "cbb"):
        answers = burst(server, login, [f"sai-{i}" for i in range(40)])
        assert {status for status, _ in answers} == {401}
        assert all(m == WRONG or LOCKED in m for _, m in answers), answers
        checked[login] = sum(m == WRONG for _, m in answers)
    assert max(checked.values()) <= lockout.MAX_FAILURES, f"passwords checked: {checked}"
    for login in checked:  # locked: the right password is refused with the lock's message
        status, message = rest_login(site, login, PASSWORD)
        assert status == 401 and LOCKED in message
        answer = requests.get(f"{site}/@navigation", headers=JSON, auth=(login, PASSWORD),
                              timeout=60)
        assert answer.status_code == 401 and LOCKED in answer.json()["message"]


def lock(site, login):
    for i in range(lockout.MAX_FAILURES):
        assert rest_login(site, login, f"sai-{i}") == (401, WRONG)
    assert LOCKED in rest_login(site, login, PASSWORD)[1]


def form_login(session, url, login, password, headers=None):
    """Plone's login form as a person uses it: the page, then its form posted."""
    page = session.get(url, headers=headers, timeout=60)
    assert page.status_code == 200 and 'name="__ac_password"' in page.text
    return session.post(url, headers=headers, timeout=60, allow_redirects=False, data={
        "__ac_name": login, "__ac_password": password, "buttons.login": "Đăng nhập",
        "came_from": ""})


def test_a_locked_account_reads_why_on_the_login_form(site):
    lock(site, "vta")
    session = requests.Session()
    answer = form_login(session, f"{site}/login", "vta", PASSWORD)
    assert answer.status_code == 200 and "__ac" not in session.cookies
    text = answer.text
    assert "Tài khoản vta tạm khóa đến" in text, text[-3000:]
    assert "Login failed" not in text and "Đăng nhập không thành công" not in text
    # a wrong password on an open account still reads Plone's own message
    wrong = form_login(requests.Session(), f"{site}/login", "lda", "sai")
    assert "tạm khóa" not in wrong.text
    assert "Login failed" in wrong.text or "Đăng nhập không thành công" in wrong.text


def test_a_locked_account_reads_why_on_its_agencys_login_form(nginx, server_url):  # noqa: F811
    lock(server_url, "vta")
    host = f"sttt.{BASE}:{nginx}"
    session = requests.Session()
    answer = form_login(session, f"http://127.0.0.1:{nginx}/login", "vta", PASSWORD,
                        headers={"Host": host})
    assert answer.status_code == 200 and "__ac" not in session.cookies
    assert "Tài khoản vta tạm khóa đến" in answer.text, answer.text[-3000:]
    assert "Đăng nhập không thành công" not in answer.text
    assert f"http://{host}/login" in answer.text  # the agency's own form


@pytest.fixture
def root_throttle():
    return root_throttle_module  # cleared before and after each test (conftest)


@pytest.mark.parametrize("path, refused", [("/plone/login", 429), ("/manage_main", 401)])
def test_the_zope_roots_admin_is_throttled(server, root_throttle, clock, path, refused):
    """100 guesses from 8 clients at once, on a public page (the site's
    login form) and on the Zope root's management screen: once ROOT_MAX_FAILURES attempts were
    counted, the rest are refused before any password is checked (with
    Retry-After; 429 where the page is public, Zope's own 401 where it is
    not). Before, 471 guesses a second were checked."""
    url = f"http://{server['host']}:{server['port']}{path}"

    def guess(i):
        """status, Retry-After, message; the connection closed at once (the
        server's connection limit counts those a client keeps open)."""
        with requests.get(url, headers={**JSON, "Connection": "close"}, timeout=60,
                          auth=(SITE_OWNER_NAME, f"sai-{i}")) as answer:
            message = answer.json().get("message") if answer.status_code == 429 else None
            return answer.status_code, answer.headers.get("Retry-After"), message

    def right():  # the management screen: 200 only for the admin
        return requests.get(f"http://{server['host']}:{server['port']}/manage_main",
                            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=60)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(guess, range(100)))
    checked = [a for a in answers if a[1] is None]
    assert len(checked) <= root_throttle.ROOT_MAX_FAILURES, len(checked)
    throttled = [a for a in answers if a[1] is not None]
    assert {status for status, _, _ in throttled} == {refused}
    assert 0 < int(throttled[-1][1]) <= 60
    if refused == 429:
        assert "Quá nhiều lần nhập sai mật khẩu" in throttled[-1][2]
    # the right password waits for the end of the lock, then works and clears
    assert "Retry-After" in right().headers
    clock.set(clock() + root_throttle.FIRST_LOCK + datetime.timedelta(seconds=1))
    assert right().status_code == 200
    for i in range(root_throttle.ROOT_MAX_FAILURES - 1):
        assert guess(i)[1] is None
    assert right().status_code == 200


def test_the_roots_locks_double_up_to_a_quarter_of_an_hour(clock):
    throttle = root_throttle_module.Throttle(limit=3)
    now, key = clock(), ("admin", "203.0.113.9")
    lengths = []
    for _ in range(6):
        for _ in range(3):
            assert throttle.take(key, now) is None
        until = throttle.take(key, now)
        assert until is not None and throttle.take(("admin", "198.51.100.1"), now) is None
        lengths.append(until - now)
        now = until
    assert [m.total_seconds() / 60 for m in lengths] == [1, 2, 4, 8, 15, 15]
    throttle.right_password(key)
    assert throttle.take(key, now) is None


T0 = datetime.datetime(2026, 11, 27, 9, 0)
MIN = datetime.timedelta(minutes=1)


@pytest.mark.parametrize("minutes, attempts_left, locked", [
    ([0, 1, 2, 3], 4, False),            # four attempts: still open
    ([0, 1, 2, 3, 4], 0, True),          # the fifth locks, before its password is checked
    ([0, 0, 0, 0, 0], 0, True),          # at once: the same
    ([0, 2, 3, 4, 16], 4, False),        # the first is older than the window
    ([0, 1, 2, 3, 4, 20, 21], 2, False),  # a lock consumes its attempts
])
def test_attempt_rule(minutes, attempts_left, locked):
    record = None
    for m in minutes:
        now = T0 + m * MIN
        assert login_attempts.locked_until(record, now) is None
        record = login_attempts.after_attempt(record, now)
    assert len(record["attempts"]) == attempts_left
    assert (login_attempts.locked_until(record, T0 + minutes[-1] * MIN) is not None) == locked


def test_a_right_password_clears_and_records_the_login():
    record = None
    for m in range(4):
        record = login_attempts.after_attempt(record, T0 + m * MIN)
    cleared = login_attempts.after_right_password(record, T0 + 5 * MIN)
    assert cleared["attempts"] == [] and cleared["last_login"] == T0 + 5 * MIN
    refused = login_attempts.after_right_password({**record, "last_login": T0}, None)
    assert refused["attempts"] == [] and refused["last_login"] == T0  # e.g. disabled
    locked = login_attempts.after_attempt(record, T0 + 4 * MIN)
    assert login_attempts.locked_until(login_attempts.unlocked(locked), T0 + 5 * MIN) is None


class Owner(persistent.Persistent):
    def __init__(self):
        self._records = OOBTree()


def test_no_attempt_is_lost_between_threads_on_filestorage(tmp_path):
    """8 threads, each with its own connection, count 25 attempts each on
    one account and on one of their own, at once: every one is counted
    (a counter read in each request's snapshot lost most of them)."""
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root()["guard"] = Owner()
        oid = db.open().root()["guard"]._p_oid

        def count(writer):
            tm = transaction.TransactionManager()
            conn = db.open(transaction_manager=tm)
            owner = conn.get(oid)
            try:
                for i in range(25):
                    now = T0 + datetime.timedelta(seconds=i)
                    for key in ("shared", f"own-{writer}"):
                        login_records.change_committed(owner, key, lambda r: (
                            login_attempts.after_attempt(r, now, limit=10**6)))
            finally:
                conn.close()

        threads = [threading.Thread(target=count, args=(w,)) for w in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        db.close()
        db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
        with db.transaction() as conn:
            records = conn.root()["guard"]._records
            assert len(records["shared"].attempts) == 8 * 25
            assert [len(records[f"own-{w}"].attempts) for w in range(8)] == [25] * 8
    finally:
        db.close()


ROOT = Path(__file__).resolve().parents[2]


def preflight(host, password):
    env = {k: v for k, v in os.environ.items() if k != "ADMIN_PASSWORD"}
    if password is not None:
        env["ADMIN_PASSWORD"] = password
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "preflight.py"),
                           "admin-password", host], env=env, capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("host, password, refused", [
    ("0.0.0.0", "admin", True),
    ("0.0.0.0", None, True),           # the Makefile's default
    ("192.168.1.20", "admin", True),
    ("vpdtg.vn", "admin", True),
    ("::", "", True),
    ("127.0.0.1", "admin", False),
    ("127.0.1.1", "admin", False),
    ("::1", "admin", False),
    ("[::1]", "admin", False),
    ("localhost", "admin", False),
    ("vpdtg.localhost", "admin", False),
    ("0.0.0.0", "Sen-hong-2026", False),
])
def test_no_default_admin_password_beyond_loopback(host, password, refused):
    done = preflight(host, password)
    assert (done.returncode != 0) == refused, done.stderr
    if refused:
        message = done.stderr.strip()
        assert message.startswith("error: ") and "\n" not in message
        assert host in message and "ADMIN_PASSWORD=" in message


def test_make_run_refuses_before_anything_starts(tmp_path):
    """`make run` checks first (make stops at the first prerequisite that
    fails): read from make's plan, which runs nothing, then the check
    itself run by make."""
    # nor the variables of a `make test ADMIN_PASSWORD=…` this runs under
    env = {k: v for k, v in os.environ.items()
           if k not in ("ADMIN_PASSWORD", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    args = ["HOST=0.0.0.0", f"VENV={tmp_path / 'venv'}", f"VAR={tmp_path / 'var'}"]
    plan = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "-n", "run", *args],
                          env=env, capture_output=True, text=True, timeout=60)
    first = plan.stdout.splitlines()[0]
    assert first.endswith("scripts/preflight.py admin-password 0.0.0.0"), plan.stdout[:500]
    done = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "admin-password",
                           *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "the Zope admin password is the default 'admin'" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    """A real instance as `make run` makes it (its zope.conf and zope.ini:
    FileStorage, waitress with 4 threads), with the demo accounts."""
    var = tmp_path_factory.mktemp("lockout") / "var"
    port = free_port()
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "ADMIN_PASSWORD": "real-admin-2026", "TZ": "Asia/Ho_Chi_Minh",
           "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, str(ROOT / "instance" / "render.py"), str(var),
                    "127.0.0.1", str(port)], check=True, env=env, timeout=60)
    subprocess.run([str(bin_dir / "zconsole"), "run", str(var / "etc" / "zope.conf"),
                    str(ROOT / "scripts" / "setup_site.py"),
                    "--province", str(ROOT / "profiles" / "province"),
                    "--demo", str(ROOT / "profiles" / "demo")],
                   check=True, env=env, timeout=600, capture_output=True)
    server = subprocess.Popen([str(bin_dir / "runwsgi"), str(var / "etc" / "zope.ini")],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        for _ in range(240):
            try:
                requests.get(f"http://127.0.0.1:{port}/qlvbdh", timeout=60)
                break
            except requests.ConnectionError:
                time.sleep(0.5)
        yield {"host": "127.0.0.1", "port": port, "site": "qlvbdh"}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def test_parallel_wrong_passwords_on_a_real_instance(instance):
    """The same 40 guesses at once against a real instance (FileStorage,
    4 threads, the ZODB's own conflict detection)."""
    site = f"http://127.0.0.1:{instance['port']}/qlvbdh"
    checked = {}
    for login in ("vanthu", "lanhdao", "chuyenvien"):
        answers = burst(instance, login, [f"sai-{i}" for i in range(40)], site="qlvbdh")
        assert {status for status, _ in answers} == {401}
        assert all(m == WRONG or LOCKED in m for _, m in answers), answers
        checked[login] = sum(m == WRONG for _, m in answers)
    assert max(checked.values()) <= lockout.MAX_FAILURES, f"passwords checked: {checked}"
    status, message = rest_login(site, "vanthu", "demo-vanthu-2026")
    assert status == 401 and LOCKED in message
    assert rest_login(site, "giamsat", "demo-giamsat-2026")[0] == 200  # others log in


def test_the_zope_roots_admin_is_throttled_on_a_real_instance(instance):
    url = f"http://127.0.0.1:{instance['port']}/manage_main"

    def guess(password):
        with requests.get(url, auth=("admin", password), timeout=60,
                          headers={"Connection": "close"}) as answer:
            return answer.status_code, answer.headers.get("Retry-After")

    assert guess("real-admin-2026") == (200, None)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(guess, [f"sai-{i}" for i in range(60)]))
    assert sum(retry is None for _, retry in answers) <= root_throttle_module.ROOT_MAX_FAILURES
    assert {status for status, _ in answers} == {401}
    status, retry = guess("real-admin-2026")  # locked for this address, for a minute
    assert status == 401 and 0 < int(retry) <= 60


def test_behind_the_proxy_each_client_is_throttled_apart(instance):
    """make run's zope.conf trusts the proxy on 127.0.0.1 (nginx), so the
    throttle counts the client its X-Forwarded-For names, not the proxy:
    one client's guesses do not lock the administrator out for everyone."""
    url = f"http://127.0.0.1:{instance['port']}/manage_main"

    def guess(password, client):
        with requests.get(url, auth=("admin", password), timeout=60,
                          headers={"Connection": "close", "X-Forwarded-For": client}) as answer:
            return answer.status_code, answer.headers.get("Retry-After")

    guesser, other = "198.51.100.7", "203.0.113.9"  # documentation addresses, header only
    answers = [guess(f"sai-{i}", guesser) for i in range(root_throttle_module.ROOT_MAX_FAILURES + 2)]
    assert answers[-1][0] == 401 and answers[-1][1] is not None
    status, retry = guess("real-admin-2026", guesser)
    assert status == 401 and retry is not None
    assert guess("real-admin-2026", other) == (200, None)


def test_the_roots_bad_requests_do_not_lock_it_out(server, root_throttle):
    """Requests refused before any password is checked (a malformed REST
    body, refused as the site is entered) give their attempt back: an
    integrator's bad requests with the right password never throttle the
    administrator."""
    base = f"http://{server['host']}:{server['port']}/plone"
    for i in range(root_throttle.ROOT_MAX_FAILURES * 2):
        bad = requests.post(base, data=b"[1]", auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
                            headers={**JSON, "Content-Type": "application/json"}, timeout=60)
        assert bad.status_code == 400, bad.text
    good = requests.get(f"http://{server['host']}:{server['port']}/manage_main",
                        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=60)
    assert good.status_code == 200 and "Retry-After" not in good.headers


def test_an_attempt_given_back():
    from qlvbdh_policy.rules import login_attempts

    now = datetime.datetime(2026, 11, 30, 9, 0)
    minute = datetime.timedelta(minutes=1)
    record = {"attempts": [now - minute, now], "locked_until": None}
    assert login_attempts.without_attempt(record, now)["attempts"] == [now - minute]
    assert login_attempts.without_attempt(record, now - 5 * minute)["attempts"] == [now - minute, now]
