"""Who may do what, on every state: the access matrix of the routing
workflows, checked cell by cell (view, edit, each step, find in search,
read through plone.restapi) for every kind of person.

People (tests/routing_fixtures.py): clerk vta, leader lda, handler xla,
co-handler pha, informed dba, staff of the same agency not involved cba,
staff of another agency cbb, agency admin qta, oversight giamsat, the
agency's archivist lta (issue 19: reads the case files handed over to the
archive and, from the hand-over on, their documents; no other document),
anonymous; for outgoing documents the drafter is xla and the department
head tpa, and the clerk of the recipient agency vtb.
"""

from AccessControl import getSecurityManager
from clock import TEST_TODAY
from domain_fixtures import incoming
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.uuid.utils import uuidToObject
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import steps as routing_steps
from routing_fixtures import make_archivist
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import pytest
import requests
import transaction

PEOPLE = {
    "clerk": "vta", "leader": "lda", "handler": "xla", "co-handler": "pha",
    "informed": "dba", "staff": "cba", "other agency": "cbb", "agency admin": "qta",
    "oversight": "giamsat", "archivist": "lta", "anonymous": None,
}
OUT_PEOPLE = {
    "clerk": "vta", "leader": "lda", "drafter": "xla", "department head": "tpa",
    "staff": "cba", "other agency": "cbb", "recipient clerk": "vtb",
    "agency admin": "qta", "oversight": "giamsat", "archivist": "lta", "anonymous": None,
}
ACTIVE = "clerk leader handler co-handler informed"

# state: (who views, who edits, {step: who may})
INCOMING = {
    "pending": ("clerk leader", "clerk", {"accept": "clerk", "return": "clerk", "recall": ""}),
    "registered": ("clerk leader", "clerk", {"submit": "clerk", "return": "clerk", "recall": ""}),
    "submitted": ("clerk leader", "clerk", {"assign": "leader", "pass_leader": "leader",
                                           "send_back": "leader", "recall": ""}),
    "assigned": (ACTIVE, "clerk", {"forward": "handler", "start": "handler",
                                   "complete": "handler", "recall": ""}),
    "in_progress": (ACTIVE, "clerk", {"forward": "handler", "complete": "handler", "recall": ""}),
    "completed": (ACTIVE, "", {"file": "clerk leader handler", "reopen": "clerk leader",
                               "recall": ""}),
    "filed": (ACTIVE, "", {"reopen": "clerk leader", "recall": ""}),
    "returned": ("clerk leader", "", {}),
    "recalled": (ACTIVE, "", {}),
}
# the clerk-assigns policy (qlvbdh_simple): no leader's step in between;
# the clerk or a leader assigns a registered document directly
SIMPLE = {
    state: cell for state, cell in INCOMING.items() if state != "submitted"
}
SIMPLE["registered"] = ("clerk leader", "clerk",
                        {"assign": "clerk leader", "return": "clerk", "recall": ""})
WRITERS = "drafter department head"
OUTGOING = {
    "draft": ("drafter department-head", "drafter", {"submit_review": "drafter"}),
    "review": ("drafter department-head leader", "department-head",
               {"approve": "department-head leader", "send_back": "department-head leader"}),
    "signing": ("drafter department-head leader", "leader",
                {"sign": "leader", "send_back": "leader"}),
    "signed": ("drafter department-head leader clerk", "clerk",
               {"issue": "clerk", "send_back": "clerk"}),
    "issued": ("drafter department-head leader clerk", "",
               {"archive": "clerk", "recall": "leader clerk"}),
    "archived": ("drafter department-head leader clerk", "", {"recall": "leader clerk"}),
    "recalled": ("drafter department-head leader clerk", "", {}),
}
DUE = TEST_TODAY + datetime.timedelta(days=5)


def who(cell):
    return set(cell.replace("department-head", "department_head").split()) if cell else set()


def norm(person):
    return person.replace(" ", "_")


# -- building one document per state ----------------------------------------


def as_manager(fn, *args, **kw):
    with api.env.adopt_roles(["Manager"]):
        return fn(*args, **kw)


def take_steps(doc, path):
    """Move an incoming document along ``path`` as the people would."""
    for step in path:
        if step[0] == "step":
            as_manager(routing_steps.simple_step, doc, step[1], "Lý do")
        elif step[0] == "assign":
            as_manager(routing_steps.assign, doc, "xla", ["pha"], ["dba"], DUE, "Xử lý")
        elif step[0] == "complete":
            as_manager(routing_steps.complete, doc, "Đã xử lý")
        elif step[0] == "recall":
            with api.env.adopt_roles(["Manager"]):
                api.portal.get_tool("portal_workflow").doActionFor(doc, "recall",
                                                                   comment="Thu hồi")
    return doc


def incoming_in(a, b, state):
    if state == "pending":
        with api.env.adopt_roles(["Manager"]):
            return api.content.create(
                container=a["cho-tiep-nhan"], type="IncomingDocument", id="cho-1",
                title="Văn bản chờ tiếp nhận", sender_name="UBND huyện Cái Bè",
                doc_date=datetime.date(2026, 11, 20), doc_type="cong_van",
                code_number="12", code_notation="UBND-VP")
    doc = incoming(a["den-2026"], title=f"Văn bản đến ở trạng thái {state}",
                   code_number=str(len(state) * 7))
    path = {
        "registered": [], "returned": [("step", "return")],
        "submitted": [("step", "submit")],
        "assigned": [("step", "submit"), ("assign",)],
        "in_progress": [("step", "submit"), ("assign",), ("step", "start")],
        "completed": [("step", "submit"), ("assign",), ("step", "start"), ("complete",)],
        "filed": [("step", "submit"), ("assign",), ("step", "start"), ("complete",),
                  ("step", "file")],
        "recalled": [("step", "submit"), ("assign",), ("recall",)],
    }[state]
    return take_steps(doc, path)


def simple_incoming_in(a, b, state):
    """A document of the clerk-assigns policy: registered, then assigned."""
    if state == "pending":
        return incoming_in(a, b, state)
    doc = incoming(a["den-2026"], title=f"Văn bản đến (văn thư phân công) {state}",
                   code_number=str(len(state) * 11))
    path = {
        "registered": [], "returned": [("step", "return")],
        "assigned": [("assign",)],
        "in_progress": [("assign",), ("step", "start")],
        "completed": [("assign",), ("step", "start"), ("complete",)],
        "filed": [("assign",), ("step", "start"), ("complete",), ("step", "file")],
        "recalled": [("assign",), ("recall",)],
    }[state]
    return take_steps(doc, path)


def outgoing_in(a, b, state):
    login(api.portal.get(), "xla")
    doc = outgoing(a["di-2026"], title=f"Văn bản đi ở trạng thái {state}", file=pdf(),
                   drafting_department=a["vp"].UID(), recipients_internal=[b.UID()])
    doc.changeOwnership(api.user.get(userid="xla").getUser())
    doc.manage_setLocalRoles("xla", ["Owner"])
    doc.reindexObjectSecurity()
    path = ["submit_review", "approve", "sign", "issue"]
    by_state = {"draft": [], "review": path[:1], "signing": path[:2], "signed": path[:3],
                "issued": path, "archived": path + ["archive"], "recalled": path + ["recall"]}
    for step in by_state[state]:
        as_manager(routing_steps.simple_step, doc, step, "Lý do")
    return doc


@pytest.fixture
def documents(server):
    portal = server["portal"]
    a, b = make_province(portal)
    make_archivist(portal)
    docs = {}
    for state in INCOMING:
        docs["in", state] = incoming_in(a, b, state)
    for state in OUTGOING:
        docs["out", state] = outgoing_in(a, b, state)
    logout()
    for key, doc in docs.items():
        assert api.content.get_state(doc) == key[1], key
    transaction.commit()
    return portal, {k: d.UID() for k, d in docs.items()}


# -- observing one cell -------------------------------------------------------


def observe(portal, uid, userid, steps):
    """What ``userid`` can do with the document, seen from inside Plone."""
    doc = uuidToObject(uid, unrestricted=True)
    if userid:
        login(portal, userid)
    else:
        logout()
    sm = getSecurityManager()
    found = bool(api.portal.get_tool("portal_catalog")(UID=uid))
    transitions = {t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(doc)}
    seen = {
        "view": bool(sm.checkPermission("View", doc)),
        "edit": bool(sm.checkPermission("Modify portal content", doc)),
        "search": found,
    }
    for step in steps:
        if step == "accept":
            # from the inbox, @accept moves the document into a register
            # first; the step's permission decides who may
            seen[step] = bool(sm.checkPermission("qlvbdh_policy: Accept document", doc))
        else:
            seen[step] = step in transitions
    logout()
    return seen


def rest_reads(url, userid):
    auth = (userid, PASSWORD) if userid else None
    r = requests.get(url, headers={"Accept": "application/json"}, auth=auth, timeout=30)
    # 403 for a person logged in, 401 only without credentials (issue 17)
    assert r.status_code in ((200, 403) if userid else (200, 401)), (url, userid, r.status_code)
    return r.status_code == 200


def cells(table, people):
    for state, (view, edit, steps) in table.items():
        for person, userid in people.items():
            yield state, person, userid, view, edit, steps


def check(documents, server_url, kind, table, people):
    portal, uids = documents
    wrong = []
    for state, person, userid, view, edit, steps in cells(table, people):
        uid = uids[kind, state]
        seen = observe(portal, uid, userid, steps)
        expected = {"view": norm(person) in who(view), "edit": norm(person) in who(edit),
                    "search": norm(person) in who(view)}
        for step, allowed in steps.items():
            expected[step] = norm(person) in who(allowed)
        doc = uuidToObject(uid, unrestricted=True)
        url = doc.absolute_url().replace(portal.absolute_url(), server_url)
        seen["rest"] = rest_reads(url, userid)
        expected["rest"] = expected["view"]
        for action in expected:
            if seen[action] != expected[action]:
                wrong.append(f"{kind} {state} {person} {action}: "
                             f"expected {expected[action]}, got {seen[action]}")
    return wrong


def test_incoming_matrix(documents, server_url):
    wrong = check(documents, server_url, "in", INCOMING, PEOPLE)
    assert wrong == []


def test_outgoing_matrix(documents, server_url):
    wrong = check(documents, server_url, "out", OUTGOING, OUT_PEOPLE)
    assert wrong == []


@pytest.fixture
def simple_documents(server):
    """Agency a under the clerk-assigns policy, one document per state."""
    from qlvbdh_policy.agencies.workflow_policies import switch_policy

    portal = server["portal"]
    a, b = make_province(portal)
    make_archivist(portal)
    with api.env.adopt_roles(["Manager"]):
        switch_policy(a, "qlvbdh_simple")
    docs = {("simple", state): simple_incoming_in(a, b, state) for state in SIMPLE}
    logout()
    wftool = api.portal.get_tool("portal_workflow")
    for key, doc in docs.items():
        assert api.content.get_state(doc) == key[1], key
        assert wftool.getChainFor(doc) == ("qlvbdh_incoming_simple_workflow",), key
    transaction.commit()
    return portal, {k: d.UID() for k, d in docs.items()}


def test_simple_incoming_matrix(simple_documents, server_url):
    wrong = check(simple_documents, server_url, "simple", SIMPLE, PEOPLE)
    assert wrong == []


def test_matrix_covers_every_state_and_step(documents):
    wftool = api.portal.get_tool("portal_workflow")
    for table, wf_id in ((INCOMING, "qlvbdh_incoming_workflow"),
                         (SIMPLE, "qlvbdh_incoming_simple_workflow"),
                         (OUTGOING, "qlvbdh_outgoing_workflow")):
        wf = wftool[wf_id]
        assert set(table) == set(wf.states.objectIds())
        for state, (view, edit, steps) in table.items():
            user_steps = {t for t in wf.states[state].transitions
                          if wf.transitions[t].trigger_type != 0}
            assert set(steps) == user_steps, state


def test_delivered_copy_reaches_only_the_recipient(documents, server_url):
    """The issued document's copy waits in the recipient's inbox: its clerk
    sees it; the sender's people and other staff do not."""
    portal, uids = documents
    doc = uuidToObject(uids["out", "issued"], unrestricted=True)
    copy_uid = delivery.deliveries(doc)[next(iter(delivery.deliveries(doc)))]["copy_uid"]
    for userid, allowed in (("vtb", True), ("ldb", True), ("cbb", False), ("vta", False),
                            ("lda", False), ("xla", False), ("giamsat", False)):
        assert observe(portal, copy_uid, userid, [])["view"] is allowed, userid


# -- case files and their hand-over to the archive (issue 19) ------------------

CASE_PEOPLE = {
    "responsible": "xla", "clerk": "vta", "leader": "lda", "archivist": "lta",
    "staff": "cba", "other agency": "cbb", "agency admin": "qta", "oversight": "giamsat",
    "anonymous": None,
}
KEEPERS = "responsible clerk leader"
CASE_FILE = {
    "open": (KEEPERS, KEEPERS, {"close": KEEPERS}),
    "closed": (KEEPERS, "", {"reopen": "", "hand_over": "responsible"}),
    "handed_over": (KEEPERS + " archivist", "",
                    {"accept_hand_over": "archivist", "return_hand_over": "archivist"}),
    "accepted": ("responsible leader archivist", "", {}),
}


@pytest.fixture
def case_files(server):
    """One case file of xla's per state of the case file workflow."""
    from qlvbdh_policy.casefiles import filing
    from qlvbdh_policy.casefiles import handover

    portal = server["portal"]
    a, _b = make_province(portal)
    make_archivist(portal)
    found = {}
    for state in CASE_FILE:
        login(portal, "xla")
        case = filing.open_case_file(a, outside_plan=True, code=f"0{len(found) + 1}.VP",
                                     title=f"Hồ sơ ở trạng thái {state}", retention="10",
                                     opened=datetime.date(2026, 1, 5))
        if state != "open":
            filing.close(case, closed="2026-06-30")
        if state in ("handed_over", "accepted"):
            handover.hand_over(case)
        if state == "accepted":
            login(portal, "lta")
            handover.accept(case)
        found["case", state] = case
    logout()
    for (_kind, state), case in found.items():
        assert api.content.get_state(case) == state
    transaction.commit()
    return portal, {k: c.UID() for k, c in found.items()}


def test_case_file_matrix(case_files, server_url):
    wrong = check(case_files, server_url, "case", CASE_FILE, CASE_PEOPLE)
    assert wrong == []


def test_case_file_matrix_covers_every_state_and_step(case_files):
    wf = api.portal.get_tool("portal_workflow")["qlvbdh_case_file_workflow"]
    assert set(CASE_FILE) == set(wf.states.objectIds())
    for state, (_view, _edit, steps) in CASE_FILE.items():
        assert set(steps) == set(wf.states[state].transitions), state


# -- a filed document as the archive sees it (issue 19) -------------------------

FILED_VIEW = ACTIVE
# state of the case file holding the filed document: (who views, who edits)
HELD = {
    "open": (FILED_VIEW, "", {}),
    "closed": (FILED_VIEW, "", {}),
    "handed_over": (FILED_VIEW + " archivist", "", {}),
    "accepted": (FILED_VIEW + " archivist", "", {}),
    "returned": (FILED_VIEW, "", {}),
}


@pytest.fixture
def held_documents(server):
    """One filed incoming document per state of the case file of xla's
    that holds it; “returned”: handed over, then returned."""
    from qlvbdh_policy.casefiles import filing
    from qlvbdh_policy.casefiles import handover

    portal = server["portal"]
    a, b = make_province(portal)
    make_archivist(portal)
    docs = {}
    for n, state in enumerate(HELD):
        doc = incoming_in(a, b, "filed")
        login(portal, "xla")
        case = filing.open_case_file(a, outside_plan=True, code=f"0{n + 1}.VP",
                                     title=f"Hồ sơ giữ văn bản ({state})", retention="10")
        filing.add_documents(case, [doc.UID()])
        if state != "open":
            filing.close(case)
        if state in ("handed_over", "accepted", "returned"):
            handover.hand_over(case)
        login(portal, "lta")
        if state == "accepted":
            handover.accept(case)
        if state == "returned":
            handover.return_hand_over(case, "Thiếu văn bản")
        docs["held", state] = doc
    logout()
    transaction.commit()
    return portal, {k: d.UID() for k, d in docs.items()}


def test_held_document_matrix(held_documents, server_url):
    """The archivist reads a filed document while a case file handed over
    or accepted holds it, never changes it; no more once it is returned."""
    wrong = check(held_documents, server_url, "held", HELD, PEOPLE)
    assert wrong == []
