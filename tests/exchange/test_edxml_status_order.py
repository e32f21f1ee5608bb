"""rules/edxml_status_order: 01 < 02|03 < 04 < 05 < 06; 15/16 outside. Pure."""

from qlvbdh_policy.rules.edxml_status_order import backwards

import pytest


@pytest.mark.parametrize("current, new, refused", [
    (None, "02", False), ("01", "03", False), ("03", "02", True), ("02", "03", True),
    ("03", "01", True), ("03", "03", False), ("05", "04", True), ("04", "06", False),
    ("06", "15", False), ("06", "16", False), ("01", "13", False)])
def test_order(current, new, refused):
    refusal = backwards(current, new)
    assert (refusal is not None) == refused
    if refusal:
        assert refusal.field == "StatusCode" and refusal.mapping == {
            "code": new, "current": current}
