"""Fixtures of the oversight tests (issue 18): the province of
routing_fixtures on the test server (``site``), and the November of
``stats_fixtures`` with its known histories, in the site of a test
(``province``) or on the server (``november_site``)."""

from clock import TEST_NOW
from routing_fixtures import make_province
from stats_fixtures import november

import pytest
import transaction


@pytest.fixture
def province(portal, clock):
    """(sttt, ubndcb, {name: document}) through November 2026; today 27/11."""
    a, b, docs = november(portal, clock)
    clock.set(TEST_NOW)
    return a, b, docs


@pytest.fixture
def november_site(server, server_url, clock):
    """The same November on the server: (its address, the documents' addresses)."""
    a, b, docs = november(server["portal"], clock)
    clock.set(TEST_NOW)
    urls = [doc.absolute_url() for doc in docs.values()]
    transaction.commit()
    return server_url, urls


@pytest.fixture
def site(server, server_url):
    """The province of routing_fixtures on the server: its address."""
    make_province(server["portal"])
    transaction.commit()
    return server_url
