"""Fixtures of the support tests: the province of routing_fixtures (two
agencies, one person per role) and two officers of the IT centre
(support_fixtures)."""

from support_fixtures import make_support_province

import pytest


@pytest.fixture
def province(portal):
    return make_support_province(portal)
