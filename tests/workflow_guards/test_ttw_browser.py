"""Done when of issue 22, in Chromium on the real web screens: a site
manager copies the incoming workflow in the ZMI, adds "Chờ phó giám đốc
cho ý kiến" with its steps and meaning, binds the copy in a policy copy and
switches an agency with documents in every state to it on its
@@workflow-policy page. After each change (the switch, a document stepped
into the new state, the deputy named, the switch back) the officials read
in the browser "Việc của tôi" (the right person's list), the register
book's state filter, search by state and the statistics. A document
registered after the switch walks through the new state to the end; the
check page finds the document stuck while no deputy is named; the switch
back and forth through REST keeps every state too. The site manager's
guide shots (guide.shots.SITE_SHOTS) are taken on the way."""

from domain_fixtures import PDF
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from qlvbdh_policy.guide.shots import shots_of
from qlvbdh_policy.guide.shots import SITE_MANAGER
from rest_client import call
from rest_client import ok
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from ttw_fixtures import add_step_in_the_zmi
from ttw_fixtures import ASK
from ttw_fixtures import bind_copy_in_a_policy
from ttw_fixtures import DEPUTY
from ttw_fixtures import DEPUTY_NAME
from ttw_fixtures import GIVE
from ttw_fixtures import name_the_deputy
from ttw_fixtures import people
from ttw_fixtures import POLICY
from ttw_fixtures import POLICY_TITLE
from ttw_fixtures import STANDARD
from ttw_fixtures import STATE
from ttw_fixtures import STATE_TITLE
from ttw_fixtures import switch_on_the_page
from workflow_fixtures import in_flight

import transaction

OWNER = SITE_OWNER_NAME
NEW_TITLE = "Công văn về việc lấy ý kiến phó giám đốc sau khi đổi quy trình"
#: who has each in-flight document in "Việc của tôi"
HOLDER = {"registered": "vta", "submitted": "lda", "assigned": "xla", "in_progress": "xla",
          "completed": "xla"}


def title(state):
    return f"Văn bản {state}"


def states(docs):
    return {k: ok(call("GET", url, OWNER))["review_state"] for k, url in docs.items()}


def make_deputy_person(portal):
    """A deputy director of sttt, one of its staff: not yet a deputy."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email=f"{DEPUTY}@example.vn", username=DEPUTY, password=PASSWORD,
                        properties={"fullname": DEPUTY_NAME})
        api.group.add_user(groupname="sttt-staff", username=DEPUTY)


def read_all(who, expected, figures, deputy=True):
    """What each official reads now: ``expected`` {state: [titles]} the
    documents in each state; each document in its holder's list (the
    deputy's state: the deputy's, once named) and in no one else's; the
    book's filter and search by state find exactly them; the statistics
    as ``figures``."""
    lists = {user: who.my_work(user) for user in ("vta", "lda", "xla", DEPUTY)}
    for state, titles in expected.items():
        for t in titles:
            holders = {u for u, text in lists.items() if t in text}
            want = {HOLDER.get(state, DEPUTY if state == STATE and deputy else None)} - {None}
            assert holders == want, (t, state, holders, want)
        book, options = who.book(state)
        listed = {t for ts in expected.values() for t in ts if t in book}
        assert listed == set(titles), (state, listed)
        found = who.search(state)
        assert {t for ts in expected.values() for t in ts if t in found} == set(titles), state
    assert who.figures() == figures
    return options


def test_a_step_added_through_the_web(server, server_url, artifacts):
    portal = server["portal"]
    a, _b = make_province(portal)
    docs = {k: d.absolute_url() for k, d in in_flight(portal, a).items()}
    make_deputy_person(portal)
    transaction.commit()
    site = server_url
    expected = {state: [title(state)] for state in docs}
    with people(site, artifacts) as who:
        figures = who.figures()
        assert figures == {"incoming-registered": "5", "still-in-hand": "4", "overdue-now": "0"}
        add_step_in_the_zmi(who)
        bind_copy_in_a_policy(who)

        # 1. the switch to the copy: every state kept, every list as before
        text = switch_on_the_page(who, POLICY, "switch")
        assert POLICY_TITLE in text
        assert states(docs) == {k: k for k in docs}
        read_all(who, expected, figures)

        # 2. the leader asks the deputy's opinion with the step's button
        page = who.step("lda", docs["submitted"], ASK, "Đề nghị phó giám đốc cho ý kiến")
        assert states(docs)["submitted"] == STATE
        expected = dict(expected, submitted=[], **{STATE: [title("submitted")]})
        # in hand, in the book: the same counts; no one's list before a deputy is named
        options = read_all(who, expected, figures, deputy=False)
        assert STATE_TITLE in options
        # no deputy yet: the check page finds the document stuck
        page = who.go(OWNER, "sttt/@@kiem-tra-quy-trinh")
        who.artifact(page, "check")
        who.guide_shot(page, "kiem-tra", ".qlvbdh-stuck")
        assert title("submitted") in page.locator(".qlvbdh-stuck").inner_text()
        check = ok(call("GET", f"{site}/sttt/@workflow-check", OWNER))
        assert [d["state"] for d in check["agencies"][0]["stuck"]] == [STATE]

        # 3. the deputy named in Site Setup's group page: his list, nothing stuck
        name_the_deputy(who)
        read_all(who, expected, figures)
        assert "Cho ý kiến" in who.my_work(DEPUTY)  # the task's title
        assert ok(call("GET", f"{site}/sttt/@workflow-check", OWNER))["stuck_count"] == 0

        # 4. a document registered after the switch walks through the new state
        new_url = register_in_the_browser(who, artifacts)
        clerk = who.step("vta", new_url, "submit", "Kính trình lãnh đạo")
        assert "Trình lãnh đạo" in clerk.locator("body").inner_text()
        who.step("lda", new_url, ASK, "Xin ý kiến phó giám đốc về việc phân công")
        assert NEW_TITLE in who.my_work(DEPUTY) and NEW_TITLE not in who.my_work("lda")
        book, _options = who.book(STATE)
        assert NEW_TITLE in book and NEW_TITLE in who.search(STATE)
        more = {"incoming-registered": "6", "still-in-hand": "5", "overdue-now": "0"}
        assert who.figures() == more
        who.step(DEPUTY, new_url, GIVE, "Đồng ý giao chuyên viên Lê Minh Hiếu")
        assert NEW_TITLE in who.my_work("lda") and NEW_TITLE not in who.my_work(DEPUTY)
        ok(call("POST", f"{new_url}/@assign", "lda", {"handler": "xla"}))
        assert NEW_TITLE in who.my_work("xla")
        ok(call("POST", f"{new_url}/@workflow/start", "xla"))
        ok(call("POST", f"{new_url}/@complete", "xla", {"result": "Đã giải quyết xong"}))
        ok(call("POST", f"{new_url}/@workflow/file", "xla"))
        assert ok(call("GET", new_url, OWNER))["review_state"] == "filed"
        assert NEW_TITLE not in who.my_work("xla")
        assert who.figures() == {"incoming-registered": "6", "still-in-hand": "4",
                                 "overdue-now": "0"}

        # 5. back to the standard policy: its missing state mapped on the page
        text = switch_on_the_page(who, STANDARD, "switch-back", mapping={STATE: "submitted"},
                                  shot="chuyen-quy-trinh")
        assert "Đã chuyển sang quy trình" in text
        assert states(docs) == {k: k for k in docs}
        expected = {state: [title(state)] for state in docs}
        read_all(who, expected, {"incoming-registered": "6", "still-in-hand": "4",
                                 "overdue-now": "0"})
        assert ok(call("GET", new_url, OWNER))["review_state"] == "filed"

        # 6. and through REST, there and back: no state lost
        docs["new"] = new_url
        before = states(docs)
        url = f"{site}/sttt/@workflow-policy"
        there = ok(call("POST", url, OWNER, {"policy": POLICY}))
        assert there["policy"]["id"] == POLICY and there["switched_documents"] >= 6
        assert states(docs) == before
        back = ok(call("POST", url, OWNER, {"policy": STANDARD}))
        assert back["policy"]["id"] == STANDARD
        assert states(docs) == before
        assert title("submitted") in who.my_work("lda")
    assert who.shots and sorted(who.shots) == sorted(s for s, _c in shots_of(SITE_MANAGER))


def register_in_the_browser(who, artifacts):
    """The clerk registers a document in the incoming book's form."""
    pdf_file = artifacts / "ttw-cong-van.pdf"
    pdf_file.write_bytes(PDF)
    clerk = who.go("vta", "sttt/den-2026")
    clerk.click("#add-entry")
    clerk.wait_for_load_state()
    clerk.fill("#form-widgets-sender_name", "UBND tỉnh Tiền Giang")
    clerk.fill("#form-widgets-code_number", "77")
    clerk.fill("#form-widgets-code_notation", "UBND-VP")
    clerk.fill("#form-widgets-doc_date", "2026-11-25")
    clerk.select_option("#form-widgets-doc_type", "cong_van")
    clerk.fill("#form-widgets-title", NEW_TITLE)
    clerk.set_input_files("#form-widgets-file-input", str(pdf_file))
    clerk.click("#form-buttons-save")
    clerk.wait_for_load_state()
    assert "Đã vào sổ" in clerk.locator(".portalMessage").first.inner_text()
    return clerk.url.removesuffix("/view")
