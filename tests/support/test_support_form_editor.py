"""A site manager changes the support form through the web (issue 20:
“a site manager adds or changes a field through the web and the change
appears at once”): over HTTP, with collective.easyform's field editor
(plone.schemaeditor's add-field and edit forms, their authenticator), a
Site Administrator adds a field and renames one; the form an official
opens next shows both, and a request sent with it is still recorded."""

from collective.easyform.api import get_schema
from html_forms import form_of
from html_forms import submit
from lxml import html
from plone import api
from plone.app.testing import setRoles
from routing_fixtures import PASSWORD
from support_fixtures import make_support_province

import requests
import transaction

MANAGER = "quantriweb"
PHONE = "Số điện thoại liên hệ"
DETAILS = "Mô tả sự cố hoặc yêu cầu"


def session(user):
    s = requests.Session()
    s.auth = (user, PASSWORD)
    return s


def labels(page):
    """{field name: its label's text} of the form the page shows."""
    tree = html.fromstring(page.text)
    return {label.get("for").removeprefix("form-widgets-"): label.text_content().strip()
            for label in tree.xpath("//form[@id='form']//label[@for]")
            if label.get("for").startswith("form-widgets-")}


def test_a_site_manager_changes_the_form_and_officials_see_it_at_once(server, server_url):
    portal = server["portal"]
    make_support_province(portal)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="qtw@vpdtg.vn", username=MANAGER, password=PASSWORD)
        setRoles(portal, MANAGER, ["Site Administrator"])
    transaction.commit()
    form_url = f"{server_url}/ho-tro"
    before = labels(session("xla").get(form_url, timeout=60))
    assert before["details"] == "Nội dung" and "phone" not in before
    # an official may not open the editor (Plone's “Không đủ quyền truy cập”)
    refused = session("xla").get(f"{form_url}/@@fields/@@add-field", timeout=60)
    assert refused.url.endswith("/insufficient-privileges"), refused.url
    manager = session(MANAGER)
    # the editor in Vietnamese: the fields' list and the add-field form
    listing = manager.get(f"{form_url}/@@fields", timeout=60).text
    assert "Thêm trường mới…" in listing and "Add new field" not in listing
    for english, vietnamese in (("Settings…", "Thiết lập…"), ("Delete field", "Xóa trường")):
        assert english not in listing and vietnamese in listing, english
    adding = manager.get(f"{form_url}/@@fields/@@add-field", timeout=60).text
    for english, vietnamese in (("Add new field", "Thêm trường mới"), ("Field type", "Kiểu trường"),
                                ("Required field", "Trường bắt buộc"),
                                (">Text line (String)<", ">Dòng văn bản<"),
                                (">File Upload<", ">Tệp tải lên<"), (">Label<", ">Nhãn<")):
        assert english not in adding and vietnamese in adding, english
    editing = manager.get(f"{form_url}/@@fields/details/@@edit", timeout=60).text
    for english, vietnamese in (("A short summary or label", "Tên ngắn gọn"),
                                ("Maximum length", "Độ dài tối đa"),
                                ("Field Widget", "Kiểu ô nhập")):
        assert english not in editing and vietnamese in editing, english
    added = submit(manager, f"{form_url}/@@fields/@@add-field", {
        "form.widgets.title": PHONE, "form.widgets.__name__": "phone",
        "form.widgets.factory:list": "label_textline_field"},
        button="form.buttons.add", form_id="add-field-form", label="Thêm")
    assert added.status_code == 200, added.text[-2000:]
    assert "error" not in form_of(added, "add-field-form")[0].get("class", ""), added.text
    edited = submit(manager, f"{form_url}/@@fields/details/@@edit",
                    {"form.widgets.title": DETAILS}, form_id="edit-field-form")
    assert edited.status_code == 200, edited.text[-2000:]
    # the official's next page: the new field and the new title, no restart
    page = session("xla").get(form_url, timeout=60)
    after = labels(page)
    assert after["phone"].startswith(PHONE) and after["details"].startswith(DETAILS)
    assert "Nội dung" not in after.values()
    assert 'name="form.widgets.phone"' in page.text
    # the form still records a request, the new field filled in or not
    sent = submit(session("xla"), form_url, {
        "form.widgets.kind:list": "incident", "form.widgets.urgency:list": "normal",
        "form.widgets.details": "Máy in không in được phiếu xử lý.",
        "form.widgets.phone": "0273 3871 234"}, button="form.buttons.submit",
        form_id="form", label="Gửi")
    assert sent.status_code == 200, sent.text[-2000:]
    assert "HT-2026-0001" in sent.text, sent.text[-3000:]
    transaction.begin()
    schema = get_schema(portal["ho-tro"])  # kept in the form's model
    assert schema["phone"].title == PHONE and schema["details"].title == DETAILS
    request = portal["yeu-cau-ho-tro"]["ht-2026-0001"]
    assert request.details == "Máy in không in được phiếu xử lý." and request.requester == "xla"
