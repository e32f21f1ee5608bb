"""What an agency admin must not do (issue 14, "Access"), attacked over HTTP
on the WSGI server layer as the admin ``qta`` of sttt, who reads none of
the agency's documents (tests/site/test_access_matrix.py):

- give himself Leader on the Sharing tab (REST ``@sharing`` and Plone's
  ``@@sharing`` form with its authenticator), or any role through a group
  he belongs to: refused, REST answers 403 naming the role;
- grant, through Sharing, a role that opens documents (the project's
  document roles and Plone's Reader/Editor/Contributor/Reviewer): only
  site managers may;
- change his own kind or department (REST ``@accounts`` PATCH, the
  accounts page): refused naming the field, REST 403;
- reset a leader's password quietly: the leader is told by mail (a real
  SMTP server on loopback), without the password; so is the old address
  when the admin changes an account's e-mail.

Every grant or revoke through Sharing is kept in the agency's log with who
did it, when, on what, to whom. What Quy chế Điều 8.4 leaves him — creating
a leader, making someone one, disabling, resetting — is done in the open:
kept in that log of access changes, mailed to the agency's leaders, read
by them through ``@access-log`` (403 to others); his own row on the
accounts page offers no kind or department to change.
"""

from domain_fixtures import incoming
from mail_fixtures import delivered
from mail_fixtures import mailbox as mail_server
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from qlvbdh_policy.routing import steps
from rest_client import caller
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import pytest
import re
import requests
import transaction

JSON = {"Accept": "application/json"}


@pytest.fixture
def site(server, server_url):
    """The province, and a document of sttt waiting for its leader
    (submitted): the clerk and the leader read it, the admin does not."""
    portal = server["portal"]
    a, b = make_province(portal)
    login(portal, "vta")
    doc = incoming(a["den-2026"], title="Văn bản chỉ lãnh đạo và văn thư đọc")
    steps.simple_step(doc, "submit")
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), server_url)
    return {"portal": portal, "url": server_url, "doc": url, "agency": a}


@pytest.fixture
def mailbox(site, tmp_path):
    """A real SMTP server on loopback; mails leave through the site's queue
    after the request commits, so each test waits for them (``delivered``)."""
    with mail_server(tmp_path) as inbox:
        yield inbox


call = caller("qta")


def reads(url, user="qta"):
    answer = call("GET", url, user)
    assert answer.status_code in (200, 401, 403), answer.status_code
    return answer.status_code == 200


def local_roles(obj, principal):
    transaction.begin()  # see what the server committed
    return set(obj.get_local_roles_for_userid(principal))


def token(html):
    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)


def session_of(user="qta"):
    session = requests.Session()
    session.auth = (user, PASSWORD)
    return session


# -- Sharing -------------------------------------------------------------------


def test_admin_cannot_grant_himself_leader_through_rest_sharing(site):
    assert not reads(site["doc"])
    answer = call("POST", f"{site['url']}/sttt/@sharing",
                  json={"entries": [{"id": "qta", "type": "user", "roles": {"Leader": True}}]})
    assert answer.status_code == 403, answer.text
    body = answer.json()
    assert body["errors"][0]["role"] == "Leader"
    assert "Lãnh đạo" in body["message"]
    assert "Leader" not in local_roles(site["agency"], "qta")
    assert not reads(site["doc"])


def test_admin_cannot_grant_himself_leader_on_the_sharing_form(site):
    session = session_of()
    url = f"{site['url']}/sttt/@@sharing"
    page = session.get(url, timeout=60)
    assert page.status_code == 200
    # Lãnh đạo is not even offered to him
    assert 'name="entries.role_Leader:records"' not in page.text
    form = {"_authenticator": token(page.text), "form.submitted": "1",
            "form.button.Save": "Lưu", "inherit": "True", "entries.id:records": "qta",
            "entries.type:records": "user", "entries.role_Leader:records": "True"}
    answer = session.post(url, data=form, timeout=60)
    assert "Lãnh đạo" in answer.text and "không được" in answer.text
    assert "Leader" not in local_roles(site["agency"], "qta")
    assert not reads(site["doc"])


@pytest.mark.parametrize("principal,kind,role", [
    ("qta", "user", "Staff"),                 # himself, a role he may give others
    ("sttt-admins", "group", "Staff"),        # through his group
    ("AuthenticatedUsers", "group", "Staff"),  # through everyone
    ("cba", "user", "Reader"),                # Plone's roles open documents
    ("cba", "user", "Editor"),
    ("cba", "user", "Handler"),               # routing gives these, not Sharing
    ("cba", "user", "Oversight"),             # province-wide, site managers only
])
def test_sharing_refusals_answer_403(site, principal, kind, role):
    answer = call("POST", f"{site['url']}/sttt/den-2026/@sharing",
                  json={"entries": [{"id": principal, "type": kind, "roles": {role: True}}]})
    assert answer.status_code == 403, answer.text
    assert answer.json()["errors"][0]["role"] == role
    assert role not in local_roles(site["agency"]["den-2026"], principal)


def test_admin_revokes_nothing_of_his_own_nor_a_leader(site):
    register = site["agency"]
    answer = call("POST", f"{site['url']}/sttt/@sharing",
                  json={"entries": [{"id": "sttt-admins", "type": "group",
                                     "roles": {"AgencyAdmin": False}}]})
    assert answer.status_code == 403, answer.text
    assert "AgencyAdmin" in local_roles(register, "sttt-admins")
    answer = call("POST", f"{site['url']}/sttt/@sharing",
                  json={"entries": [{"id": "sttt-leaders", "type": "group",
                                     "roles": {"Leader": False}}]})
    assert answer.status_code == 403, answer.text
    assert "Leader" in local_roles(register, "sttt-leaders")


def test_grants_through_sharing_are_logged(site):
    from qlvbdh_policy.stats import access_log
    url = f"{site['url']}/sttt/den-2026/@sharing"
    # what an agency admin may still do: Staff for someone else
    allowed = call("POST", url, json={"entries": [{"id": "cbb", "type": "user",
                                                   "roles": {"Staff": True}}]})
    assert allowed.status_code == 204, allowed.text
    # a site manager grants Leader
    manager = call("POST", url, SITE_OWNER_NAME,
                   json={"entries": [{"id": "cba", "type": "user", "roles": {"Leader": True}}]})
    assert manager.status_code == 204, manager.text
    again = call("POST", url, json={"entries": [{"id": "cbb", "type": "user",
                                                 "roles": {"Staff": False}}]})
    assert again.status_code == 204, again.text
    # an unchanged form changes and logs nothing
    same = call("POST", url, json={"entries": [{"id": "cbb", "type": "user",
                                                "roles": {"Staff": False}}]})
    assert same.status_code == 204
    transaction.begin()
    log = access_log.log_of(site["agency"])
    assert [(e["actor"], e["principal"], e["added"], e["removed"]) for e in log] == [
        ("qta", "cbb", ["Staff"], []),
        (SITE_OWNER_NAME, "cba", ["Leader"], []),
        ("qta", "cbb", [], ["Staff"]),
    ]
    assert all(e["path"] == "/plone/sttt/den-2026" and e["when"] for e in log)
    assert local_roles(site["agency"]["den-2026"], "cba") == {"Leader"}


def test_sharing_form_grant_is_logged(site):
    from qlvbdh_policy.stats import access_log
    session = session_of()
    url = f"{site['url']}/sttt/den-2026/@@sharing"
    page = session.get(url, timeout=60)
    form = {"_authenticator": token(page.text), "form.submitted": "1",
            "form.button.Save": "Lưu", "inherit": "True", "entries.id:records": "cbb",
            "entries.type:records": "user", "entries.role_Staff:records": "True"}
    answer = session.post(url, data=form, timeout=60)
    assert answer.status_code == 200
    transaction.begin()
    [entry] = access_log.log_of(site["agency"])
    assert (entry["actor"], entry["principal"], entry["added"]) == ("qta", "cbb", ["Staff"])


# -- own account ---------------------------------------------------------------


def test_admin_cannot_make_himself_leader_through_rest(site):
    url = f"{site['url']}/sttt/@accounts/qta"
    answer = call("PATCH", url, json={"kind": "leader"})
    assert answer.status_code == 403, answer.text
    assert answer.json()["errors"][0]["field"] == "kind"
    assert "Vai trò" in answer.json()["message"]
    department = call("PATCH", url, json={"department": "vp"})
    assert department.status_code == 403, department.text
    assert department.json()["errors"][0]["field"] == "department"
    moved = call("POST", f"{url}/move", json={"agency": "ubndcb"})
    assert moved.status_code == 403, moved.text
    # nor by joining the leaders' group through plone.restapi's @groups
    joined = call("PATCH", f"{site['url']}/@groups/sttt-leaders", json={"users": {"qta": True}})
    assert joined.status_code in (401, 403), joined.text
    assert call("GET", url).json()["account"]["kind"] == "admin"
    assert not reads(site["doc"])


def test_admin_cannot_make_himself_leader_on_the_page(site):
    session = session_of()
    url = f"{site['url']}/sttt/@@accounts"
    page = session.get(url, timeout=60)
    answer = session.post(url, timeout=60, data={
        "_authenticator": token(page.text), "action": "update", "userid": "qta",
        "kind": "leader", "department": ""})
    assert "Vai trò" in answer.text and "của chính mình" in answer.text
    assert call("GET", f"{site['url']}/sttt/@accounts/qta").json()["account"]["kind"] == "admin"
    assert not reads(site["doc"])


# -- password reset --------------------------------------------------------------


def test_reset_of_a_leaders_password_tells_the_leader(site, mailbox):
    answer = call("POST", f"{site['url']}/sttt/@accounts/lda/reset-password")
    assert answer.status_code == 200, answer.text
    password = answer.json()["password"]
    [(to, message)] = delivered(mailbox, 1)
    assert to == ["lda@example.vn"]
    text = message.get_content()
    assert "Quản Trị Viên" in text and "Sở Thông tin" in text  # who, which agency
    assert "đặt lại mật khẩu" in text and "lda" in text
    assert re.search(r"\d\d:\d\d \d\d/\d\d/\d{4}", text)  # when
    assert password not in text and password not in str(message["Subject"])


def test_changing_an_accounts_email_tells_the_old_address(site, mailbox):
    answer = call("PATCH", f"{site['url']}/sttt/@accounts/lda",
                  json={"email": "attacker@example.vn"})
    assert answer.status_code == 200, answer.text
    call("POST", f"{site['url']}/sttt/@accounts/lda/reset-password")
    to = sorted(rcpt[0] for rcpt, m in delivered(mailbox, 2))
    assert to == ["attacker@example.vn", "lda@example.vn"]
    old = next(m for rcpt, m in mailbox.messages if rcpt == ["lda@example.vn"])
    assert "attacker@example.vn" in old.get_content()


# -- account changes told to the leaders, kept in the agency's log ----------------
#
# Quy chế Điều 8.4 lets the agency admin make accounts and give their rights,
# so he may still create a leader (or make someone one) and hand its one-time
# password over: it is not refused, it is seen. Each such change is mailed to
# the agency's leaders (never with a password) and kept in the agency's log of
# access changes, which its leaders, its admins and site managers read
# (GET <agency>/@access-log) and nobody changes through the web.


def entries_about(agency, userid):
    from qlvbdh_policy.stats import access_log
    transaction.begin()
    return [e for e in access_log.log_of(agency) if e["principal"] == userid]


def test_creating_a_leader_account_tells_the_leaders_and_is_logged(site, mailbox):
    answer = call("POST", f"{site['url']}/sttt/@accounts",
                  json={"fullname": "Lê Văn Giả", "email": "gia@example.vn", "kind": "leader"})
    assert answer.status_code == 201, answer.text
    userid, password = answer.json()["account"]["userid"], answer.json()["password"]
    login_name = answer.json()["account"]["login"]
    [(to, message)] = delivered(mailbox, 1)  # the leaders, not the new account nor the admin
    assert to == ["lda@example.vn"]
    text = message.get_content()
    assert "Quản Trị Viên" in text and login_name in text and "Lãnh đạo" in text
    assert "Sở Thông tin" in text and re.search(r"\d\d:\d\d \d\d/\d\d/\d{4}", text)
    assert password not in text and password not in str(message["Subject"])
    [entry] = entries_about(site["agency"], userid)
    assert (entry["actor"], entry["action"]) == ("qta", "create")
    assert ["kind", None, "leader"] in [list(c) for c in entry["changes"]]


def test_making_someone_a_leader_tells_the_leaders_and_is_logged(site, mailbox):
    answer = call("PATCH", f"{site['url']}/sttt/@accounts/cba", json={"kind": "leader"})
    assert answer.status_code == 200, answer.text
    [(to, message)] = delivered(mailbox, 1)
    assert to == ["lda@example.vn"]
    text = message.get_content()
    assert "Quản Trị Viên" in text and "cba" in text and "Lãnh đạo" in text
    [entry] = entries_about(site["agency"], "cba")
    assert (entry["actor"], entry["action"]) == ("qta", "change")
    changes = [list(c) for c in entry["changes"]]
    assert ["kind", "staff", "leader"] in changes and ["department", "vp", None] in changes


def test_disable_enable_and_reset_are_logged_and_told_to_the_leaders(site, mailbox):
    base = f"{site['url']}/sttt/@accounts/vta"
    assert call("PATCH", base, json={"disabled": True}).status_code == 200
    assert call("PATCH", base, json={"disabled": False}).status_code == 200
    reset = call("POST", f"{base}/reset-password")
    assert reset.status_code == 200, reset.text
    actions = [e["action"] for e in entries_about(site["agency"], "vta")]
    assert actions == ["change", "change", "reset_password"]
    to_leaders = [m for rcpt, m in delivered(mailbox, 3) if rcpt == ["lda@example.vn"]]
    assert len(to_leaders) == 3
    assert all(reset.json()["password"] not in m.get_content() for rcpt, m in mailbox.messages)


def test_the_access_log_is_read_by_leaders_admins_and_site_managers_only(site):
    made = call("PATCH", f"{site['url']}/sttt/@accounts/cba", json={"kind": "clerk"})
    assert made.status_code == 200, made.text
    url = f"{site['url']}/sttt/@access-log"
    for reader in ("lda", "qta", SITE_OWNER_NAME):
        answer = call("GET", url, reader)
        assert answer.status_code == 200, (reader, answer.text)
        [item] = [i for i in answer.json()["items"] if i["principal"] == "cba"]
        assert item["actor"] == "qta" and item["action_title"] == "Đổi vai trò, phòng"
        assert "Văn thư" in item["summary"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", item["when"])
        assert re.fullmatch(r"\d\d:\d\d \d\d/\d\d/\d{4}", item["when_text"])
    for outsider in ("cba", "vta", "ldb"):  # staff, clerk, another agency's leader
        answer = call("GET", url, outsider)
        assert answer.status_code == 403, (outsider, answer.text)
        assert "Nhật ký" in answer.json()["message"]
    # no way to change or empty it through the web
    for method in ("POST", "PATCH", "DELETE"):
        assert call(method, url, SITE_OWNER_NAME).status_code in (404, 405)
    assert [e["principal"] for e in entries_about(site["agency"], "cba")] == ["cba"]


def test_the_accounts_page_shows_no_role_selector_on_the_admins_own_row(site):
    page = session_of().get(f"{site['url']}/sttt/@@accounts", timeout=60)
    assert page.status_code == 200
    own = re.search(r'<tr id="account-qta">(.*?)</tr>', page.text, re.S).group(1)
    other = re.search(r'<tr id="account-cba">(.*?)</tr>', page.text, re.S).group(1)
    assert 'name="kind"' in other and 'name="department"' in other
    assert 'name="kind"' not in own and 'name="department"' not in own
    assert "Quản trị" in own  # the kind is shown, as text


def test_a_move_is_logged_in_both_agencies_and_told_to_both_leaders(site, mailbox):
    from qlvbdh_policy.stats import access_log
    answer = call("POST", f"{site['url']}/sttt/@accounts/tpa/move", SITE_OWNER_NAME,
                  json={"agency": "ubndcb"})
    assert answer.status_code == 200, answer.text
    assert sorted(rcpt[0] for rcpt, m in delivered(mailbox, 2)) == ["lda@example.vn",
                                                               "ldb@example.vn"]
    transaction.begin()
    out = [e for e in access_log.log_of(site["agency"]) if e["principal"] == "tpa"]
    into = [e for e in access_log.log_of(site["portal"]["ubndcb"]) if e["principal"] == "tpa"]
    assert [e["action"] for e in out] == ["move_out"] and [e["action"] for e in into] == ["move_in"]
