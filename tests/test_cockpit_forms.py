"""The forms a leader, a department head and a clerk use (issue 16): the
leader sends back or passes on a submitted document, a department head
forwards within his department, the assign form groups the people and
proposes the deadline, files open in the page, clerks submit many
documents at once, the outgoing form picks from searchable lists."""

from clock import TEST_TODAY
from domain_fixtures import incoming
from plone import api
from plone.app.testing import login
from qlvbdh_policy import my_work
from qlvbdh_policy import routing
from qlvbdh_policy import trail
from qlvbdh_policy.routing import RoutingForbidden
from qlvbdh_policy.routing import RoutingRefused
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from zope.i18n import translate

import datetime
import pytest

LATER = TEST_TODAY + datetime.timedelta(days=10)


@pytest.fixture
def province(portal):
    a, b = make_province(portal)
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=a, type="Department", id="khtc",
                           title="Phòng Kế hoạch - Tài chính", notation_abbr="KHTC")
        if api.user.get(userid="ktb") is None:
            api.user.create(email="ktb@example.vn", username="ktb", password=PASSWORD,
                            properties={"fullname": "Ngô Kế Toán"})
            api.user.create(email="ldc@example.vn", username="ldc", password=PASSWORD,
                            properties={"fullname": "Phan Phó Giám Đốc"})
        api.group.add_user(groupname="sttt-khtc", username="ktb")
        api.group.add_user(groupname="sttt-leaders", username="ldc")
    return a, b


@pytest.fixture
def doc(portal, province):
    a, _b = province
    login(portal, "vta")
    return incoming(a["den-2026"], due_date=LATER)


def vi(exc):
    return translate(exc.message(), target_language="vi")


def state(doc):
    return api.content.get_state(doc)


def tasks_of(userid):
    return [i["task"] for i in my_work.items_for(api.user.get(userid=userid))]


# -- the routing layer -------------------------------------------------------


def test_department_head_forwards_only_within_his_department(portal, doc):
    routing.simple_step(doc, "submit")
    login(portal, "lda")
    routing.assign(doc, "tpa")  # the head of Văn phòng, in person
    login(portal, "tpa")
    assert routing.forward_targets(doc, api.user.get_current()) >= {"xla", "pha"}
    assert "ktb" not in routing.forward_targets(doc, api.user.get_current())
    with pytest.raises(RoutingRefused) as e:
        routing.forward(doc, "ktb", "Sang phòng khác")
    assert e.value.field == "to"
    assert "Ngô Kế Toán không thuộc phòng của đồng chí" in vi(e.value)
    assert doc.get_local_roles_for_userid("ktb") == ()
    routing.forward(doc, "xla", "Giao đồng chí Hiếu")
    assert doc.get_local_roles_for_userid("xla") == ("Handler",)


def test_a_leader_forwards_to_anyone_of_the_agency(portal, doc):
    routing.simple_step(doc, "submit")
    login(portal, "lda")
    routing.assign(doc, "lda")
    assert routing.headed_departments(doc.aq_parent.aq_parent, api.user.get_current()) is None
    routing.forward(doc, "ktb")
    assert doc.get_local_roles_for_userid("ktb") == ("Handler",)


def test_leader_sends_back_to_the_clerk_with_a_reason(portal, doc):
    routing.simple_step(doc, "submit")
    login(portal, "xla")
    with pytest.raises(RoutingForbidden):
        routing.send_back(doc, "Không phải việc của tôi")
    login(portal, "lda")
    with pytest.raises(RoutingRefused) as e:
        routing.send_back(doc, "  ")
    assert e.value.field == "comment" and state(doc) == "submitted"
    routing.send_back(doc, "Thiếu phụ lục, đề nghị bổ sung")
    assert state(doc) == "registered"
    assert tasks_of("vta") == ["submit"]
    last = trail.entries(doc)[-1]
    assert last["action"] == "send_back" and last["comment"] == "Thiếu phụ lục, đề nghị bổ sung"


def test_leader_passes_to_another_leader(portal, doc):
    routing.simple_step(doc, "submit")
    assert tasks_of("lda") == ["assign"] and tasks_of("ldc") == ["assign"]
    login(portal, "lda")
    for wrong in ("xla", "lda", "ldb", ""):  # staff, himself, another agency's, nobody
        with pytest.raises(RoutingRefused) as e:
            routing.pass_to_leader(doc, wrong)
        assert e.value.field == "leader"
    routing.pass_to_leader(doc, "ldc", "Đồng chí Phó Giám đốc phụ trách")
    assert state(doc) == "submitted"
    assert tasks_of("ldc") == ["assign"] and tasks_of("lda") == []
    assert trail.entries(doc)[-1]["to"] == [{"id": "ldc", "title": "Phan Phó Giám Đốc"}]
    # a bare workflow call cannot pass it on without saying to whom
    from Products.CMFCore.WorkflowCore import WorkflowException

    with pytest.raises(WorkflowException):
        api.portal.get_tool("portal_workflow").doActionFor(doc, "pass_leader")
    # sent back and submitted again, it waits for every leader again
    login(portal, "ldc")
    routing.send_back(doc, "Chuyển văn thư kiểm tra lại")
    login(portal, "vta")
    routing.simple_step(doc, "submit")
    assert tasks_of("lda") == ["assign"] and tasks_of("ldc") == ["assign"]


def test_1015_adds_the_leaders_steps_and_keeps_the_rest(portal):
    from qlvbdh_policy.upgrades import v1015

    wf = api.portal.get_tool("portal_workflow")["qlvbdh_incoming_workflow"]
    submitted = wf.states["submitted"]
    submitted.transitions = ("assign", "recall")
    wf.transitions.manage_delObjects(["pass_leader", "send_back"])
    wf.transitions["assign"].title = "Giao việc (đổi qua web)"
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile("qlvbdh_policy:default", "1014")

    setup.upgradeProfile("qlvbdh_policy:default")

    assert set(submitted.transitions) == {"assign", "recall", "pass_leader", "send_back"}
    assert wf.transitions["send_back"].new_state_id == "registered"
    assert wf.transitions["pass_leader"].actbox_url.endswith("/@@pass-leader")
    assert wf.transitions["send_back"].getGuard().permissions == (v1015.GUARD_PERMISSION,)
    assert wf.transitions["assign"].title == "Giao việc (đổi qua web)"  # kept
    v1015.add_leader_steps(setup)  # twice: nothing doubled
    assert sorted(submitted.transitions).count("send_back") == 1
