"""Fixtures of the comments on drafts (issue 20): the province of
routing_fixtures (sttt and ubndcb, one person per role) and a draft of
sttt's office, drafted by xla, with its file and an attachment."""

from consultation_fixtures import make_draft
from routing_fixtures import make_province

import pytest


@pytest.fixture
def province(portal):
    return make_province(portal)


@pytest.fixture
def draft(portal, province):
    return make_draft(portal)
