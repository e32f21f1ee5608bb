"""When an agency is dissolved or merged, its case files follow its
documents into the read-only archive (issue 19): nothing is put in or
taken out, none is closed, handed over, accepted or returned; merged,
they lie in the receiving agency, whose leaders and archivists read what
the archive held. No notice is mailed for them."""

from AccessControl import getSecurityManager
from plone import api
from plone.app.testing import login
from qlvbdh_policy.agencies.dissolution import AgencyDissolved
from qlvbdh_policy.agencies.dissolution import dissolve
from qlvbdh_policy.agencies.merging import merge_agency
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import handover
from routing_fixtures import make_archivist
from zope.event import notify
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent

import datetime
import pytest

D = datetime.date


@pytest.fixture
def case_files(portal, plan):
    """sttt's case files: 01.VP open (xla), 02.VP closed and handed over
    (pha), a third closed and accepted by the archivist lta."""
    make_archivist(portal)
    make_archivist(portal, abbr="ubndcb", userid="ltb")
    a = plan.aq_parent
    entries = {e.code: e.UID() for e in plan.objectValues()}
    login(portal, "xla")
    still_open = filing.open_case_file(a, plan_entry=entries["01.VP"], opened=D(2026, 1, 2))
    accepted = filing.open_case_file(a, outside_plan=True, code="09.VP", title="Hồ sơ cũ",
                                     retention="10", opened=D(2025, 1, 2))
    filing.close(accepted, closed="2025-06-30")
    handover.hand_over(accepted)
    login(portal, "pha")
    waiting = filing.open_case_file(a, plan_entry=entries["02.VP"], opened=D(2026, 1, 2))
    filing.close(waiting, closed="2026-03-01")
    handover.hand_over(waiting)
    login(portal, "lta")
    handover.accept(accepted)
    return a, still_open, waiting, accepted


def refused_in_archive(step, *args):
    with pytest.raises(AgencyDissolved) as refused:
        step(*args)
    assert "lưu trữ" in translate(refused.value.message(), target_language="vi")


def test_a_dissolved_agencys_case_files_are_read_only(portal, case_files):
    a, still_open, waiting, accepted = case_files
    with api.env.adopt_roles(["Manager"]):
        dissolve(a)
    login(portal, "xla")
    refused_in_archive(filing.add_documents, still_open, ["x"])
    refused_in_archive(filing.close, still_open)
    still_open.title = "Đổi tên"
    refused_in_archive(notify, ObjectModifiedEvent(still_open))
    login(portal, "lta")
    refused_in_archive(handover.accept, waiting)
    refused_in_archive(handover.return_hand_over, waiting, "Lý do")
    assert api.content.get_state(still_open) == "open"
    assert api.content.get_state(waiting) == "handed_over"
    with api.env.adopt_roles(["Manager"]):
        # the workflow itself refuses, whoever asks
        with pytest.raises(AgencyDissolved):
            api.portal.get_tool("portal_workflow").doActionFor(
                waiting, "accept_hand_over", qlvbdh_case_file_step="accept_hand_over")
        assert handover.send_notices(D(2026, 12, 1)) == {}


def test_a_merged_agencys_case_files_lie_in_the_receiving_agency(portal, case_files):
    a, still_open, waiting, accepted = case_files
    b = portal["ubndcb"]
    uids = [c.UID() for c in (still_open, waiting, accepted)]
    with api.env.adopt_roles(["Manager"]):
        merge_agency(a, b)
    catalog = api.portal.get_tool("portal_catalog")
    moved = {brain.UID: brain._unrestrictedGetObject()
             for brain in catalog.unrestrictedSearchResults(UID=uids)}
    assert all("/ubndcb/sttt/" in obj.absolute_url() for obj in moved.values())
    kept = moved[accepted.UID()]
    assert api.content.get_state(kept) == "accepted"
    # the receiving agency's leader and archivist read what the archive held
    for userid in ("ldb", "ltb"):
        login(portal, userid)
        assert getSecurityManager().checkPermission("View", kept), userid
    login(portal, "ltb")
    refused_in_archive(handover.accept, moved[waiting.UID()])
    # the receiving agency's list is of its own case files only
    assert handover.due_list(b, 2026) == [] and handover.due_list(b, 2027) == []


def test_a_merged_agencys_archive_is_read_by_the_receiving_archivists(portal, case_files):
    """The documents of a case file the merged agency's archive accepted are
    read by the receiving agency's archivists, through the same cause; the
    merged agency's own group no longer holds the grant."""
    from domain_fixtures import incoming
    from qlvbdh_policy.casefiles import archive_access
    from qlvbdh_policy.routing import role_assignments as ra

    a, _still_open, _waiting, accepted = case_files
    login(portal, "vta")
    doc = incoming(a["den-2026"], code_number="77", title="Công văn lưu trữ")
    with api.env.adopt_roles(["Manager"]):
        accepted.documents = [doc.UID()]
        archive_access.sync(accepted)
    assert [x["principal"] for x in ra.assignments(doc, role="ArchiveReader")] == [
        "sttt-archivists"]
    b = portal["ubndcb"]
    with api.env.adopt_roles(["Manager"]):
        merge_agency(a, b)
    moved = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        UID=doc.UID())[0]._unrestrictedGetObject()
    assert ra.assignments(moved, role="ArchiveReader") == [
        {"principal": "ubndcb-archivists", "role": "ArchiveReader",
         "cause": archive_access.cause_of(accepted)}]
    assert moved.get_local_roles_for_userid("sttt-archivists") == ()
    login(portal, "ltb")
    assert getSecurityManager().checkPermission("View", moved)
