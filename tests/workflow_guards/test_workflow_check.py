"""The check page's findings (issue 22): in flight, nothing is stuck; a
document whose handler was taken away, or one in a state whose only step
needs a role no one in the agency holds, is found, with its state and the
reason; a state that names no one to wait on it is listed."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from Products.CMFCore.indexing import processQueue
from qlvbdh_policy.workflow_guards.check import check
from qlvbdh_policy.workflows import meanings
from rest_client import call
from rest_client import ok
from routing_fixtures import make_province
from workflow_fixtures import in_flight

import pytest
import transaction

WF = "qlvbdh_incoming_workflow"


@pytest.fixture
def flight(portal):
    a, _b = make_province(portal)
    return a, in_flight(portal, a)


def add_waiting_state(wf, state_id, waiting_for, exit_role):
    """A state added as in the ZMI: its variables, one step out guarded by
    ``exit_role``."""
    wf.states.addState(state_id)
    state = wf.states[state_id]
    state.setProperties(title="Chờ phó giám đốc cho ý kiến", transitions=(f"{state_id}_xong",))
    state.var_values = {"waiting_for": waiting_for, "phase": "in_hand", "task": "opinion"}
    wf.transitions.addTransition(f"{state_id}_xong")
    wf.transitions[f"{state_id}_xong"].setProperties(
        title="Cho ý kiến", new_state_id="assigned", props={"guard_roles": exit_role})
    meanings.forget()


def test_in_flight_nothing_is_stuck_then_what_breaks_is_found(portal, flight):
    a, docs = flight
    assert check(a)["stuck_count"] == 0
    with api.env.adopt_roles(["Manager"]):
        docs["assigned"].manage_delLocalRoles(["xla"])  # the handler taken away
        wf = api.portal.get_tool("portal_workflow")[WF]
        add_waiting_state(wf, "cho_y_kien", "role:DeputyLeader", "DeputyLeader")
        add_waiting_state(wf, "treo", "nobody", "Leader")
        doc = docs["submitted"]
        history = list(doc.workflow_history[WF])
        history.append(dict(history[-1], review_state="cho_y_kien", action=None))
        doc.workflow_history[WF] = tuple(history)
        doc.reindexObject(idxs=["review_state"])
    processQueue()
    found = check(a)["agencies"][0]
    stuck = {d["title"]: d for d in found["stuck"]}
    assert set(stuck) == {"Văn bản assigned", "Văn bản submitted"}
    assert stuck["Văn bản submitted"]["state_title"] == "Chờ phó giám đốc cho ý kiến"
    assert "Cho ý kiến" in stuck["Văn bản submitted"]["reason"]  # the deputies' group is empty
    assert stuck["Văn bản assigned"]["state"] == "assigned"
    assert [(s["state"], s["count"]) for s in found["unwaited_states"]] == [("treo", 0)]
    # a deputy named: the state has someone to leave it
    with api.env.adopt_roles(["Manager"]):
        api.group.add_user(groupname="sttt-deputies", username="lda")
    assert {d["title"] for d in check(a)["agencies"][0]["stuck"]} == {"Văn bản assigned"}


def test_the_page_and_the_service(server, server_url):
    portal = server["portal"]
    a, _b = make_province(portal)
    in_flight(portal, a)
    transaction.commit()
    for where in ("", "/sttt"):
        answer = ok(call("GET", f"{server_url}{where}/@workflow-check", SITE_OWNER_NAME))
        assert answer["stuck_count"] == 0
        ids = {x["agency"]["id"] for x in answer["agencies"]}
        assert ids == ({"sttt"} if where else {"sttt", "ubndcb"})
        page = call("GET", f"{server_url}{where}/@@kiem-tra-quy-trinh", SITE_OWNER_NAME,
                    headers={"Accept": "text/html"})
        assert page.status_code == 200 and "Kiểm tra quy trình" in page.text
        assert "Không phát hiện vấn đề." in page.text
    denied = call("GET", f"{server_url}/sttt/@workflow-check", "vta")
    assert denied.status_code in (401, 403)
