"""Agencies change (Quy chế Điều 6.1; units are renamed and merged in
waves): a rename gives the agency a new host and its accounts new logins,
the old host redirects, nothing of its history is rewritten. In Python,
and through Debian's nginx in front of the WSGI server layer with the
configuration generated before the change: agencies added, renamed and
removed through the web are served at once."""

from nginx_proxy import BASE
from nginx_proxy import get
from nginx_proxy import nginx  # noqa: F401 (fixture)
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.accounts.management import create_account
from qlvbdh_policy.agencies.abbreviations import agency_by_abbr
from qlvbdh_policy.agencies.abbreviations import DomainAbbrTaken
from qlvbdh_policy.agencies.renaming import rename_agency
from qlvbdh_policy.agencies.renaming import RenameRefused
from rest_client import caller
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import pytest
import requests
import transaction

JSON = {"Accept": "application/json"}
NEW_TITLE = "Sở Khoa học và Công nghệ"


def login_of(userid):
    return api.portal.get_tool("acl_users").source_users.getLoginForUserId(userid)


def test_rename_keeps_ids_and_moves_logins_and_host(portal):
    sttt, ubndcb = make_province(portal)
    with api.env.adopt_roles(["Manager"]):
        info, _password = create_account(sttt, "Nguyễn Thanh Phúc", "phuc@sttt.example.vn")
        done = rename_agency(sttt, "skhcn", NEW_TITLE)
    userid = info["userid"]
    assert userid == "nguyenthanhphuc@sttt"
    assert done["logins"] == {userid: "nguyenthanhphuc@skhcn"}
    assert done["former_abbrs"] == ["sttt"] and done["title"] == NEW_TITLE
    assert login_of(userid) == "nguyenthanhphuc@skhcn"
    assert login_of("vta") == "vta"  # a site-wide login is no agency's to rename
    # ids stay: folder, groups, account
    assert portal["sttt"].domain_abbr == "skhcn" and api.user.get(userid=userid)
    assert api.group.get(groupname="sttt-clerks").getProperty("title") == f"Văn thư – {NEW_TITLE}"
    assert agency_by_abbr(portal, "skhcn") == (sttt, True)
    assert agency_by_abbr(portal, "sttt") == (sttt, False)
    assert agency_by_abbr(portal, "khac") == (None, False)

    refusals = {"SKHCN": "không hợp lệ", "s": "không hợp lệ", "ubndcb": "Ủy ban nhân dân",
                "www": "dành riêng cho hệ thống", "province": "dành riêng cho hệ thống"}
    for value, words in refusals.items():
        with pytest.raises(RenameRefused) as refused:
            rename_agency(sttt, value)
        assert refused.value.field == "domain_abbr" and words in str(refused.value)
    # the old abbreviation stays reserved for the redirect: not another's host
    with pytest.raises(RenameRefused) as refused:
        rename_agency(ubndcb, "sttt")
    assert NEW_TITLE in str(refused.value)
    before = transaction.savepoint()
    with pytest.raises(DomainAbbrTaken):
        with api.env.adopt_roles(["Manager"]):
            api.content.create(container=portal, type="Agency", id="moi", title="Mới",
                               domain_abbr="sttt", notation_abbr="M", level="so_nganh")
    before.rollback()  # as the refused request's transaction is aborted
    # its own former abbreviation it may take back
    with api.env.adopt_roles(["Manager"]):
        back = rename_agency(sttt, "sttt")
    assert back["former_abbrs"] == ["skhcn"] and login_of(userid) == "nguyenthanhphuc@sttt"


call = caller(SITE_OWNER_NAME)


def test_hosts_follow_agencies_without_a_new_proxy_configuration(nginx, server, server_url):  # noqa: F811,E501
    port = nginx
    made = call("POST", f"{server_url}/sttt/@accounts", "qta",
                json={"fullname": "Nguyễn Thanh Phúc", "email": "phuc@sttt.example.vn"})
    assert made.status_code == 201, made.text
    one_time = made.json()["password"]

    # renaming: only a site manager; an abbreviation in use refused, nothing changed
    assert call("POST", f"{server_url}/sttt/@rename", "qta",
                json={"domain_abbr": "skhcn"}).status_code == 403
    taken = call("POST", f"{server_url}/sttt/@rename", json={"domain_abbr": "ubndcb"})
    assert taken.status_code == 400
    assert taken.json()["errors"][0]["field"] == "domain_abbr"
    assert "Ủy ban nhân dân huyện Cái Bè" in taken.json()["message"]
    renamed = call("POST", f"{server_url}/sttt/@rename",
                   json={"domain_abbr": "skhcn", "title": NEW_TITLE})
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["logins"] == {"nguyenthanhphuc@sttt": "nguyenthanhphuc@skhcn"}

    new, old = f"skhcn.{BASE}:{port}", f"sttt.{BASE}:{port}"
    page = get(port, new, "/den-2026", auth=("vta", PASSWORD), headers=JSON)
    assert page.status_code == 200 and page.json()["@id"] == f"http://{new}/den-2026"
    moved = get(port, old, "/den-2026/@@book", params={"b_start": "50"})
    assert moved.status_code == 301
    assert moved.headers["Location"] == f"http://{new}/den-2026/@@book?b_start=50"
    # the account logs in with its bare name on the new host, with
    # name@new at the base domain; the old login is gone
    token = requests.post(f"http://127.0.0.1:{port}/@login", headers={"Host": new, **JSON},
                          json={"login": "nguyenthanhphuc", "password": one_time}, timeout=60)
    assert token.status_code == 200, token.text
    base = requests.post(f"http://127.0.0.1:{port}/@login", headers={"Host": f"{BASE}:{port}",
                                                                     **JSON},
                         json={"login": "nguyenthanhphuc@skhcn", "password": one_time},
                         timeout=60)
    assert base.status_code == 200, base.text
    gone = requests.post(f"http://127.0.0.1:{port}/@login", headers={"Host": f"{BASE}:{port}",
                                                                     **JSON},
                         json={"login": "nguyenthanhphuc@sttt", "password": one_time},
                         timeout=60)
    assert gone.status_code == 401

    # the edit form's field (here REST PATCH) renames the same way
    patched = call("PATCH", f"{server_url}/sttt", json={"domain_abbr": "khcn"})
    assert patched.status_code == 204, patched.text
    assert get(port, f"khcn.{BASE}:{port}", "/den-2026", auth=("vta", PASSWORD)).status_code == 200
    twice = get(port, old, "/den-2026")
    assert twice.status_code == 301 and twice.headers["Location"].startswith("http://khcn.")
    refused = call("PATCH", f"{server_url}/sttt", json={"domain_abbr": "ubndcb"})
    assert refused.status_code == 400 and "domain_abbr" in refused.text
    assert get(port, f"ubndcb.{BASE}:{port}", "/den-2026",
               auth=("vtb", PASSWORD)).status_code == 200

    # an agency added through the web is served at once; removed, 404
    added = call("POST", server_url, json={
        "@type": "Agency", "id": "stc", "title": "Sở Tài chính", "domain_abbr": "stc",
        "notation_abbr": "STC", "level": "so_nganh"})
    assert added.status_code == 201, added.text
    assert get(port, f"stc.{BASE}:{port}", "/", headers=JSON,
               auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)).status_code == 200
    assert call("DELETE", f"{server_url}/stc").status_code == 204
    assert get(port, f"stc.{BASE}:{port}", "/").status_code == 404
    transaction.begin()


def test_links_to_another_agency_carry_its_host(nginx, server):  # noqa: F811
    from routing_fixtures import copy_of
    from routing_fixtures import issue_to

    port = nginx
    portal = server["portal"]
    sttt, ubndcb = portal["sttt"], portal["ubndcb"]
    doc = issue_to(portal, sttt, [ubndcb])
    copy = copy_of(doc, ubndcb)
    doc_path, copy_path = (o.getPhysicalPath()[3:] for o in (doc, copy))
    transaction.commit()
    here, there = f"sttt.{BASE}:{port}", f"ubndcb.{BASE}:{port}"
    routing = get(port, here, "/" + "/".join(doc_path) + "/@routing",
                  auth=("lda", PASSWORD), headers=JSON)
    assert routing.status_code == 200, routing.text
    assert routing.json()["@id"].startswith(f"http://{here}/di-2026/")
    [entry] = routing.json()["deliveries"]
    assert entry["copy"] == f"http://{there}/" + "/".join(copy_path)
    back = get(port, there, "/" + "/".join(copy_path) + "/@routing",
               auth=("vtb", PASSWORD), headers=JSON)
    assert back.status_code == 200, back.text
    assert back.json()["source"] == f"http://{here}/" + "/".join(doc_path)


def test_merge_keeps_the_records_under_the_receiving_agency(portal):
    from domain_fixtures import incoming
    from domain_fixtures import make_agency
    from plone.app.testing import login
    from qlvbdh_policy.agencies.merging import merge_agency
    from qlvbdh_policy.agencies.merging import MergeRefused
    from qlvbdh_policy.content.inbox import INBOX_ID
    from qlvbdh_policy.content.validation import RefusedValue
    from qlvbdh_policy.registers.closing import open_new_year
    from qlvbdh_policy.routing import delivery
    from routing_fixtures import issue_to

    import datetime

    sttt, ubndcb = make_province(portal)
    stc = make_agency(portal, "stc", "STC", "Sở Tài chính")
    login(portal, "vtb")
    kept = incoming(ubndcb["den-2026"], title="Công văn của huyện")
    uid, number = kept.UID(), kept.arrival_number
    sent = issue_to(portal, sttt, [ubndcb])  # waiting in ubndcb's inbox
    login(portal, "lda")
    with pytest.raises(MergeRefused) as same:
        merge_agency(ubndcb, ubndcb)
    assert same.value.field == "target"
    with api.env.adopt_roles(["Manager"]):
        done = merge_agency(ubndcb, stc)
    archive = portal["stc"]["ubndcb"]
    assert "ubndcb" not in portal.objectIds()
    assert done["closed_registers"] == ["den-2026", "di-2026"]
    assert api.content.get_state(archive["den-2026"]) == "closed"
    # the documents, their numbers and UIDs stay; the catalog has their new place
    [brain] = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uid)
    moved = brain._unrestrictedGetObject()
    assert brain.getPath() == "/".join(moved.getPhysicalPath())
    assert moved.getPhysicalPath()[:4] == ("", "plone", "stc", "ubndcb")
    assert moved.arrival_number == number and moved.title == "Công văn của huyện"
    # the accounts moved with their ids; they log in as name@stc now
    assert done["accounts"]["vtb"] == "vtb@stc" and login_of("vtb") == "vtb@stc"
    assert "vtb" in {m.getId() for m in api.user.get_users(groupname="stc-clerks")}
    # the document waiting for acceptance waits in the receiving agency's inbox,
    # and its sender sees the receiving agency as the recipient
    assert list(stc[INBOX_ID].objectIds()) == done["handed_over"] != []
    assert list(archive[INBOX_ID].objectIds()) == []
    [entry] = delivery.deliveries(sent).items()
    assert entry[0] == stc.UID() and entry[1]["agency_title"] == "Sở Tài chính"
    # the moved clerk reads the archive and accepts the handed-over copy
    login(portal, "vtb@stc")
    assert api.user.has_permission("View", obj=moved)
    copy = stc[INBOX_ID][done["handed_over"][0]]
    accepted = delivery.accept(copy, stc["den-2026"])
    assert delivery.deliveries(sent)[stc.UID()]["status"] == delivery.ACCEPTED
    assert accepted.arrival_number == 1
    # nothing new enters the archive's books; its documents change no more
    with pytest.raises(RefusedValue):
        incoming(archive["den-2026"], title="Văn bản mới")
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent
    with pytest.raises(RefusedValue) as read_only:
        notify(ObjectModifiedEvent(moved))
    assert "lưu trữ" in str(read_only.value) and "Ủy ban nhân dân" in str(read_only.value)
    with pytest.raises(RefusedValue):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=moved, transition="submit")
    # documents issued to it afterwards are refused, naming the receiving agency
    with pytest.raises(RefusedValue) as refused:
        issue_to(portal, sttt, [archive])
    assert refused.value.field == "recipients_internal"
    assert "Sở Tài chính" in str(refused.value)
    with pytest.raises(RefusedValue):
        merge_agency(archive, sttt)  # already merged
    # New Year opens no book for the archive
    with api.env.adopt_roles(["Manager"]):
        opened = open_new_year(portal, datetime.date(2027, 1, 1))
    assert opened and all("ubndcb" not in old.getPhysicalPath() for old, _new in opened)


def test_merged_agency_host_redirects_to_its_archive(nginx, server, server_url):  # noqa: F811
    port = nginx
    assert call("POST", f"{server_url}/ubndcb/@merge", "qta",
                json={"target": "sttt"}).status_code == 403
    unknown = call("POST", f"{server_url}/ubndcb/@merge", json={"target": "khong"})
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "target"
    merged = call("POST", f"{server_url}/ubndcb/@merge", json={"target": "sttt"})
    assert merged.status_code == 200, merged.text
    assert merged.json()["accounts"]["vtb"] == "vtb@sttt"
    old = get(port, f"ubndcb.{BASE}:{port}", "/den-2026")
    assert old.status_code == 301
    assert old.headers["Location"] == f"http://sttt.{BASE}:{port}/ubndcb/den-2026"
    book = get(port, f"sttt.{BASE}:{port}", "/ubndcb/den-2026", auth=("vta", PASSWORD),
               headers=JSON)
    assert book.status_code == 200 and book.json()["review_state"] == "closed"
    assert book.json()["@id"] == f"http://sttt.{BASE}:{port}/ubndcb/den-2026"
    # the moved clerk logs in on the receiving agency's host with the bare name
    assert get(port, f"sttt.{BASE}:{port}", "/ubndcb/den-2026", auth=("vtb", PASSWORD),
               headers=JSON).status_code == 200


def test_the_forms_refuse_an_abbreviation_in_use(portal):
    from qlvbdh_policy.agencies.renaming import DomainAbbrValidator
    from qlvbdh_policy.content.agency import IAgencySchema
    from zope.schema import ValidationError

    sttt, ubndcb = make_province(portal)
    with api.env.adopt_roles(["Manager"]):
        rename_agency(sttt, "skhcn")

    def check(context, value):
        DomainAbbrValidator(context, portal.REQUEST, None, IAgencySchema["domain_abbr"],
                            None).validate(value)

    check(sttt, "skhcn")  # unchanged
    check(sttt, "khcn")  # a free one: the rename happens on saving
    check(portal, "stc")  # adding a new agency
    for context, value, agency in ((sttt, "ubndcb", "Ủy ban nhân dân huyện Cái Bè"),
                                   (portal, "skhcn", "Sở Thông tin"),
                                   (portal, "sttt", "Sở Thông tin"),
                                   (ubndcb, "sttt", "Sở Thông tin")):
        with pytest.raises(ValidationError) as refused:
            check(context, value)
        assert agency in str(refused.value)


def test_the_edit_form_renames_or_names_the_refusal(server, server_url):
    import re

    make_province(server["portal"])
    transaction.commit()
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)

    def save(abbr, **more):
        page = session.get(f"{server_url}/sttt/edit", timeout=60)
        assert page.status_code == 200
        fields = dict(re.findall(r'<input[^>]+name="([^"]+)"[^>]+value="([^"]*)"', page.text))
        fields.update({"form.widgets.domain_abbr": abbr, "form.buttons.save": "Lưu",
                       "form.widgets.level:list": "so_nganh", **more})
        return session.post(f"{server_url}/sttt/edit", data=fields, timeout=60)

    refused = save("ubndcb")
    assert refused.status_code == 200
    assert "đã dùng cho Ủy ban nhân dân huyện Cái Bè" in refused.text
    transaction.begin()
    assert server["portal"]["sttt"].domain_abbr == "sttt"
    done = save("skhcn", **{"form.widgets.title": NEW_TITLE})
    assert done.status_code == 200 and "đã dùng" not in done.text
    transaction.begin()
    assert server["portal"]["sttt"].domain_abbr == "skhcn"
    assert server["portal"]["sttt"].former_abbrs == ("sttt",)
    # the groups' titles follow the new name
    assert server["portal"]["sttt"].title == NEW_TITLE
    groups = server["portal"].portal_groups
    assert groups.getGroupById("sttt-clerks").getProperty("title") == f"Văn thư – {NEW_TITLE}"
    assert groups.getGroupById("sttt-vp-heads").getProperty("title") == (
        f"Lãnh đạo Văn phòng – {NEW_TITLE}")


def test_the_agency_changes_page(server, server_url):
    import re

    make_province(server["portal"])
    transaction.commit()
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = session.get(f"{server_url}/ubndcb/@@agency-changes", timeout=60)
    assert page.status_code == 200
    for label in ("Thay đổi của Ủy ban nhân dân huyện Cái Bè", "đang hoạt động",
                  "Tên miền viết tắt mới", "Sáp nhập vào cơ quan khác", "Giải thể"):
        assert label in page.text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)

    def post(**data):
        return session.post(f"{server_url}/ubndcb/@@agency-changes",
                            data={"_authenticator": token, **data}, timeout=60)

    refused = post(action="rename", domain_abbr="sttt", title="")
    assert "Tên miền viết tắt:" in refused.text and "Sở Thông tin" in refused.text
    refused = post(action="merge", target="")
    assert "Cơ quan tiếp nhận:" in refused.text
    transaction.begin()
    assert server["portal"]["ubndcb"].domain_abbr == "ubndcb"
    merged = post(action="merge", target="sttt")
    assert merged.status_code == 200
    assert merged.url.endswith("/sttt/ubndcb/@@agency-changes")
    assert "đã sáp nhập vào Sở Thông tin và Truyền thông" in merged.text
    assert "Đã sáp nhập" in merged.text  # the status message
    assert 'name="action" value="merge"' not in merged.text  # an archive changes no more
    other = requests.get(f"{server_url}/sttt/@@agency-changes", auth=("qta", PASSWORD),
                         allow_redirects=False, timeout=60)
    assert other.status_code in (302, 401, 403)
