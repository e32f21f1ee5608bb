"""The site over HTTP, through a real WSGI server."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import requests


def test_home_page_is_vietnamese(server_url):
    r = requests.get(server_url, timeout=30)
    assert r.status_code == 200
    assert 'lang="vi"' in r.text
    assert "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang" in r.text
    assert "Đăng nhập" in r.text  # the login link, translated


def test_restapi_answers_json(server_url):
    r = requests.get(
        server_url,
        headers={"Accept": "application/json"},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=30,
    )
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["@id"] == server_url
    assert body["title"] == "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang"


def test_restapi_login_gives_token(server_url):
    r = requests.post(
        server_url + "/@login",
        json={"login": SITE_OWNER_NAME, "password": SITE_OWNER_PASSWORD},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert r.status_code == 200
    assert r.json()["token"]


def test_restapi_wrong_password_is_401(server_url):
    r = requests.post(
        server_url + "/@login",
        json={"login": SITE_OWNER_NAME, "password": "wrong"},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert r.status_code == 401
