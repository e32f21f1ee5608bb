"""Routing inside an agency: direction, forwarding, handling, the trail."""

from clock import TEST_TODAY
from domain_fixtures import incoming
from plone import api
from plone.app.testing import login
from Products.CMFCore.WorkflowCore import WorkflowException
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.my_work import items_for
from qlvbdh_policy.routing.steps import RoutingForbidden
from qlvbdh_policy.routing.steps import RoutingRefused
from routing_fixtures import make_province
from zope.i18n import translate

import datetime
import pytest

TOMORROW = TEST_TODAY + datetime.timedelta(days=10)


@pytest.fixture
def province(portal):
    return make_province(portal)


@pytest.fixture
def doc(portal, province):
    a, b = province
    login(portal, "vta")
    return incoming(a["den-2026"], due_date=TOMORROW)


def wftool():
    return api.portal.get_tool("portal_workflow")


def state(doc):
    return api.content.get_state(doc)


def vi(exc):
    return translate(exc.message(), target_language="vi")


def test_groups_and_policy_of_a_new_agency(portal, province):
    a, b = province
    assert a.get_local_roles_for_userid("sttt-clerks") == ("Clerk",)
    assert a.get_local_roles_for_userid("sttt-leaders") == ("Leader",)
    assert a.get_local_roles_for_userid("sttt-admins") == ("AgencyAdmin",)
    assert a.get_local_roles_for_userid("sttt-staff") == ("Staff",)
    assert api.group.get(groupname="sttt-vp") is not None
    assert api.group.get(groupname="sttt-vp-heads") is not None
    assert "cho-tiep-nhan" in a.objectIds()
    wftool = api.portal.get_tool("portal_placeful_workflow")
    assert wftool.getWorkflowPolicyConfig(a).getPolicyBelowId() == "qlvbdh_standard"
    # department staff are agency staff through nested groups
    assert "Staff" in api.user.get_roles(username="xla", obj=a)


def test_registered_on_arrival_in_a_register(doc):
    assert state(doc) == "registered"
    assert doc.arrival_number == 1


def test_full_path_from_arrival_to_filing(portal, doc):
    steps.simple_step(doc, "submit")
    assert state(doc) == "submitted"
    login(portal, "lda")
    steps.assign(doc, "xla", co_handlers=["pha"], informed=["dba"],
                   due_date=TOMORROW, instruction="Đề nghị tham mưu trả lời")
    assert state(doc) == "assigned"
    assert doc.get_local_roles_for_userid("xla") == ("Handler",)
    assert doc.get_local_roles_for_userid("pha") == ("CoHandler",)
    assert doc.get_local_roles_for_userid("dba") == ("Informed",)
    # roles are on the document only: the register keeps none
    assert not doc.aq_parent.get_local_roles_for_userid("xla")
    login(portal, "xla")
    assert [i["task"] for i in items_for(api.user.get_current())] == ["handle"]
    steps.start(doc)
    steps.complete(doc, "Đã tham mưu văn bản trả lời")
    assert state(doc) == "completed"
    steps.simple_step(doc, "file")
    assert state(doc) == "filed"
    actions = [e["action"] for e in trail.entries(doc)]
    assert actions == ["submit", "assign", "start", "complete", "file"]
    assign = trail.entries(doc)[1]
    assert assign["actor"] == "lda" and assign["actor_name"] == "Trần Văn Lãnh Đạo"
    assert assign["to"] == [{"id": "xla", "title": "Lê Minh Hiếu"}]
    assert assign["due_date"] == TOMORROW
    login(portal, "lda")
    steps.simple_step(doc, "reopen", "Bổ sung số liệu")
    assert state(doc) == "in_progress"


def test_staff_cannot_direct(portal, doc):
    steps.simple_step(doc, "submit")
    login(portal, "xla")
    with pytest.raises(RoutingForbidden):
        steps.assign(doc, "xla")
    assert state(doc) == "submitted"


def test_assign_refuses_bad_input_and_stores_nothing(portal, doc, province):
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    with pytest.raises(RoutingRefused) as e:
        steps.assign(doc, "")
    assert e.value.field == "handler" and "xử lý chính" in vi(e.value)
    with pytest.raises(RoutingRefused) as e:
        steps.assign(doc, "cbb")  # staff of another agency
    assert "cbb" in vi(e.value)
    with pytest.raises(RoutingRefused) as e:
        steps.assign(doc, "xla", due_date=datetime.date(2020, 1, 1))
    assert e.value.field == "due_date" and "01/01/2020" in vi(e.value)
    assert state(doc) == "submitted"
    assert ra.assignments(doc) == []


def test_bare_workflow_call_is_refused(portal, doc):
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    with pytest.raises(WorkflowException) as e:
        wftool().doActionFor(doc, "assign")
    assert "@assign" in str(e.value)
    assert state(doc) == "submitted"


def test_department_head_forwards(portal, doc):
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "vp")  # the department: its heads receive it
    assert doc.get_local_roles_for_userid("sttt-vp-heads") == ("Handler",)
    login(portal, "tpa")
    assert [i["task"] for i in items_for(api.user.get_current())] == ["handle"]
    with pytest.raises(RoutingRefused) as e:
        steps.forward(doc, "vta", "Ngoài phòng")  # the clerk is not in Văn phòng
    assert e.value.field == "to" and "vta" in vi(e.value)
    steps.forward(doc, "xla", "Giao đồng chí Hiếu xử lý")
    assert doc.get_local_roles_for_userid("xla") == ("Handler",)
    assert doc.get_local_roles_for_userid("sttt-vp-heads") == ("Informed",)
    assert ra.assignments(doc, cause="forward") == [
        {"principal": "xla", "role": "Handler", "cause": "forward"}
    ]
    assert state(doc) == "assigned"


def test_reassignment_revokes_exactly_what_routing_granted(portal, doc):
    doc.manage_setLocalRoles("cba", ["Reader"])  # given by hand on Sharing
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "xla", co_handlers=["cba"])
    assert set(doc.get_local_roles_for_userid("cba")) == {"Reader", "CoHandler"}
    touched = ra.revoke(doc, cause="assign")
    ra.apply(doc, touched)
    assert doc.get_local_roles_for_userid("cba") == ("Reader",)
    assert doc.get_local_roles_for_userid("xla") == ()


def test_return_needs_a_reason(portal, doc):
    with pytest.raises(WorkflowException):
        wftool().doActionFor(doc, "return")
    wftool().doActionFor(doc, "return", comment="Sai địa chỉ")
    assert state(doc) == "returned"


def test_handler_choices_are_the_agency_departments_and_people(portal, doc, province):
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    a, b = province
    vocabulary = getUtility(IVocabularyFactory, "qlvbdh.AgencyHandlers")(doc)
    titles = [t.title for t in vocabulary]
    assert titles[0] == "Văn phòng"  # departments first
    assert "Lê Minh Hiếu" in titles and "Cán Bộ Cái Bè" not in titles
    assert a["vp"].UID() in vocabulary


def test_processing_slip_prints_the_trail(portal, doc):
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "vp", co_handlers=["pha"], due_date=TOMORROW,
                   instruction="Giao Văn phòng chủ trì")
    login(portal, "tpa")
    steps.forward(doc, "xla", "Đồng chí Hiếu xử lý")
    login(portal, "xla")
    steps.complete(doc, "Đề xuất trả lời bằng công văn")
    html = doc.restrictedTraverse("@@phieu-giai-quyet")()
    assert "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" in html
    assert "Quyết định" in html and "123/QĐ-UBND" in html and "20/11/2026" in html
    assert "1. Ý kiến của lãnh đạo cơ quan, tổ chức" in html
    assert "Lãnh đạo Văn phòng – Sở Thông tin và Truyền thông" in html  # the department
    assert "Võ Phối Hợp" in html and TOMORROW.strftime("%d/%m/%Y") in html
    assert "Giao Văn phòng chủ trì" in html and "Trần Văn Lãnh Đạo" in html
    assert "Đồng chí Hiếu xử lý" in html and "Lê Minh Hiếu" in html
    assert "Đề xuất trả lời bằng công văn" in html


def test_oversight_reads_statistics_not_documents(portal, doc):
    from AccessControl import Unauthorized

    steps.simple_step(doc, "submit")
    login(portal, "giamsat")
    assert not api.user.has_permission("View", obj=doc)
    html = portal.restrictedTraverse("@@usage-statistics")()
    assert "Thống kê tình hình sử dụng" in html
    assert 'id="stats-sttt"' in html
    from domain_fixtures import make_agency
    from qlvbdh_policy.rules.periods import whole_year
    from qlvbdh_policy.stats.usage import usage_report

    make_agency(portal, abbr="daipt", notation="DPTTH", title="Đài Phát thanh và Truyền hình")
    report = usage_report(portal, whole_year(2026))
    assert [r["id"] for r in report["agencies"]] == ["daipt", "sttt", "ubndcb"]
    assert report["agencies"][1]["incoming_registered"] == 1
    assert report["agencies"][1]["still_in_hand"] == 1
    login(portal, "xla")
    with pytest.raises(Unauthorized):
        portal.restrictedTraverse("@@usage-statistics")


def test_roles_on_the_sharing_tab_in_vietnamese(portal, province):
    a, b = province
    with api.env.adopt_roles(["Manager"]):
        sharing = a.restrictedTraverse("@@sharing")
        titles = {r["id"]: translate(r["title"], target_language="vi") for r in sharing.roles()}
    assert titles["Clerk"] == "Văn thư" and titles["Leader"] == "Lãnh đạo"
    assert titles["Handler"] == "Xử lý chính" and titles["CoHandler"] == "Phối hợp"
    assert titles["Informed"] == "Để biết" and titles["AgencyAdmin"] == "Quản trị cơ quan"
    assert titles["Oversight"] == "Giám sát cấp tỉnh"
    # the agency admin delegates them on their own agency only
    login(portal, "qta")
    assert api.user.has_permission("qlvbdh_policy: Delegate routing roles", obj=a)
    assert not api.user.has_permission("qlvbdh_policy: Delegate routing roles", obj=b)


def test_informed_person_marks_read_and_it_leaves_their_list(portal, doc):
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "xla", informed=["dba"])
    login(portal, "dba")
    assert [i["task"] for i in items_for(api.user.get_current())] == ["read"]
    doc.REQUEST.method = "POST"
    doc.REQUEST.form["_authenticator"] = doc.restrictedTraverse("@@authenticator").token()
    doc.restrictedTraverse("@@mark-read")()
    assert items_for(api.user.get_current()) == []
    assert doc.read_by == ("dba",)
    login(portal, "xla")
    assert [i["task"] for i in items_for(api.user.get_current())] == ["handle"]
