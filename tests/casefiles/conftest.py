"""Fixtures of the case-file tests: the province of routing_fixtures (two
agencies, one person per role), the file plan of 2026 kept by the clerk."""

from plone.app.testing import login
from qlvbdh_policy.casefiles import plans
from routing_fixtures import make_province

import pytest

ENTRIES = [
    {"code": "01.VP", "title": "Hồ sơ về chuyển đổi số năm 2026", "retention": "10",
     "department": "vp", "responsible": "xla"},
    {"code": "2.vp", "title": "Hồ sơ hội nghị tổng kết năm 2026", "retention": "permanent",
     "department": "vp", "responsible": "pha", "notes": "Lãnh đạo chủ trì"},
]


@pytest.fixture
def province(portal):
    return make_province(portal)


@pytest.fixture
def plan(portal, province):
    """Danh mục hồ sơ 2026 of sttt, made by its clerk."""
    a, _b = province
    login(portal, "vta")
    plan = plans.ensure_plan(a, 2026)
    plans.add_entries(plan, ENTRIES)
    return plan
