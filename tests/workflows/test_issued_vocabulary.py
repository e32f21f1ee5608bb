"""The replies a handler may name (vocabulary ``qlvbdh.AgencyOutgoing``)
are the issued outgoing documents by what their states mean, not by the
ids "issued"/"archived" (issue 22): a copy of the outgoing workflow made in
the ZMI whose "Issue" step leads to a state of another id, declaring the
same meaning, lists its documents; a draft is never listed."""

from deputy_fixtures import _copy
from domain_fixtures import issue
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from qlvbdh_policy.agencies.workflow_policies import switch_policy
from qlvbdh_policy.workflows import meanings
from routing_fixtures import make_province
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

COPY_WF = "qlvbdh_outgoing_ban_hanh_workflow"
COPY_POLICY = "qlvbdh_ban_hanh"
ISSUED_LIKE = "da_ban_hanh"


def copy_with_another_issued_state():
    """In the copy, "Phát hành" leads to ``da_ban_hanh`` (title, steps,
    permissions and meaning of "issued"), as a site manager would set it
    on the ZMI's state and transition forms; "issued" is left unreached."""
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        workflow = _copy(wftool, "qlvbdh_outgoing_workflow", COPY_WF)
        issued = workflow.states["issued"]
        workflow.states.addState(ISSUED_LIKE)
        state = workflow.states[ISSUED_LIKE]
        state.setProperties(title="Đã ban hành", transitions=tuple(issued.transitions))
        for permission in workflow.permissions:
            info = issued.getPermissionInfo(permission)
            state.setPermission(permission, info["acquired"], list(info["roles"]))
        for name, value in issued.var_values.items():
            state.addVariable(name, value)
        workflow.transitions["issue"].new_state_id = ISSUED_LIKE
        ptool = api.portal.get_tool("portal_placeful_workflow")
        policy = _copy(ptool, "qlvbdh_standard", COPY_POLICY)
        policy.title = "Cơ quan: văn bản đi đã ban hành"
        policy.setChain("OutgoingDocument", (COPY_WF,))
    meanings.forget()


def replies(context):
    vocabulary = getUtility(IVocabularyFactory, "qlvbdh.AgencyOutgoing")(context)
    return {term.value: term.title for term in vocabulary}


def test_an_issued_like_state_of_another_id_is_offered_as_a_reply(portal):
    a, _b = make_province(portal)
    copy_with_another_issued_state()
    with api.env.adopt_roles(["Manager"]):
        switch_policy(a, COPY_POLICY)
    register = a["di-2026"]
    answer = issue(outgoing(register, title="Công văn trả lời về việc chuyển đổi số",
                            file=pdf("tra-loi.pdf")))
    draft = outgoing(register, title="Dự thảo chưa phát hành")
    assert api.content.get_state(answer) == ISSUED_LIKE
    assert api.content.get_state(draft) == "draft"
    assert ISSUED_LIKE in meanings.query_states("OutgoingDocument", "issued")
    with api.env.adopt_roles(["Manager"]):
        offered = replies(a["den-2026"])
    assert list(offered) == [answer.UID()]
    assert offered[answer.UID()].endswith("– Công văn trả lời về việc chuyển đổi số")
    code = api.content.find(UID=answer.UID(), unrestricted=True)[0].document_code
    assert code and offered[answer.UID()].startswith(code)
