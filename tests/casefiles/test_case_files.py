"""Case files in an agency (issue 19): the file plan, case files opened
from it or outside it, documents put in by two people and in two case
files, closing that freezes (NĐ 30/2020 Điều 28–29, Phụ lục VI III.4,
IV.1.g)."""

from AccessControl import Unauthorized
from domain_fixtures import incoming
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from plone.app.testing import login
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.routing import steps
from zope.event import notify
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent

import datetime
import pytest


def vi(exc):
    return translate(exc.message(), target_language="vi")


def entry(plan, code):
    return next(e for e in plans.entries(plan) if e.code == code)


def test_the_plan_of_the_year_with_its_entries_in_order(plan):
    assert plan.year == 2026 and plan.title == "Danh mục hồ sơ năm 2026"
    info = plans.plan_info(plan)
    assert [e["code"] for e in info["entries"]] == ["01.VP", "02.VP"]
    assert info["entries"][0]["department"] == plan.aq_parent["vp"].UID()
    assert plans.plan_of(plan.aq_parent, 2026).UID() == plan.UID()
    assert plans.ensure_plan(plan.aq_parent, 2026).UID() == plan.UID()


@pytest.mark.parametrize("bad, field, words", [
    ({"code": "VP01"}, "entries[0].code", "không phải số và ký hiệu hồ sơ"),
    ({"retention": "15"}, "entries[0].retention", "thời hạn bảo quản"),
    ({"department": "khong-co"}, "entries[0].department", "không phải phòng, ban"),
    ({"responsible": "vtb"}, "entries[0].responsible", "không phải người của cơ quan"),
    ({"title": " "}, "entries[0].title", "Tiêu đề hồ sơ"),
    ({"code": "01.VP"}, "entries[0].code", "đã có"),
])
def test_plan_entries_refused_naming_the_field(plan, bad, field, words):
    data = {"code": "03.VP", "title": "Hồ sơ khác", "retention": "5", **bad}
    with pytest.raises(plans.PlanRefused) as refused:
        plans.add_entries(plan, [data])
    assert refused.value.field == field
    assert words in vi(refused.value)


def test_an_entry_edited_in_place_is_written_alike_and_once(portal, plan):
    second = entry(plan, "02.VP")
    second.code = "3.vp"
    notify(ObjectModifiedEvent(second))
    assert second.code == "03.VP"
    second.code = "01.vp"
    with pytest.raises(plans.PlanRefused) as refused:
        notify(ObjectModifiedEvent(second))
    assert refused.value.field == "code"


def test_only_the_office_keeps_the_plan(portal, plan):
    login(portal, "xla")
    with pytest.raises(Unauthorized):
        plans.add_entries(plan, [{"code": "05.VP", "title": "X", "retention": "5"}])
    assert [e.code for e in plans.entries(plan)] == ["01.VP", "02.VP"]


def test_opened_from_a_plan_entry_takes_its_data(portal, plan):
    a = plan.aq_parent
    login(portal, "xla")
    case = filing.open_case_file(a, plan_entry=entry(plan, "01.VP").UID())
    assert (case.code, case.title, case.retention) == (
        "01.VP", "Hồ sơ về chuyển đổi số năm 2026", "10")
    assert case.responsible == "xla" and not case.outside_plan
    assert api.content.get_state(case) == "open"
    assert "Owner" in case.get_local_roles_for_userid("xla")
    info = filing.info(case)
    assert info["file_code"] == "2026.01.VP" and info["documents"] == []


def test_the_opening_date_stays_when_the_year_turns(portal, plan, clock):
    """Left to the field's default (today), the date moved with the
    calendar: in 2027 the case files of 2026 left the mục lục of 2026."""
    from qlvbdh_policy.casefiles import exports

    a = plan.aq_parent
    login(portal, "xla")
    case = filing.open_case_file(a, plan_entry=entry(plan, "01.VP").UID())
    clock.set(datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.timezone(
        datetime.timedelta(hours=7))))
    assert case.opened == datetime.date(2026, 11, 27)
    assert [c.code for c in exports.case_files_of_year(a, 2026)] == ["01.VP"]


def test_only_the_person_responsible_or_the_office_opens_an_entry(portal, plan):
    """Điều 29.2.a: pha does not open (and so keep) xla's case file; the
    clerk opens it for him without becoming its Owner (who hands it over)."""
    a = plan.aq_parent
    login(portal, "pha")
    with pytest.raises(filing.CaseFileForbidden) as refused:
        filing.open_case_file(a, plan_entry=entry(plan, "01.VP").UID())
    assert refused.value.field == "plan_entry"
    assert vi(refused.value).startswith("Mục 01.VP của Danh mục hồ sơ do Lê Minh Hiếu lập")
    login(portal, "vta")
    case = filing.open_case_file(a, plan_entry=entry(plan, "01.VP").UID())
    assert case.responsible == "xla"
    assert dict(case.get_local_roles()) == {"xla": ("Owner",)}
    assert filing.may_keep(case)  # as the clerk


def test_outside_the_plan_needs_its_own_data(portal, plan):
    a = plan.aq_parent
    login(portal, "pha")
    with pytest.raises(RefusedValue) as refused:
        filing.open_case_file(a)
    assert refused.value.field == "plan_entry"
    with pytest.raises(RefusedValue) as refused:
        filing.open_case_file(a, outside_plan=True, title="Hồ sơ đột xuất", retention="5")
    assert refused.value.field == "code" and "Số và ký hiệu hồ sơ" in vi(refused.value)
    case = filing.open_case_file(a, outside_plan=True, code="9.vp", title="Hồ sơ đột xuất",
                                 retention="5")
    assert case.code == "09.VP" and case.outside_plan and case.responsible == "pha"


def test_a_person_of_another_agency_is_not_responsible(portal, plan):
    login(portal, "vta")
    with pytest.raises(RefusedValue) as refused:
        filing.open_case_file(plan.aq_parent, plan_entry=entry(plan, "01.VP").UID(),
                              responsible="cbb")
    assert refused.value.field == "responsible"


@pytest.fixture
def documents(portal, plan):
    a = plan.aq_parent
    login(portal, "vta")
    first = incoming(a["den-2026"])
    second = incoming(a["den-2026"], code_number="124", title="Công văn về việc báo cáo")
    for doc in (first, second):
        steps.simple_step(doc, "submit")
    login(portal, "lda")  # the leader assigns them: xla handles, pha co-handles
    for doc in (first, second):
        steps.assign(doc, "xla", co_handlers=["pha"])
    login(portal, "xla")  # and xla drafts an answer
    third = outgoing(a["di-2026"])
    third.manage_setLocalRoles("xla", ["Owner"])
    third.reindexObjectSecurity()
    return first, second, third


def test_one_document_in_two_case_files_of_two_people(portal, plan, documents):
    """III.4.e: without copying; III.4.b: numbered in order, no gap."""
    a = plan.aq_parent
    first, second, third = documents
    login(portal, "xla")
    mine = filing.open_case_file(a, plan_entry=entry(plan, "01.VP").UID())
    assert filing.add_documents(mine, [second.UID(), first.UID()]) == [second.UID(), first.UID()]
    assert filing.add_documents(mine, [first.UID(), third.UID()]) == [third.UID()]
    login(portal, "pha")
    theirs = filing.open_case_file(a, plan_entry=entry(plan, "02.VP").UID())
    filing.add_documents(theirs, [first.UID()])
    assert {b.UID for b in filing.case_files_of(first)} == {mine.UID(), theirs.UID()}
    assert len(a["den-2026"].objectIds()) == 2  # nothing copied
    login(portal, "xla")
    assert [(r["order"], r["uid"]) for r in filing.toc(mine)] == [
        (1, second.UID()), (2, first.UID()), (3, third.UID())]
    filing.remove_documents(mine, [first.UID()])
    assert [(r["order"], r["uid"]) for r in filing.toc(mine)] == [
        (1, second.UID()), (2, third.UID())]
    row = filing.toc(mine)[0]
    assert row["code"] == second.code and row["author"] == "UBND tỉnh Tiền Giang"
    # the other person's case file is not his to keep
    with pytest.raises(filing.CaseFileForbidden):
        filing.add_documents(theirs, [second.UID()])


def test_a_document_of_another_agency_or_unreadable_is_refused(portal, plan, documents):
    a, b = plan.aq_parent, portal["ubndcb"]
    login(portal, "vtb")
    foreign = incoming(b["den-2026"])
    login(portal, "xla")
    case = filing.open_case_file(a, plan_entry=entry(plan, "01.VP").UID())
    with pytest.raises(filing.CaseFileForbidden) as refused:
        filing.add_documents(case, [foreign.UID()])
    assert refused.value.field == "documents"
    login(portal, "cba")  # staff of the agency who may not open the documents
    with pytest.raises(Exception):
        filing.add_documents(case, [documents[0].UID()])


def test_closing_freezes_the_case_file_and_its_documents(portal, plan, documents):
    a = plan.aq_parent
    first, second, _third = documents
    login(portal, "xla")
    case = filing.open_case_file(a, plan_entry=entry(plan, "01.VP").UID(),
                                 opened=datetime.date(2026, 2, 1))
    filing.add_documents(case, [first.UID()])
    with pytest.raises(RefusedValue) as refused:
        filing.close(case, closed=datetime.date(2026, 1, 15))
    assert refused.value.field == "closed"
    # its document arrived on 27/11/2026 (today): the case file closes that day at the earliest
    filing.close(case, closed="2026-11-27", page_count=12, notes="Đủ thành phần")
    assert api.content.get_state(case) == "closed"
    assert (case.closed, case.page_count) == (datetime.date(2026, 11, 27), 12)
    assert filing.info(case)["retention_end"] == datetime.date(2036, 12, 31)
    with pytest.raises(filing.CaseFileFrozen) as refused:
        filing.remove_documents(case, [first.UID()])
    assert refused.value.status == 409
    assert "đã kết thúc ngày 27/11/2026" in vi(refused.value)
    assert "IV.1.g" in vi(refused.value)
    with pytest.raises(filing.CaseFileFrozen):
        filing.add_documents(case, [second.UID()])
    with pytest.raises(filing.CaseFileFrozen):
        filing.close(case)
    # the filed document's metadata are frozen too; the other one is not
    login(portal, "vta")
    first.title = "Đổi trích yếu"
    with pytest.raises(filing.CaseFileFrozen) as refused:
        notify(ObjectModifiedEvent(first))
    assert "không thể sửa" in vi(refused.value)
    with pytest.raises(filing.CaseFileFrozen):  # nor an attachment added to it
        with api.env.adopt_roles(["Manager"]):
            api.content.create(container=first, type="File", id="phu-luc.pdf", title="Phụ lục",
                               file=pdf("Phụ lục.pdf"))
    filing.check_document_changeable(second)
    notify(ObjectModifiedEvent(second))


def test_a_bare_workflow_close_is_refused(portal, plan):
    login(portal, "xla")
    case = filing.open_case_file(plan.aq_parent, plan_entry=entry(plan, "01.VP").UID())
    with pytest.raises(RefusedValue) as refused:
        api.portal.get_tool("portal_workflow").doActionFor(case, "close")
    assert "@close" in vi(refused.value)
    assert api.content.get_state(case) == "open"


def test_who_sees_case_files(portal, plan):
    """The person responsible, the agency's clerks and leaders; not the
    other staff, not another agency, not the province's oversight."""
    login(portal, "xla")
    case = filing.open_case_file(plan.aq_parent, plan_entry=entry(plan, "01.VP").UID())
    for userid, sees, keeps in (("xla", True, True), ("vta", True, True), ("lda", True, True),
                                ("pha", False, False), ("cba", False, False),
                                ("vtb", False, False), ("ldb", False, False),
                                ("giamsat", False, False)):
        assert can(userid, "View", case) is sees, userid
        assert can(userid, "Modify portal content", case) is keeps, userid
    # the plan: the agency's people read it, the office keeps it, nobody else sees it
    for userid, sees in (("xla", True), ("cba", True), ("vtb", False), ("giamsat", False)):
        assert can(userid, "View", plan) is sees, userid
    assert can("vta", "Add portal content", plan)
    assert not can("xla", "Add portal content", plan)


def can(userid, permission, obj):
    return bool(api.user.has_permission(permission, username=userid, obj=obj))
