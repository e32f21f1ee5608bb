"""Group memberships in the agency's log of access changes, and changes of
who may read a document flagged to the agency's admins until confirmed
(issue 18; NĐ 30/2020 Phụ lục VI III.3.c)."""

from domain_fixtures import incoming
from plone import api
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from qlvbdh_policy.accounts import management
from qlvbdh_policy.routing import steps
from qlvbdh_policy.stats import access_flags
from qlvbdh_policy.stats import access_log
from rest_client import caller
from rest_client import credentials
from routing_fixtures import make_province

import datetime
import pytest
import re
import requests
import transaction

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
call = caller("qta")


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    a, _b = make_province(portal)
    login(portal, "vta")
    doc = incoming(a["den-2026"], title="Văn bản về việc chia sẻ quyền xem")
    steps.simple_step(doc, "submit")
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), server_url)
    return {"portal": portal, "url": server_url, "doc": url, "agency": a, "obj": doc}


def fresh_log(agency, *actions):
    transaction.begin()
    return [e for e in access_log.log_of(agency) if e["action"] in actions]


def token(session, url):
    page = session.get(url, timeout=60)
    assert page.status_code == 200, page.status_code
    return page, re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)


def session_of(user):
    s = requests.Session()
    s.auth = credentials(user)
    s.headers.update(HTML)
    return s


# -- group memberships --------------------------------------------------------------


def test_group_memberships_are_logged_whichever_way_they_change(site):
    # plone.restapi's @groups
    answer = call("PATCH", f"{site['url']}/@groups/sttt-leaders", SITE_OWNER_NAME,
                  json={"users": {"cba": True}})
    assert answer.status_code == 204, answer.text
    # Plone's group membership page
    s = session_of(SITE_OWNER_NAME)
    url = f"{site['url']}/@@usergroup-groupmembership?groupname=sttt-clerks"
    _page, authenticator = token(s, url)
    answer = s.post(f"{site['url']}/@@usergroup-groupmembership", timeout=60, data={
        "groupname": "sttt-clerks", "form.submitted": "1", "add:list": "pha",
        "form.button.Add": "Thêm", "_authenticator": authenticator})
    assert answer.status_code == 200
    # plone.api, in this process (which first sees what the server committed)
    transaction.begin()
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.group.remove_user(groupname="sttt-leaders", username="cba")
    transaction.commit()
    entries = fresh_log(site["agency"], "group_add", "group_remove")
    assert [(e["action"], e["principal"], e["group"], e["actor"]) for e in entries] == [
        ("group_add", "cba", "sttt-leaders", SITE_OWNER_NAME),
        ("group_add", "pha", "sttt-clerks", SITE_OWNER_NAME),
        ("group_remove", "cba", "sttt-leaders", SITE_OWNER_NAME)]
    assert all(e["when"] for e in entries)
    # read in Vietnamese by the agency's admin
    items = call("GET", f"{site['url']}/sttt/@access-log").json()["items"]
    titles = [(i["action_title"], i["account"]) for i in items if i["action"] == "group_add"]
    assert ("Thêm vào nhóm", "pha") in titles
    assert any("sttt-clerks" in i["summary"] for i in items)


def test_accounts_created_and_deleted_outside_the_accounts_page_are_logged(site):
    answer = call("POST", f"{site['url']}/@users", SITE_OWNER_NAME, json={
        "username": "ngoai@sttt", "email": "ngoai@example.vn", "password": "Mat-khau-2026-x"})
    assert answer.status_code == 201, answer.text
    answer = call("DELETE", f"{site['url']}/@users/ngoai@sttt", SITE_OWNER_NAME)
    assert answer.status_code == 204, answer.text
    entries = [e for e in fresh_log(site["agency"], "create", "delete")
               if e["principal"] == "ngoai@sttt"]
    assert [(e["action"], e["actor"]) for e in entries] == [
        ("create", SITE_OWNER_NAME), ("delete", SITE_OWNER_NAME)]
    titles = [i["action_title"] for i in call("GET", f"{site['url']}/sttt/@access-log").json()[
        "items"] if i["principal"] == "ngoai@sttt"]
    assert titles == ["Xóa tài khoản", "Tạo tài khoản"]


def test_the_accounts_page_logs_a_change_of_kind_not_its_memberships(site):
    with api.env.adopt_user(username="qta"):
        management.update_account(site["agency"], "dba", kind="clerk")
    transaction.commit()
    assert fresh_log(site["agency"], "group_add", "group_remove") == []
    [entry] = [e for e in fresh_log(site["agency"], "change") if e["principal"] == "dba"]
    assert ["kind", "staff", "clerk"] in [list(c) for c in entry["changes"]]


# -- flagged changes of who may read a document ------------------------------------


def test_a_sharing_change_on_a_document_is_flagged_until_an_admin_confirms(site):
    answer = call("POST", f"{site['doc']}/@sharing", SITE_OWNER_NAME, json={
        "entries": [{"id": "cba", "type": "user", "roles": {"Reader": True}}]})
    assert answer.status_code == 204, answer.text
    # the admin sees it, counted on the agency's page
    listing = call("GET", f"{site['url']}/sttt/@access-changes").json()
    assert listing["count"] == 1
    [item] = listing["items"]
    assert (item["principal"], item["added"], item["removed"]) == ("cba", ["Reader"], [])
    assert item["actor"] == SITE_OWNER_NAME and item["document"] == site["doc"]
    assert item["when"].endswith("+07:00")
    home = session_of("qta").get(f"{site['url']}/sttt", timeout=60).text
    assert "1 thay đổi quyền xem văn bản chờ xác nhận" in home
    assert "chờ xác nhận" not in session_of("vta").get(f"{site['url']}/sttt", timeout=60).text
    # a clerk neither reads nor confirms
    assert call("GET", f"{site['url']}/sttt/@access-changes", "vta").status_code == 403
    refused = call("POST", f"{site['url']}/sttt/@access-changes", "vta", json={"id": item["id"]})
    assert refused.status_code == 403, refused.text
    assert session_of("vta").get(f"{site['url']}/sttt/@@access-changes",
                                 timeout=60).status_code == 403
    # the admin confirms: the flag goes, the confirmation is logged
    done = call("POST", f"{site['url']}/sttt/@access-changes", json={"id": item["id"]})
    assert done.status_code == 200, done.text
    assert done.json()["confirmed_by"] == "qta" and done.json()["count"] == 0
    assert call("GET", f"{site['url']}/sttt/@access-changes").json()["items"] == []
    again = call("POST", f"{site['url']}/sttt/@access-changes", json={"id": item["id"]})
    assert again.status_code == 404
    [confirmed] = fresh_log(site["agency"], "confirm")
    assert (confirmed["actor"], confirmed["principal"], confirmed["changed_by"]) == (
        "qta", "cba", SITE_OWNER_NAME)
    assert isinstance(confirmed["when"], datetime.datetime)
    assert "chờ xác nhận" not in session_of("qta").get(f"{site['url']}/sttt", timeout=60).text


def test_the_confirmation_page_confirms_with_its_authenticator(site):
    call("POST", f"{site['doc']}/@sharing", SITE_OWNER_NAME, json={
        "entries": [{"id": "ubndcb-staff", "type": "group", "roles": {"Reader": True}}]})
    s = session_of("qta")
    url = f"{site['url']}/sttt/@@access-changes"
    page, authenticator = token(s, url)
    assert "Văn bản về việc chia sẻ quyền xem" in page.text and "ubndcb-staff" in page.text
    [flag] = access_flags.unconfirmed(fresh_agency(site))
    forged = s.post(url, data={"action": "confirm", "id": flag["id"]}, timeout=60)
    assert forged.status_code in (400, 403)
    assert access_flags.count(fresh_agency(site)) == 1
    answer = s.post(url, data={"action": "confirm", "id": flag["id"],
                               "_authenticator": authenticator}, timeout=60)
    assert answer.status_code == 200
    assert "Không có thay đổi nào chờ xác nhận" in answer.text
    assert access_flags.count(fresh_agency(site)) == 0


def fresh_agency(site):
    transaction.begin()
    return site["agency"]


def test_routing_steps_raise_no_flag(site):
    answer = call("POST", f"{site['doc']}/@assign", "lda", json={
        "handler": "xla", "co_handlers": ["pha"], "informed": ["dba"],
        "due_date": "2026-12-31", "instruction": "Tham mưu"})
    assert answer.status_code == 200, answer.text
    transaction.begin()
    assert "Handler" in site["obj"].get_local_roles_for_userid("xla")
    assert access_flags.count(site["agency"]) == 0
    # a Sharing change on the agency itself opens no document: logged, not flagged
    call("POST", f"{site['url']}/sttt/@sharing", json={
        "entries": [{"id": "cbb", "type": "user", "roles": {"Staff": True}}]})
    assert access_flags.count(fresh_agency(site)) == 0
    assert fresh_log(site["agency"], "sharing")
