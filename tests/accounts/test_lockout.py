"""Lockout after repeated wrong passwords and the last login (Quy chế Điều
8.4), through the WSGI server: basic auth, the login form and REST @login."""

from clock import TEST_NOW
from plone.app.testing import SITE_OWNER_NAME
from qlvbdh_policy.accounts import lockout
from qlvbdh_policy.rules import login_attempts
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import pytest
import requests
import transaction

JSON = {"Accept": "application/json"}


def test_lock_rule():
    """Each attempt is counted before its password is checked (issue 14)."""
    now = TEST_NOW
    record = None
    for minute in range(4):
        record = login_attempts.after_attempt(record, now + datetime.timedelta(minutes=minute))
        assert lockout.locked_until(record, now + datetime.timedelta(minutes=minute)) is None
    # failures older than the window no longer count
    later = now + lockout.WINDOW + datetime.timedelta(minutes=1)
    assert len(login_attempts.after_attempt(record, later)["attempts"]) < lockout.MAX_FAILURES
    record = login_attempts.after_attempt(record, now + datetime.timedelta(minutes=4))
    until = lockout.locked_until(record, now + datetime.timedelta(minutes=4))
    assert until == now + datetime.timedelta(minutes=4) + lockout.LOCK
    assert lockout.locked_until(record, until + datetime.timedelta(seconds=1)) is None


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url


def status(url, user, password):
    return requests.get(url, headers=JSON, auth=(user, password), timeout=60).status_code


def test_five_wrong_passwords_lock_the_account(site, server, clock):
    url = f"{site}/sttt/den-2026"
    assert status(url, "vta", PASSWORD) == 200
    transaction.begin()
    guard = lockout.guard(server["portal"])
    assert guard.last_login("vta").date() == TEST_NOW.date()
    for _ in range(lockout.MAX_FAILURES):
        assert status(url, "vta", "sai-mat-khau") == 401
    # locked: the right password is refused too, in every way of logging in
    assert status(url, "vta", PASSWORD) == 401
    login = requests.post(f"{site}/@login", json={"login": "vta", "password": PASSWORD},
                          headers=JSON, timeout=60)
    assert login.status_code == 401
    assert "tạm khóa" in login.json()["message"]
    form = requests.post(f"{site}/login", data={"__ac_name": "vta", "__ac_password": PASSWORD,
                                                "buttons.login": "login"},
                         allow_redirects=False, timeout=60)
    assert "__ac" not in form.cookies
    # others are not affected; after the lock time the account opens again
    assert status(url, "lda", PASSWORD) == 200
    clock.set(TEST_NOW + lockout.LOCK + datetime.timedelta(minutes=1))
    assert status(url, "vta", PASSWORD) == 200


def test_root_admin_is_never_locked_out_of_the_site(site):
    for _ in range(lockout.MAX_FAILURES + 1):
        assert status(f"{site}/@controlpanels", SITE_OWNER_NAME, "wrong") == 401
    from plone.app.testing import SITE_OWNER_PASSWORD

    assert status(f"{site}/@controlpanels", SITE_OWNER_NAME, SITE_OWNER_PASSWORD) == 200
