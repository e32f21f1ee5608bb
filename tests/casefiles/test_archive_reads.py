"""The archive reads the documents of the case files given to it (issue 19:
“accepted files belong to the archive, readable per its rules”): from the
hand-over on, while accepted, never to change them; a returned case file
takes back only its own grant; only the documents whose roles changed are
reindexed. And the open form offers only the entries the person may open."""

from AccessControl import getSecurityManager
from domain_fixtures import incoming
from plone import api
from plone.app.testing import login
from qlvbdh_policy.casefiles import archive_access
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import handover
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.routing import steps
from routing_fixtures import make_archivist
from zope.annotation.interfaces import IAnnotations

import datetime
import pytest

D = datetime.date
GROUP = "sttt-archivists"


def fresh_roles():
    """borg.localrole keeps each user's local roles on the request: a new
    request would see the grant, so forget them as one would."""
    memo = IAnnotations(api.portal.get().REQUEST)
    for key in [k for k in memo if str(k).startswith("borg.localrole")]:
        del memo[key]


def can(userid, permission, obj):
    login(api.portal.get(), userid)
    fresh_roles()
    return bool(getSecurityManager().checkPermission(permission, obj))


def finds(userid, doc):
    login(api.portal.get(), userid)
    return bool(api.portal.get_tool("portal_catalog")(UID=doc.UID()))


@pytest.fixture
def two_case_files(portal, province):
    """Two filed documents; xla's case file holds both, pha's the first:
    both closed."""
    a, _b = province
    make_archivist(portal)
    login(portal, "vta")
    docs = [incoming(a["den-2026"], code_number=n, title=f"Công văn số {n}")
            for n in ("41", "42")]
    for doc in docs:
        steps.simple_step(doc, "submit")
    login(portal, "lda")
    for doc in docs:
        steps.assign(doc, "xla", co_handlers=["pha"])
    cases = {}
    for who, held in (("xla", docs), ("pha", docs[:1])):
        login(portal, who)
        case = filing.open_case_file(a, outside_plan=True, code=f"0{len(cases) + 1}.VP",
                                     title=f"Hồ sơ của {who}", retention="10",
                                     opened=D(2026, 1, 5))
        filing.add_documents(case, [d.UID() for d in held])
        filing.close(case)
        cases[who] = case
    return cases, docs


def test_the_archive_reads_from_hand_over_on_and_never_changes(portal, two_case_files):
    cases, (first, second) = two_case_files
    assert not can("lta", "View", first) and not finds("lta", first)
    login(portal, "xla")
    handover.hand_over(cases["xla"])
    for doc in (first, second):
        assert can("lta", "View", doc) and can("lta", "Access contents information", doc)
        assert finds("lta", doc)
        assert not can("lta", "Modify portal content", doc)
        assert ra.assignments(doc, role="ArchiveReader") == [
            {"principal": GROUP, "role": "ArchiveReader",
             "cause": archive_access.cause_of(cases["xla"])}]
    # the archive's role is on the group, on these documents only
    assert first.get_local_roles_for_userid(GROUP) == ("ArchiveReader",)
    assert "ArchiveReader" not in cases["xla"].aq_parent.get_local_roles_for_userid(GROUP)
    # the toc names them for the archivist, the case file stays frozen
    login(portal, "lta")
    assert [r["readable"] for r in filing.toc(cases["xla"])] == [True, True]
    handover.accept(cases["xla"])
    assert can("lta", "View", first) and can("lta", "View", second)
    assert not can("lta", "Modify portal content", second)
    # another person of the agency gains nothing
    assert not can("cba", "View", first)


def test_a_return_takes_back_only_its_own_grant(portal, two_case_files):
    cases, (first, second) = two_case_files
    login(portal, "pha")
    handover.hand_over(cases["pha"])
    login(portal, "lta")
    handover.accept(cases["pha"])
    login(portal, "xla")
    handover.hand_over(cases["xla"])
    assert can("lta", "View", first) and can("lta", "View", second)
    login(portal, "lta")
    handover.return_hand_over(cases["xla"], "Thiếu văn bản")
    assert api.content.get_state(cases["xla"]) == "closed"
    # the first is still in pha's accepted case file, the second nowhere
    assert can("lta", "View", first) and finds("lta", first)
    assert not can("lta", "View", second) and not finds("lta", second)
    assert second.get_local_roles_for_userid(GROUP) == ()
    assert [a["cause"] for a in ra.assignments(first, role="ArchiveReader")] == [
        archive_access.cause_of(cases["pha"])]
    # the routing roles on them are as they were
    assert ra.principals_with(second, "Handler") == ["xla"]
    assert can("xla", "View", second)


def test_a_deleted_case_file_takes_its_grant_with_it(portal, two_case_files):
    cases, (first, second) = two_case_files
    for who in ("pha", "xla"):
        login(portal, who)
        handover.hand_over(cases[who])
    assert can("lta", "View", second)
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(cases["xla"], check_linkintegrity=False)
    # the second was only in xla's case file: no longer read by the archive
    assert not can("lta", "View", second) and not finds("lta", second)
    assert ra.assignments(second, role="ArchiveReader") == []
    # the first is still in pha's handed-over case file
    assert can("lta", "View", first)
    assert [a["cause"] for a in ra.assignments(first, role="ArchiveReader")] == [
        archive_access.cause_of(cases["pha"])]
    # the documents themselves stay, with their routing roles
    assert second.aq_parent is not None and can("xla", "View", second)


def test_only_documents_whose_roles_change_are_reindexed(portal, two_case_files):
    cases, (first, second) = two_case_files
    login(portal, "pha")
    handover.hand_over(cases["pha"])
    with api.env.adopt_roles(["Manager"]):
        assert archive_access.sync(cases["pha"]) == []  # granted already: nothing
        assert archive_access.sync(cases["xla"]) == []  # closed: nothing to take back
    login(portal, "xla")
    handover.hand_over(cases["xla"])
    with api.env.adopt_roles(["Manager"]):
        assert archive_access.sync(cases["xla"]) == []


def test_the_open_form_offers_only_the_entries_one_may_open(portal, plan):
    from qlvbdh_policy.browser.case_files import openable_entries

    agency = plan.aq_parent

    def offered(userid):
        login(portal, userid)
        return sorted(t.title.split(" · ")[1][:5] for t in openable_entries(agency))

    assert offered("xla") == ["01.VP"]
    assert offered("pha") == ["02.VP"]
    assert offered("cba") == []
    assert offered("vta") == offered("lda") == ["01.VP", "02.VP"]
    # naming himself responsible for another person's entry is refused
    login(portal, "pha")
    entry = next(e for e in plan.objectValues() if e.code == "01.VP")
    with pytest.raises(filing.CaseFileForbidden) as refused:
        filing.open_case_file(agency, plan_entry=entry.UID(), responsible="pha")
    assert refused.value.mapping["name"] == "Lê Minh Hiếu"
