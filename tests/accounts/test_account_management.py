"""Agency admins manage their own agency's accounts (Quy chế Điều 8.2),
through REST on the WSGI server layer: create (name of Điều 6.2, one-time
password, change at first login), change kind and department, disable
and re-enable, reset, move; never another agency's accounts. Two agencies
each have their ``nguyenthanhphuc``: each logs in with the bare name on
its agency's host (real nginx) and as ``name@abbr`` at the base domain."""

from nginx_proxy import BASE
from nginx_proxy import get as host_get
from nginx_proxy import nginx  # noqa: F401 (fixture)
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from rest_client import call
from routing_fixtures import PASSWORD

import base64
import pytest
import requests
import transaction

JSON = {"Accept": "application/json"}
NEW_PASSWORD = "Hoa-sen-2026"




def add_ubndcb_admin(portal):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="qtb@example.vn", username="qtb", password=PASSWORD,
                        properties={"fullname": "Quản Trị Cái Bè"})
        api.group.add_user(groupname="ubndcb-admins", username="qtb")
    transaction.commit()


@pytest.fixture
def site(nginx, server, server_url):  # noqa: F811
    add_ubndcb_admin(server["portal"])
    return server_url


def create(site, admin, abbr, **data):
    return call("POST", f"{site}/{abbr}/@accounts", admin, json=data)


def test_two_agencies_each_have_their_nguyenthanhphuc(site, nginx):  # noqa: F811
    port = nginx
    first = create(site, "qta", "sttt", fullname="Nguyễn Thanh Phúc",
                   email="phuc@sttt.example.vn", kind="staff", department="vp")
    assert first.status_code == 201, first.text
    account, one_time = first.json()["account"], first.json()["password"]
    assert account["login"] == "nguyenthanhphuc@sttt"
    assert (account["kind"], account["department"]) == ("staff", "vp")
    assert account["must_change_password"] is True
    second = create(site, "qtb", "ubndcb", fullname="Nguyễn  thanh PHÚC",
                    email="phuc@ubndcb.example.vn", kind="clerk")
    assert second.status_code == 201, second.text
    assert second.json()["account"]["login"] == "nguyenthanhphuc@ubndcb"
    # a second one in sttt takes the rule's next option
    third = create(site, "qta", "sttt", fullname="Nguyễn Thanh Phúc",
                   email="phuc2@sttt.example.vn")
    assert third.json()["account"]["login"] == "nthanhphuc@sttt"

    # the bare name on the agency's host, name@abbr at the base domain
    sttt, ubndcb = f"sttt.{BASE}:{port}", f"ubndcb.{BASE}:{port}"
    me = host_get(port, sttt, "/den-2026",
                  auth=("nguyenthanhphuc", one_time), headers=JSON)
    # a new account must change its password first: REST says so, in Vietnamese
    assert me.status_code == 403 and "mật khẩu" in me.json()["message"].lower()
    weak = requests.post(f"http://127.0.0.1:{port}/@new-password",
                         headers={"Host": sttt, **JSON}, auth=("nguyenthanhphuc", one_time),
                         json={"old_password": one_time, "new_password": "nguyenthanhphuc1"},
                         timeout=60)
    assert weak.status_code == 400, weak.text
    assert weak.json()["errors"][0]["field"] == "new_password"
    assert "tên tài khoản" in weak.json()["message"]
    changed = requests.post(f"http://127.0.0.1:{port}/@new-password",
                            headers={"Host": sttt, **JSON},
                            auth=("nguyenthanhphuc", one_time),
                            json={"old_password": one_time, "new_password": NEW_PASSWORD},
                            timeout=60)
    assert changed.status_code == 204, changed.text
    register = host_get(port, sttt, "/den-2026", auth=("nguyenthanhphuc", NEW_PASSWORD),
                        headers=JSON)
    assert register.status_code == 200, register.text
    # the login form on the agency's host takes the bare name too
    session = requests.Session()
    session.post(f"http://127.0.0.1:{port}/login", headers={"Host": sttt}, timeout=60,
                 data={"__ac_name": "nguyenthanhphuc", "__ac_password": NEW_PASSWORD,
                       "buttons.login": "login", "came_from": f"http://{sttt}/den-2026"},
                 allow_redirects=False)
    cookie = session.cookies.get("__ac")
    assert cookie
    page = host_get(port, sttt, "/den-2026", cookies={"__ac": cookie})
    assert page.status_code == 200 and "Nguyễn Thanh Phúc" in page.text
    at_base = host_get(port, f"{BASE}:{port}", "/sttt/den-2026",
                       auth=("nguyenthanhphuc@sttt", NEW_PASSWORD), headers=JSON)
    assert at_base.status_code == 200
    # the same bare name on the other host is the other agency's account,
    # whose password this is not
    other = host_get(port, ubndcb, "/den-2026", auth=("nguyenthanhphuc", NEW_PASSWORD),
                     headers=JSON)
    assert other.status_code == 401
    # sttt's account by its full name on ubndcb's host: refused there
    foreign = host_get(port, ubndcb, "/den-2026", auth=("nguyenthanhphuc@sttt", NEW_PASSWORD),
                       headers=JSON)
    assert foreign.status_code == 401
    assert f"http://sttt.{BASE}:{port}" in foreign.json()["message"]


def test_admin_changes_disables_and_resets(site):
    made = create(site, "qta", "sttt", fullname="Lê Minh Hiếu", email="hieu@example.vn").json()
    userid, password = made["account"]["userid"], made["password"]
    url = f"{site}/sttt/@accounts/{userid}"
    head = call("PATCH", url, "qta", json={"kind": "department_head", "department": "vp"})
    assert head.status_code == 200, head.text
    assert (head.json()["account"]["kind"], head.json()["account"]["department"]) == (
        "department_head", "vp")
    no_dept = call("PATCH", url, "qta", json={"kind": "department_head", "department": ""})
    assert no_dept.status_code == 400 and no_dept.json()["errors"][0]["field"] == "department"
    bad = call("PATCH", url, "qta", json={"kind": "boss"})
    assert bad.status_code == 400 and "Vai trò" in bad.json()["message"]

    assert call("GET", f"{site}/sttt/den-2026", userid, password=password).status_code == 403  # must change
    assert call("PATCH", url, "qta", json={"disabled": True}).json()["account"]["disabled"]
    refused = call("GET", f"{site}/sttt/den-2026", userid, password=password)
    assert refused.status_code == 401
    assert "vô hiệu hóa" in refused.json()["message"]
    assert not call("PATCH", url, "qta", json={"disabled": False}).json()["account"]["disabled"]

    reset = call("POST", f"{url}/reset-password", "qta")
    assert reset.status_code == 200 and reset.json()["password"] != password
    assert call("GET", f"{site}/sttt/den-2026", userid, password=password).status_code == 401
    listing = call("GET", f"{site}/sttt/@accounts", "qta").json()
    assert userid in [i["userid"] for i in listing["items"]]
    assert {k["id"] for k in listing["kinds"]} >= {"staff", "clerk", "leader"}


def test_an_agency_admin_cannot_touch_another_agencys_accounts(site):
    made = create(site, "qtb", "ubndcb", fullname="Trần Văn Bé", email="be@example.vn").json()
    userid = made["account"]["userid"]
    # through the other agency: no permission there
    for method, path, body in (
            ("GET", "/ubndcb/@accounts", None),
            ("POST", "/ubndcb/@accounts", {"fullname": "X Y", "email": "x@example.vn"}),
            ("PATCH", f"/ubndcb/@accounts/{userid}", {"disabled": True}),
            ("POST", f"/ubndcb/@accounts/{userid}/reset-password", None),
            ("POST", "/ubndcb/@accounts-import", {"filename": "a.csv", "data": ""})):
        answer = call(method, site + path, "qta", json=body)
        assert answer.status_code == 403, (method, path, answer.status_code)
    # through their own agency: not an account of it
    for method, path, body in (
            ("PATCH", f"/sttt/@accounts/{userid}", {"disabled": True}),
            ("POST", f"/sttt/@accounts/{userid}/reset-password", None),
            ("POST", f"/sttt/@accounts/{userid}/move", {"agency": "sttt"}),
            ("GET", f"/sttt/@accounts/{userid}", None)):
        answer = call(method, site + path, "qta", json=body)
        assert answer.status_code == 404, (method, path, answer.text)
        assert "không phải tài khoản" in answer.json()["message"]
    # a clerk is no admin
    assert call("GET", f"{site}/sttt/@accounts", "vta").status_code == 403
    # nothing changed
    again = call("GET", f"{site}/ubndcb/@accounts/{userid}", "qtb").json()["account"]
    assert again["disabled"] is False and again["must_change_password"] is True
    # moving into an agency one does not manage is refused
    mine = create(site, "qta", "sttt", fullname="Võ Văn Đi", email="di@example.vn").json()
    away = call("POST", f"{site}/sttt/@accounts/{mine['account']['userid']}/move", "qta",
                json={"agency": "ubndcb"})
    assert away.status_code == 400 and away.json()["errors"][0]["field"] == "agency"


def test_site_manager_moves_an_account(site):
    made = create(site, "qta", "sttt", fullname="Trần Văn Bé", email="be2@example.vn",
                  kind="department_head", department="vp").json()
    userid = made["account"]["userid"]
    create(site, "qtb", "ubndcb", fullname="Trần Văn Bé", email="be@example.vn")
    moved = call("POST", f"{site}/sttt/@accounts/{userid}/move", SITE_OWNER_NAME,
                 json={"agency": "ubndcb"})
    assert moved.status_code == 200, moved.text
    account = moved.json()["account"]
    # same id (history, authorship), the next free name in ubndcb, staff there
    assert account["userid"] == userid == "tranvanbe@sttt"
    assert account["login"] == "tvanbe@ubndcb"
    assert (account["kind"], account["department"]) == ("staff", None)
    assert userid not in [i["userid"] for i in
                          call("GET", f"{site}/sttt/@accounts", "qta").json()["items"]]
    assert call("GET", f"{site}/ubndcb/@accounts/{userid}", "qtb").status_code == 200
    # the id stays reserved in sttt: the next Trần Văn Bé there is not tranvanbe
    again = create(site, "qta", "sttt", fullname="Trần Văn Bé", email="be3@example.vn")
    assert again.json()["account"]["login"] == "tvanbe@sttt"


def test_import_from_csv_and_xlsx(site):
    csv_text = ("Họ và tên,Năm sinh,Thư điện tử,Phòng,Vai trò\n"
                "Nguyễn Văn An,1980,an@example.vn,Văn phòng,Cán bộ\n"
                "Nguyễn Văn An,1990,an2@example.vn,,Văn thư\n"
                "Phạm Thị Bình,,binh@example.vn,vp,Trưởng phòng\n")
    payload = {"filename": "danh-sach.csv",
               "data": base64.b64encode(csv_text.encode()).decode()}
    answer = call("POST", f"{site}/sttt/@accounts-import", "qta", json=payload)
    assert answer.status_code == 201, answer.text
    items = answer.json()["items"]
    assert [i["login"] for i in items] == ["nguyenvanan@sttt", "nvanan@sttt",
                                           "phamthibinh@sttt"]
    assert [i["kind"] for i in items] == ["staff", "clerk", "department_head"]
    assert all(len(i["password"]) == 12 for i in items)

    bad = ("Họ và tên,Thư điện tử,Phòng,Vai trò\n"
           "Lê Văn Cường,cuong@example.vn,,\n"
           "  ,x@example.vn,,\n"
           "Đỗ Dũng,not-an-email,,\n"
           "Mai Lan,lan@example.vn,Phòng Không Có,\n")
    refused = call("POST", f"{site}/sttt/@accounts-import", "qta",
                   json={"filename": "x.csv", "data": base64.b64encode(bad.encode()).decode()})
    assert refused.status_code == 400, refused.text
    errors = refused.json()["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [
        (3, "full_name"), (4, "email"), (5, "department")]
    assert "Dòng 4" in errors[1]["message"]
    logins = [i["login"] for i in call("GET", f"{site}/sttt/@accounts", "qta").json()["items"]]
    assert "levancuong@sttt" not in logins  # nothing made from a refused sheet

    from io import BytesIO
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh", "E-mail", "Vai trò"])
    book.active.append(["Hồ Thị Xuân", 1985, "xuan@example.vn", "Lãnh đạo"])
    data = BytesIO()
    book.save(data)
    xlsx = call("POST", f"{site}/sttt/@accounts-import", "qta",
                json={"filename": "ds.xlsx", "data": base64.b64encode(data.getvalue()).decode()})
    assert xlsx.status_code == 201, xlsx.text
    assert xlsx.json()["items"][0]["login"] == "hothixuan@sttt"
    assert xlsx.json()["items"][0]["kind"] == "leader"
