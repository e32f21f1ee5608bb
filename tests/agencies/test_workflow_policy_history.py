"""A switch of the agency's workflow policy in the documents' workflow
history (issue 22): REST ``@workflow`` and ``@history`` name the entry
"Chuyển quy trình xử lý" (action ``switch_policy``), as the page's trail
does, not "Tạo mới" (the creation)."""

from plone.app.testing import SITE_OWNER_NAME
from rest_client import call
from rest_client import ok
from routing_fixtures import make_province
from workflow_fixtures import in_flight

import transaction


def test_the_switch_is_its_own_entry_of_the_workflow_history(server, server_url):
    portal = server["portal"]
    a, _b = make_province(portal)
    doc = in_flight(portal, a)["assigned"].absolute_url()
    transaction.commit()
    ok(call("POST", f"{server_url}/sttt/@workflow-policy", SITE_OWNER_NAME,
            {"policy": "qlvbdh_simple", "mapping": {"submitted": "registered"}}))
    history = ok(call("GET", f"{doc}/@workflow", SITE_OWNER_NAME))["history"]
    switch = history[-1]
    assert switch["action"] == "switch_policy"
    assert switch["transition_title"] == "Chuyển quy trình xử lý"
    assert switch["review_state"] == "assigned"
    assert "Cơ quan: lãnh đạo chỉ đạo → Cơ quan nhỏ: văn thư phân công" in switch["comments"]
    assert "Tạo mới" not in [e["transition_title"] for e in history]
    entries = ok(call("GET", f"{doc}/@history", SITE_OWNER_NAME))
    titles = [e["transition_title"] for e in entries if e.get("action") == "switch_policy"]
    assert titles == ["Chuyển quy trình xử lý"]

    # and back: the entry closes the history of the first workflow, after its steps
    ok(call("POST", f"{server_url}/sttt/@workflow-policy", SITE_OWNER_NAME,
            {"policy": "qlvbdh_standard"}))
    history = ok(call("GET", f"{doc}/@workflow", SITE_OWNER_NAME))["history"]
    titles = [e["transition_title"] for e in history]
    assert titles.count("Tạo mới") == 1 and titles[-1] == "Chuyển quy trình xử lý", titles
    assert history[-1]["action"] == "switch_policy"
