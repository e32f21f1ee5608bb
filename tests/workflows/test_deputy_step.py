"""A step a site manager adds through the web reaches everything that reads
states (issue 22): a copy of the incoming workflow with "Chờ phó giám đốc
cho ý kiến", made the agency's policy by the safe switch; a document
walked through it shows in the deputy's "Việc của tôi", in the register
book's state filter, in search by state and in the statistics; a step
into "Đã phân công" without a handler is refused; a "file" step re-guarded
in the ZMI is no longer the handler's task."""

from deputy_fixtures import DEPUTY
from deputy_fixtures import DEPUTY_POLICY
from deputy_fixtures import DEPUTY_WF
from deputy_fixtures import guard_props
from deputy_fixtures import make_deputy
from deputy_fixtures import make_deputy_workflow
from deputy_fixtures import STATE
from deputy_fixtures import STATE_TITLE
from domain_fixtures import incoming
from plone import api
from plone.app.testing import login
from Products.CMFCore.indexing import processQueue
from qlvbdh_policy.agencies.workflow_policies import switch_policy
from qlvbdh_policy.browser.register_book import book_states
from qlvbdh_policy.content.validation import StepRefused
from qlvbdh_policy.registers import book as B
from qlvbdh_policy.registers import columns as C
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.routing import steps
from qlvbdh_policy.rules import periods
from qlvbdh_policy.search import document_search
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.workflows import meanings
from routing_fixtures import make_province

import datetime
import pytest


@pytest.fixture
def deputy_agency(portal):
    a, _b = make_province(portal)
    make_deputy(portal)
    make_deputy_workflow()
    with api.env.adopt_roles(["Manager"]):
        switch_policy(a, DEPUTY_POLICY)
    return a


def waiting(doc):
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    data = catalog.getIndexDataForUID("/".join(doc.getPhysicalPath()))
    return data["review_state"], set(data["waiting_for"] or ())


def tasks_of(portal, userid):
    login(portal, userid)
    return {i["uid"]: i["task"] for i in my_work.items_for(api.user.get_current())}


def submitted(portal, agency, number, **fields):
    login(portal, "vta")
    doc = incoming(agency["den-2026"], title=f"Công văn {number}", code_number=number, **fields)
    steps.simple_step(doc, "submit")
    return doc


def test_the_copy_declares_what_its_states_mean(deputy_agency):
    assert meanings.declares_meanings(DEPUTY_WF)
    assert meanings.states_waiting_for(DEPUTY_WF)[STATE] == ("group", "deputies")
    assert meanings.meaning_of(DEPUTY_WF, "assigned").who == ("handler", None)
    assert meanings.actions_possible(DEPUTY_WF, STATE)["give_opinion"] == {"DeputyLeader"}
    assert "Handler" in meanings.actions_possible(DEPUTY_WF, "completed")["file"]
    assert DEPUTY_WF in meanings.workflows_for_type("IncomingDocument")
    # recognised by what it declares: a workflow declaring nothing is not
    assert not meanings.declares_meanings("qlvbdh_register_workflow")


def test_a_document_walks_through_the_deputy_step(portal, deputy_agency):
    a = deputy_agency
    today = vietnam_today()
    doc = submitted(portal, a, "301")
    other = submitted(portal, a, "302")
    assert waiting(doc) == ("submitted", {"sttt-leaders"})

    login(portal, "lda")
    assert "ask_deputy" in steps.allowed_transitions(doc)
    steps.simple_step(doc, "ask_deputy", "Xin ý kiến phó giám đốc")
    with api.env.adopt_roles(["Manager"]):
        doc.due_date = today - datetime.timedelta(days=2)  # past its deadline
        doc.reindexObject(idxs=["due_date"])
    # "Việc của tôi": the deputy is told, the leader no longer
    assert waiting(doc) == (STATE, {"sttt-deputies"})
    assert tasks_of(portal, DEPUTY) == {doc.UID(): "opinion"}
    assert doc.UID() not in tasks_of(portal, "lda")
    assert tasks_of(portal, "lda")[other.UID()] == "assign"
    login(portal, DEPUTY)
    assert my_work.counts_for(api.user.get_current()) == {"total": 1, "overdue": 1,
                                                          "due_soon": 0}
    assert my_work.TASK_TITLES["opinion"]

    # the register book: the state is offered and filters
    assert STATE in book_states("incoming")
    login(portal, "vta")
    register = a["den-2026"]
    found = B.page(register, C.INCOMING, {"state": STATE})[1]
    assert [e["uid"] for e in found] == [doc.UID()]
    # search by state: offered with its title, finds the document
    options = dict(document_search.state_options()[0][1])
    assert options[STATE] == STATE_TITLE
    total, brains = document_search.search(a, {"state": STATE})
    assert [b.UID for b in brains] == [doc.UID()]
    # statistics: registered, still in hand and overdue, as its variables say
    docs = I.gather(a, periods.Period(today - datetime.timedelta(days=30), today), today)
    assert I.incoming_registered(docs) == 2
    assert I.still_in_hand(docs) == 2
    assert I.overdue_now(docs) == 1

    # a step into "Đã phân công" with no handler is refused, nothing changes
    login(portal, DEPUTY)
    with pytest.raises(StepRefused) as refused:
        steps.simple_step(doc, "deputy_assign")
    assert "người xử lý chính" in str(refused.value)
    assert api.content.get_state(doc) == STATE

    # the deputy's opinion sends it back to the leader, who directs
    steps.simple_step(doc, "give_opinion", "Đồng ý giao Văn phòng")
    assert waiting(doc) == ("submitted", {"sttt-leaders"})
    assert doc.UID() not in tasks_of(portal, DEPUTY)
    login(portal, "lda")
    steps.assign(doc, "xla")
    assert waiting(doc) == ("assigned", {"xla"})
    login(portal, "xla")
    steps.start(doc)
    steps.complete(doc, "Đã xử lý xong")
    assert tasks_of(portal, "xla")[doc.UID()] == "file"


def test_a_step_into_assigned_without_a_handler_says_why(portal, deputy_agency):
    doc = submitted(portal, deputy_agency, "303")
    login(portal, "lda")
    steps.simple_step(doc, "ask_deputy", "Xin ý kiến")
    login(portal, DEPUTY)
    with pytest.raises(StepRefused) as refused:
        api.portal.get_tool("portal_workflow").doActionFor(doc, "deputy_assign")
    assert "chưa được giao" in str(refused.value)  # in Vietnamese
    assert "Chuyển thẳng sang đã phân công" in str(refused.value)
    assert api.content.get_state(doc) == STATE
    assert waiting(doc) == (STATE, {"sttt-deputies"})


def test_a_file_step_reguarded_in_the_zmi_is_no_longer_the_handlers_task(portal, deputy_agency):
    doc = submitted(portal, deputy_agency, "304")
    login(portal, "lda")
    steps.assign(doc, "xla")
    login(portal, "xla")
    steps.complete(doc, "Xong")
    assert tasks_of(portal, "xla")[doc.UID()] == "file"
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        # the site manager lets only the clerks file, and no one reopens
        for tid in ("file", "reopen"):
            transition = wftool[DEPUTY_WF].transitions[tid]
            transition.setProperties(title=transition.title, new_state_id=transition.new_state_id,
                                     actbox_name=transition.actbox_name,
                                     actbox_url=transition.actbox_url,
                                     props=guard_props(roles=["Clerk"]))
    meanings.forget()
    doc.reindexObject(idxs=["waiting_for", "waiting_tasks"])
    login(portal, "xla")
    assert "file" not in steps.allowed_transitions(doc)
    assert doc.UID() not in tasks_of(portal, "xla")
    assert not meanings.can_act(DEPUTY_WF, "completed", {"Handler"})
    assert meanings.can_act(DEPUTY_WF, "completed", {"Clerk"})
