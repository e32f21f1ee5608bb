"""Deleting or renaming what documents use (issue 22): a state, a
transition, a workflow, a placeful policy. Refused with the count and the
agency, nothing changed; the same in a copy no document uses goes
through."""

from plone import api
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.workflow_guards.removal import DefinitionInUse
from routing_fixtures import make_province
from workflow_fixtures import in_flight

import pytest

STANDARD_WF = "qlvbdh_incoming_workflow"


@pytest.fixture
def flight(portal):
    a, _b = make_province(portal)
    docs = in_flight(portal, a)
    return a, docs


def refusal(excinfo):
    return in_vietnamese(excinfo.value.message())


def copy_workflow(wftool, source, new_id):
    """What the ZMI's Copy/Paste and rename do."""
    wftool.manage_pasteObjects(wftool.manage_copyObjects([source]))
    wftool.manage_renameObject(f"copy_of_{source}", new_id)
    return wftool[new_id]


def test_a_state_in_use_is_neither_deleted_nor_renamed(portal, flight):
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        wf = wftool[STANDARD_WF]
        with pytest.raises(DefinitionInUse) as deleted:
            wf.states.deleteStates(["submitted"])
        message = refusal(deleted)
        assert "Trình lãnh đạo" in message or "submitted" in message
        assert "1 văn bản" in message and "Sở Thông tin và Truyền thông" in message
        assert "@@workflow-policy" in message
        with pytest.raises(DefinitionInUse) as renamed:
            wf.states.manage_renameObject("assigned", "da_giao")
        assert "không bị đổi tên" in refusal(renamed)
        assert {"submitted", "assigned"} <= set(wf.states.objectIds())
        # a state no document stands in goes
        wf.states.addState("cho_y_kien")
        wf.states.deleteStates(["cho_y_kien"])
        assert "cho_y_kien" not in wf.states.objectIds()


def test_a_transition_leading_out_of_a_state_in_use_stays(portal, flight):
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        wf = wftool[STANDARD_WF]
        with pytest.raises(DefinitionInUse) as deleted:
            wf.transitions.deleteTransitions(["assign"])
        message = refusal(deleted)
        assert "(assign)" in message and "1 văn bản" in message
        assert "assign" in wf.transitions.objectIds()
        # the copy no agency uses changes freely
        copy = copy_workflow(wftool, STANDARD_WF, "ban_sao_den")
        copy.transitions.deleteTransitions(["assign"])
        copy.states.deleteStates(["submitted"])
        assert "assign" not in copy.transitions.objectIds()


def test_a_workflow_or_policy_in_use_stays(portal, flight):
    wftool = api.portal.get_tool("portal_workflow")
    ptool = api.portal.get_tool("portal_placeful_workflow")
    with api.env.adopt_roles(["Manager"]):
        with pytest.raises(DefinitionInUse) as workflow:
            wftool.manage_delObjects([STANDARD_WF])
        assert "5 văn bản" in refusal(workflow)
        with pytest.raises(DefinitionInUse) as policy:
            ptool.manage_delObjects(["qlvbdh_standard"])
        assert "không bị xóa" in refusal(policy)
        assert STANDARD_WF in wftool.objectIds()
        assert "qlvbdh_standard" in ptool.objectIds()
        ptool.manage_delObjects(["intranet"])  # no agency uses it
        assert "intranet" not in ptool.objectIds()
