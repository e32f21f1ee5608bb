"""Switching an agency's workflow policy with documents in flight (issue
22): each keeps its place (by state id, or as the site manager maps it),
the catalog and "Việc của tôi" follow, the handlers keep their access,
the trail says so; what cannot be carried over is refused, changing
nothing."""

from domain_fixtures import incoming
from domain_fixtures import outgoing
from plone import api
from plone.app.testing import login
from Products.CMFCore.indexing import processQueue
from qlvbdh_policy.agencies.workflow_policies import current_policy
from qlvbdh_policy.agencies.workflow_policies import offered_policies
from qlvbdh_policy.agencies.workflow_policies import PolicyRefused
from qlvbdh_policy.agencies.workflow_policies import states_in_use
from qlvbdh_policy.agencies.workflow_policies import switch_policy
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail
from routing_fixtures import make_province
from workflow_fixtures import IN_FLIGHT
from workflow_fixtures import in_flight

import pytest

STANDARD_WF = "qlvbdh_incoming_workflow"
SIMPLE_WF = "qlvbdh_incoming_simple_workflow"
BACK = {"submitted": "registered"}


@pytest.fixture
def flight(portal):
    a, b = make_province(portal)
    docs = in_flight(portal, a)
    for state, doc in docs.items():
        assert api.content.get_state(doc) == state
    return a, b, docs


def catalogued(doc):
    """(review_state, waiting_for) as the catalog's indexes hold them."""
    processQueue()  # what a search would do first
    catalog = api.portal.get_tool("portal_catalog")
    data = catalog.getIndexDataForUID("/".join(doc.getPhysicalPath()))
    return data["review_state"], set(data["waiting_for"] or ())


def my_list(portal, userid):
    login(portal, userid)
    return {i["uid"]: i["task"] for i in my_work.items_for(api.user.get_current())}


def check_places(portal, docs, expected):
    """expected: {state at creation: (state now, waiting principal, task)}"""
    wftool = api.portal.get_tool("portal_workflow")
    for key, (state, principal, _task) in expected.items():
        doc = docs[key]
        assert api.content.get_state(doc) == state, key
        assert catalogued(doc) == (state, {principal} if principal else set()), key
        assert len(wftool.getChainFor(doc)) == 1
    for userid, group in (("vta", "sttt-clerks"), ("lda", "sttt-leaders"), ("xla", "xla")):
        tasks = {docs[k].UID(): task for k, (_s, p, task) in expected.items() if p == group}
        assert my_list(portal, userid) == tasks, userid


#: the handler's next step in each state of theirs
HANDLER_STEP = {"assigned": "start", "in_progress": "complete", "completed": "file"}


def check_handler_access(portal, docs):
    """The handler reads and moves on each document of theirs; a colleague
    of the department without a role in them does not read them."""
    theirs = [d for d in docs.values() if api.content.get_state(d) in HANDLER_STEP]
    assert theirs
    login(portal, "xla")
    for doc in theirs:
        assert api.user.has_permission("View", obj=doc), doc.getId()
        assert HANDLER_STEP[api.content.get_state(doc)] in steps.allowed_transitions(doc)
    login(portal, "cba")
    for doc in theirs:
        assert not api.user.has_permission("View", obj=doc), doc.getId()


def test_only_the_projects_policies_are_offered_in_vietnamese(portal):
    offered = {p["id"]: p["title"] for p in offered_policies()}
    assert offered == {"qlvbdh_simple": "Cơ quan nhỏ: văn thư phân công",
                       "qlvbdh_standard": "Cơ quan: lãnh đạo chỉ đạo"}
    ptool = api.portal.get_tool("portal_placeful_workflow")
    assert {"intranet", "one-state"} <= set(ptool.getWorkflowPolicyIds())


def test_switching_back_and_forth_with_documents_in_flight(portal, flight):
    a, b, docs = flight
    check_places(portal, docs, {
        "registered": ("registered", "sttt-clerks", "submit"),
        "submitted": ("submitted", "sttt-leaders", "assign"),
        "assigned": ("assigned", "xla", "handle"),
        "in_progress": ("in_progress", "xla", "handle"),
        "completed": ("completed", "xla", "file"),
    })
    login(portal, "vtb")
    other = incoming(b["den-2026"], code_number="999")
    steps.simple_step(other, "submit")
    before = dict(other.workflow_history)
    draft = outgoing(a["di-2026"])  # same workflow under both policies
    draft_before = (dict(draft.workflow_history), len(trail.entries(draft)))
    with api.env.adopt_roles(["Manager"]):
        assert switch_policy(a, "qlvbdh_simple", BACK) == len(IN_FLIGHT)
    assert current_policy(a) == "qlvbdh_simple"
    assert dict(other.workflow_history) == before  # another agency is untouched
    assert (dict(draft.workflow_history), len(trail.entries(draft))) == draft_before
    wftool = api.portal.get_tool("portal_workflow")
    assert {wftool.getChainFor(d) for d in docs.values()} == {(SIMPLE_WF,)}
    simple = {
        "registered": ("registered", "sttt-clerks", "assign"),
        "submitted": ("registered", "sttt-clerks", "assign"),
        "assigned": ("assigned", "xla", "handle"),
        "in_progress": ("in_progress", "xla", "handle"),
        "completed": ("completed", "xla", "file"),
    }
    check_places(portal, docs, simple)
    check_handler_access(portal, docs)
    last = trail.entries(docs["submitted"])[-1]
    assert (last["action"], last["from_state"], last["to_state"]) == (
        "switch_policy", "submitted", "registered")
    assert "Cơ quan nhỏ: văn thư phân công" in last["comment"]
    # the clerk now directs; the handler goes on
    login(portal, "vta")
    steps.assign(docs["submitted"], "xla")
    login(portal, "xla")
    steps.complete(docs["in_progress"], "Xong")
    simple["submitted"] = ("assigned", "xla", "handle")
    simple["in_progress"] = ("completed", "xla", "file")
    check_places(portal, docs, simple)
    # and back: every state exists in the leader-directs workflow
    with api.env.adopt_roles(["Manager"]):
        switch_policy(a, "qlvbdh_standard")
    assert {wftool.getChainFor(d) for d in docs.values()} == {(STANDARD_WF,)}
    check_places(portal, docs, {
        "registered": ("registered", "sttt-clerks", "submit"),
        "submitted": ("assigned", "xla", "handle"),
        "assigned": ("assigned", "xla", "handle"),
        "in_progress": ("completed", "xla", "file"),
        "completed": ("completed", "xla", "file"),
    })
    check_handler_access(portal, docs)
    login(portal, "xla")
    steps.start(docs["assigned"])
    assert api.content.get_state(docs["assigned"]) == "in_progress"


def test_a_state_the_new_policy_lacks_is_refused_and_nothing_changes(portal, flight):
    a, _b, docs = flight
    wftool = api.portal.get_tool("portal_workflow")
    histories = {k: dict(d.workflow_history) for k, d in docs.items()}
    trails = {k: len(trail.entries(d)) for k, d in docs.items()}
    with api.env.adopt_roles(["Manager"]), pytest.raises(PolicyRefused) as refused:
        switch_policy(a, "qlvbdh_simple", {"submitted": "nowhere"})
    assert refused.value.field == "mapping"
    assert "“submitted”" in str(refused.value) and "“nowhere”" in str(refused.value)
    with api.env.adopt_roles(["Manager"]), pytest.raises(PolicyRefused) as refused:
        switch_policy(a, "qlvbdh_simple")
    message = str(refused.value)
    assert refused.value.field == "mapping"
    assert "Đã trình lãnh đạo" in message and "(submitted)" in message
    assert "Văn bản submitted" in message and "Văn bản assigned" not in message
    assert "Không có gì thay đổi" in message
    assert current_policy(a) == "qlvbdh_standard"
    for key, doc in docs.items():
        assert wftool.getChainFor(doc) == (STANDARD_WF,)
        assert dict(doc.workflow_history) == histories[key]
        assert len(trail.entries(doc)) == trails[key]
        assert catalogued(doc)[0] == key


def test_a_policy_not_offered_or_a_bad_mapping_is_refused(portal, flight):
    a, _b, _docs = flight
    for policy, mapping, field in (("intranet", {}, "policy"), ("nope", {}, "policy"),
                                   ("qlvbdh_simple", {"submitted": 3}, "mapping"),
                                   ("qlvbdh_simple", ["submitted"], "mapping")):
        with api.env.adopt_roles(["Manager"]), pytest.raises(PolicyRefused) as refused:
            switch_policy(a, policy, mapping)
        assert refused.value.field == field
    assert current_policy(a) == "qlvbdh_standard"


def test_states_in_use(portal, flight):
    a, _b, _docs = flight
    in_use = states_in_use(a)
    assert {s: in_use[STANDARD_WF][s] for s in IN_FLIGHT} == dict.fromkeys(IN_FLIGHT, 1)
