"""The Sharing tab's rule (rules/sharing.py), table by table: what a posted
entry would change, and which change is refused to whom; and which account
changes the agency's leaders hear of (rules/access_changes.py)."""

from qlvbdh_policy.rules import access_changes as changes_rule
from qlvbdh_policy.rules import sharing

import pytest

OFFERED_TO_ADMIN = sharing.AGENCY_ADMIN_ROLES
OFFERED_TO_MANAGER = sharing.AGENCY_ADMIN_ROLES | sharing.SITE_MANAGER_ROLES
ADMIN_SELF = frozenset({"qta", "sttt-admins", "AuthenticatedUsers"})


@pytest.mark.parametrize("asked,offered,held,expected", [
    # granting an offered role
    ({"Staff": True}, OFFERED_TO_ADMIN, set(), [("Staff", True)]),
    # an offered role left out of the entry is taken away, as Plone does
    ({"Staff": True}, OFFERED_TO_ADMIN, {"AgencyAdmin"}, [("AgencyAdmin", False), ("Staff", True)]),
    # the same as held: nothing
    ({"Staff": True, "AgencyAdmin": False}, OFFERED_TO_ADMIN, {"Staff"}, []),
    # None (inherited, as GET shows it) is not a grant
    ({"Staff": None}, OFFERED_TO_ADMIN, set(), []),
    # a role not offered counts when named, for a grant or a revoke
    ({"Leader": True}, OFFERED_TO_ADMIN, set(), [("Leader", True)]),
    ({"Leader": False}, OFFERED_TO_ADMIN, {"Leader"}, [("Leader", False)]),
    # ... and only then: a role held but not offered stays untouched
    ({}, OFFERED_TO_ADMIN, {"Leader"}, []),
    ({"Leader": True}, OFFERED_TO_ADMIN, {"Leader"}, []),
])
def test_changes_of_an_entry(asked, offered, held, expected):
    assert sharing.changes(sharing.wanted_roles(asked, offered), held) == expected


@pytest.mark.parametrize("principal,role,delegable,own,expected", [
    ("cba", "Staff", OFFERED_TO_ADMIN, ADMIN_SELF, None),
    ("cba", "AgencyAdmin", OFFERED_TO_ADMIN, ADMIN_SELF, None),
    ("qta", "Staff", OFFERED_TO_ADMIN, ADMIN_SELF, sharing.OWN_ROLES),
    ("sttt-admins", "AgencyAdmin", OFFERED_TO_ADMIN, ADMIN_SELF, sharing.OWN_ROLES),
    ("AuthenticatedUsers", "Staff", OFFERED_TO_ADMIN, ADMIN_SELF, sharing.OWN_ROLES),
    ("qta", "Leader", OFFERED_TO_ADMIN, ADMIN_SELF, sharing.NOT_DELEGABLE),
    ("cba", "Leader", OFFERED_TO_ADMIN, ADMIN_SELF, sharing.NOT_DELEGABLE),
    ("cba", "Reader", OFFERED_TO_ADMIN, ADMIN_SELF, sharing.NOT_DELEGABLE),
    ("cba", "Oversight", OFFERED_TO_ADMIN, ADMIN_SELF, sharing.NOT_DELEGABLE),
    ("cba", "Manager", OFFERED_TO_MANAGER, frozenset(), sharing.NOT_DELEGABLE),
    # a site manager gives any role of the tab, to anyone
    ("cba", "Leader", OFFERED_TO_MANAGER, frozenset(), None),
    ("admin", "Handler", OFFERED_TO_MANAGER, frozenset(), None),
])
def test_refusal(principal, role, delegable, own, expected):
    assert sharing.refusal(principal, role, delegable, own) == expected


@pytest.mark.parametrize("role", ["Clerk", "Leader", "DepartmentHead", "Handler", "CoHandler",
                                  "Informed", "Reader", "Editor", "Contributor", "Reviewer"])
def test_every_role_that_opens_documents_is_a_site_managers(role):
    assert role in sharing.SITE_MANAGER_ROLES and role not in sharing.AGENCY_ADMIN_ROLES


def test_role_delta():
    assert sharing.role_delta({"Staff", "Owner"}, {"Owner", "AgencyAdmin"}) == (
        ["AgencyAdmin"], ["Staff"])
    assert sharing.role_delta(set(), set()) == ([], [])


# -- rules/access_changes.py: what the agency's leaders hear of ------------------

STAFF_VP = {"kind": "staff", "department": "vp", "email": "a@x.vn", "disabled": False}


@pytest.mark.parametrize("before,after,expected", [
    # a new account: every tracked field it has
    (None, {"kind": "leader", "department": None, "email": "a@x.vn", "disabled": False},
     [("kind", None, "leader"), ("email", None, "a@x.vn")]),
    (STAFF_VP, dict(STAFF_VP, kind="leader", department=None),
     [("kind", "staff", "leader"), ("department", "vp", None)]),
    (STAFF_VP, dict(STAFF_VP, disabled=True), [("disabled", False, True)]),
    (STAFF_VP, dict(STAFF_VP, email="b@x.vn"), [("email", "a@x.vn", "b@x.vn")]),
    # nothing that opens or closes access: no change
    (STAFF_VP, dict(STAFF_VP, fullname="Tên khác"), []),
    (dict(STAFF_VP, email=""), dict(STAFF_VP, email=None), []),
    (dict(STAFF_VP, disabled=None), STAFF_VP, []),
])
def test_account_changes(before, after, expected):
    assert changes_rule.account_changes(before, after) == expected


@pytest.mark.parametrize("action,kind,changes,told", [
    ("create", "leader", [("kind", None, "leader")], True),
    ("create", "clerk", [("kind", None, "clerk")], True),
    ("create", "department_head", [("kind", None, "department_head")], True),
    ("create", "admin", [("kind", None, "admin")], True),   # he makes the others
    ("create", "staff", [("kind", None, "staff")], False),  # logged only
    ("change", "staff", [("kind", "leader", "staff")], True),
    ("change", "staff", [("disabled", False, True)], True),
    ("change", "staff", [], False),
    ("reset_password", "staff", [], True),
    ("move_in", "leader", [("agency", "A", "B")], True),
    ("sharing", None, [], False),  # site managers' own work, logged
])
def test_who_tells_the_leaders(action, kind, changes, told):
    assert changes_rule.tell_leaders(action, kind, changes) is told


@pytest.mark.parametrize("addresses,excluded,expected", [
    ({"lda": "lda@x.vn", "qta": "qta@x.vn"}, {"qta"}, ["lda@x.vn"]),
    # an account given the leader's address silences nobody
    ({"lda": "lda@x.vn", "fake": "lda@x.vn"}, {"qta", "fake"}, ["lda@x.vn"]),
    ({"lda": "lda@x.vn", "ldb": " lda@x.vn "}, set(), ["lda@x.vn"]),
    ({"lda": "", "ldc": None}, set(), []),
    ({"qta": "qta@x.vn"}, {"qta"}, []),
])
def test_recipients(addresses, excluded, expected):
    assert changes_rule.recipients(addresses, excluded) == expected
