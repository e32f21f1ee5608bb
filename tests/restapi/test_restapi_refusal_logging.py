"""Expected refusals are the contract, not failures: the event log keeps
them below ERROR and without tracebacks, so an administrator reading it
sees only what needs fixing (issue 17)."""

from domain_fixtures import make_agency
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_bodies import incoming_body

import logging
import pytest
import requests
import transaction

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json"}


@pytest.fixture
def site(server, server_url):
    make_agency(server["portal"])
    transaction.commit()
    return server_url


def refusals(site):
    """(what, response) for one refusal of each class."""
    book = f"{site}/sttt/den-2026"
    post = lambda url, body, **kw: requests.post(  # noqa: E731
        url, json=body, headers=JSON, auth=kw.pop("auth", AUTH), timeout=60, **kw)
    yield "field refused", post(book, incoming_body(secrecy="mat"))
    yield "malformed body", requests.post(book, data=b"{not json", auth=AUTH, timeout=60,
                                          headers={**JSON, "Content-Type": "application/json"})
    yield "bad batching", requests.get(f"{site}/@search", params={"b_size": "abc"},
                                       headers=JSON, auth=AUTH, timeout=60)
    yield "missing", requests.get(f"{site}/sttt/khong-co", headers=JSON, auth=AUTH, timeout=60)
    yield "anonymous", requests.get(book, headers=JSON, timeout=60)
    yield "wrong password", requests.get(book, headers=JSON, auth=("admin", "sai"), timeout=60)
    yield "workflow step refused", post(f"{site}/sttt/@workflow/khong-co", {})
    first = post(book, incoming_body(confirm_duplicate=True))
    assert first.status_code == 201, first.text
    yield "step not offered", post(f"{first.json()['@id']}/@workflow/issue", {})


def test_refusals_stay_below_error_without_tracebacks(site, caplog):
    caplog.set_level(logging.INFO)
    answered = []
    for what, response in refusals(site):
        assert 400 <= response.status_code < 500, (what, response.status_code, response.text)
        assert response.json()["message"], what
        answered.append(what)
    assert len(answered) == 8
    loud = [f"{r.name} {r.levelname}: {r.getMessage()[:120]}" for r in caplog.records
            if r.levelno >= logging.ERROR or r.exc_info]
    assert loud == []
