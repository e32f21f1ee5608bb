"""One JSON client for the tests that call a running site's REST API as a
person would: JSON both ways, basic auth with the test accounts' passwords,
a timeout. ``caller(user)`` gives a module its default account."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from routing_fixtures import PASSWORD

import requests

JSON = {"Accept": "application/json"}


def credentials(user, password=None):
    """(user, password) for basic auth; None for nobody (anonymous)."""
    if user is None:
        return None
    if password is None:
        password = SITE_OWNER_PASSWORD if user == SITE_OWNER_NAME else PASSWORD
    return (user, password)


def caller(default_user=None):
    """``call(method, url, user, body, password, **requests options)``."""

    def call(method, url, user=default_user, body=None, password=None, **kw):
        body = kw.pop("json", body)
        headers = {**JSON, **kw.pop("headers", {})}
        kw.setdefault("timeout", 60)
        return requests.request(method, url, json=body, headers=headers,
                                auth=credentials(user, password), **kw)

    return call


call = caller()


def ok(response, status=200):
    """The JSON of an answer of ``status``."""
    assert response.status_code == status, response.text
    return response.json()


def refused(response, status, field=None):
    """The JSON of a refusal of ``status`` in the project's envelope (no
    plone.restapi ``error`` wrapper, no traceback), naming ``field``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] and body["message"], body
    assert "traceback" not in body and "error" not in body
    if field is not None:
        assert body["errors"][0]["field"] == field, body
    return body
