"""The agency admin's accounts page (@@accounts) and the first login, over
HTTP on the WSGI server layer: Vietnamese labels, a created account with
its one-time password, a refusal naming the field with nothing stored,
the import's result sheet, another agency's admin refused; the new
account is sent to the password form until it chooses a password that
the policy accepts; the last login reaches the usage statistics."""

from io import BytesIO
from openpyxl import load_workbook
from plone import api
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import pytest
import re
import requests
import transaction


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="qtb@example.vn", username="qtb", password=PASSWORD,
                        properties={"fullname": "Quản Trị Cái Bè"})
        api.group.add_user(groupname="ubndcb-admins", username="qtb")
    transaction.commit()
    return server_url


def admin_session(user="qta"):
    session = requests.Session()
    session.auth = (user, PASSWORD)
    return session


def token(html):
    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)


def test_admin_creates_and_imports_on_the_page(site):
    session = admin_session()
    page = session.get(f"{site}/sttt/@@accounts", timeout=60)
    assert page.status_code == 200
    for label in ("Tài khoản của", "Họ và tên", "Tên tài khoản", "Vai trò", "Đăng nhập lần cuối",
                  "Tạo tài khoản", "Nhập tài khoản từ tệp", "Vô hiệu hóa"):
        assert label in page.text, label
    data = {"_authenticator": token(page.text), "action": "create",
            "full_name": "Nguyễn Thanh Phúc", "birth_year": "1976",
            "email": "phuc@example.vn", "kind": "clerk", "department": ""}
    made = session.post(f"{site}/sttt/@@accounts", data=data, timeout=60)
    assert made.status_code == 200
    one_time = re.search(r'class="one-time">([^<]+)<', made.text).group(1)
    assert "nguyenthanhphuc@sttt" in made.text and len(one_time) == 12
    assert 'id="account-nguyenthanhphuc@sttt"' in made.text

    bad = dict(data, full_name="Trần Thị Mai", email="không-phải-email")
    refused = session.post(f"{site}/sttt/@@accounts", data=bad, timeout=60)
    assert "Thư điện tử" in refused.text and "không phải địa chỉ thư điện tử" in refused.text
    assert "tranthimai@sttt" not in refused.text

    sheet = ("Họ và tên;Năm sinh;Thư điện tử;Phòng;Vai trò\n"
             "Lê Văn Tám;1990;tam@example.vn;Văn phòng;Chuyên viên\n")
    imported = session.post(f"{site}/sttt/@@accounts",
                            data={"_authenticator": token(page.text), "action": "import"},
                            files={"sheet": ("ds.csv", sheet.encode(), "text/csv")}, timeout=60)
    assert imported.status_code == 200
    assert "spreadsheetml" in imported.headers["Content-Type"]
    rows = list(load_workbook(BytesIO(imported.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("STT", "Họ và tên", "Tên tài khoản", "Tên đăng nhập tại cổng chung",
                           "Mật khẩu dùng một lần")
    assert rows[1][1:4] == ("Lê Văn Tám", "levantam", "levantam@sttt")
    assert len(rows[1][4]) == 12 and rows[1][5] == "Cán bộ"

    for other in ("qtb", "vta"):  # another agency's admin, a clerk
        answer = admin_session(other).get(f"{site}/sttt/@@accounts", timeout=60,
                                          allow_redirects=False)
        assert answer.status_code in (302, 401, 403), other
        if answer.status_code == 302:  # Plone's “insufficient privileges”
            assert "require_login" in answer.headers["Location"]


def test_first_login_forces_a_password_change(site, server):
    session = admin_session()
    page = session.get(f"{site}/sttt/@@accounts", timeout=60)
    made = session.post(f"{site}/sttt/@@accounts", timeout=60, data={
        "_authenticator": token(page.text), "action": "create", "full_name": "Lê Minh Hiếu",
        "email": "hieu@example.vn", "kind": "staff", "department": "vp"})
    one_time = re.search(r'class="one-time">([^<]+)<', made.text).group(1)

    person = requests.Session()
    form = person.get(f"{site}/sttt/login", timeout=60)
    assert form.status_code == 200
    person.post(f"{site}/sttt/login", timeout=60, data={
        "__ac_name": "leminhhieu@sttt", "__ac_password": one_time,
        "buttons.login": "Đăng nhập", "came_from": f"{site}/sttt"})
    assert person.cookies.get("__ac")
    home = person.get(f"{site}/sttt/den-2026", timeout=60, allow_redirects=False)
    assert home.status_code == 302
    assert home.headers["Location"] == f"{site}/sttt/@@forced-password-change"
    change = person.get(home.headers["Location"], timeout=60)
    assert change.status_code == 200 and "Mật khẩu mới" in change.text, change.text[-3000:]
    fields = {"_authenticator": token(change.text),
              "form.widgets.current_password": one_time,
              "form.widgets.new_password": "leminhhieu2026",
              "form.widgets.new_password_ctl": "leminhhieu2026",
              "form.buttons.reset_passwd": "Thay đổi Mật khẩu"}
    weak = person.post(f"{site}/sttt/@@forced-password-change", data=fields, timeout=60)
    assert "không được chứa tên tài khoản" in weak.text
    assert person.get(f"{site}/sttt/den-2026", timeout=60,
                      allow_redirects=False).status_code == 302
    fields.update({"form.widgets.new_password": "Sen-hong-2026",
                   "form.widgets.new_password_ctl": "Sen-hong-2026"})
    person.post(f"{site}/sttt/@@forced-password-change", data=fields, timeout=60)
    register = person.get(f"{site}/sttt/den-2026", timeout=60, allow_redirects=False)
    assert register.status_code == 200

    # the last login feeds the usage statistics
    stats = requests.get(f"{site}/@@usage-statistics", auth=("giamsat", PASSWORD), timeout=60)
    row = stats.text.split('id="stats-sttt"', 1)[1].split("</tr>", 1)[0]
    assert re.search(r'class="last-login">\d\d:\d\d \d\d/\d\d/\d{4}<', row), row
    assert "Đăng nhập lần cuối" in stats.text
