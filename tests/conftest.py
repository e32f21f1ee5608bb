"""Fixtures: integration, functional and server (WSGI over HTTP) layers."""

from clock import Clock
from clock import TEST_NOW
from pathlib import Path
from pytest_plone import fixtures_factory
from qlvbdh_policy import timeutil
from qlvbdh_policy.accounts import root_throttle
from qlvbdh_policy.testing import QLVBDH_FUNCTIONAL_TESTING
from qlvbdh_policy.testing import QLVBDH_INTEGRATION_TESTING
from qlvbdh_policy.testing import QLVBDH_SERVER_TESTING

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"

globals().update(
    fixtures_factory(
        (
            (QLVBDH_INTEGRATION_TESTING, "integration"),
            (QLVBDH_FUNCTIONAL_TESTING, "functional"),
            (QLVBDH_SERVER_TESTING, "server"),
        )
    )
)


@pytest.fixture
def server_url(server):
    """Base URL of the WSGI server layer's Plone site."""
    host, port = server["host"], server["port"]
    return f"http://{host}:{port}/plone"


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def clock():
    running = Clock(TEST_NOW)
    timeutil.set_clock(running)
    yield running
    timeutil.set_clock(None)


@pytest.fixture(autouse=True)
def root_throttle_forgotten():
    """The Zope root's throttle lives in the process's memory, which the
    test server shares with every test: each test starts with no count."""
    root_throttle.THROTTLE.clear()
    yield
    root_throttle.THROTTLE.clear()
