"""The guards' refusals when many agencies use what is changed (issue 22):
deleting a state that documents of thirty agencies stand in, or a policy
thirty agencies use, names three of them, counts the rest and keeps the
guidance to the agency's page whole, with the workflow's and the policy's
Vietnamese titles."""

from domain_fixtures import incoming
from domain_fixtures import make_agency
from plone import api
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.workflow_guards.removal import DefinitionInUse

import pytest


@pytest.fixture
def thirty(portal):
    with api.env.adopt_roles(["Manager"]):
        for number in range(30):
            agency = make_agency(portal, abbr=f"cq{number:02d}", notation=f"CQ{number:02d}",
                                 title=f"Ủy ban nhân dân xã số {number:02d}")
            doc = incoming(agency["den-2026"], code_number=str(100 + number))
    return api.content.get_state(doc)


def refusal(call):
    with api.env.adopt_roles(["Manager"]), pytest.raises(DefinitionInUse) as refused:
        call()
    return in_vietnamese(refused.value.message())


def test_deleting_a_state_of_thirty_agencies_names_three_and_counts_the_rest(thirty):
    wf = api.portal.get_tool("portal_workflow")["qlvbdh_incoming_workflow"]
    message = refusal(lambda: wf.states.deleteStates([thirty]))
    assert "quy trình “Văn bản đến”" in message
    assert "30 văn bản của 30 cơ quan (Ủy ban nhân dân xã số 00, Ủy ban nhân dân xã số 01, " \
           "Ủy ban nhân dân xã số 02 và 27 cơ quan khác)" in message
    assert "số 03" not in message
    assert "/cq00/@@workflow-policy)." in message


def test_deleting_a_policy_of_thirty_agencies_names_three_and_counts_the_rest(thirty):
    ptool = api.portal.get_tool("portal_placeful_workflow")
    message = refusal(lambda: ptool.manage_delObjects(["qlvbdh_standard"]))
    assert message.startswith("Quy trình xử lý “Cơ quan: lãnh đạo chỉ đạo” đang được 30 cơ "
                              "quan sử dụng (Ủy ban nhân dân xã số 00"), message
    assert "và 27 cơ quan khác) cho 30 văn bản" in message
    assert "/cq00/@@workflow-policy)." in message
    assert "qlvbdh_standard" in ptool.objectIds()
