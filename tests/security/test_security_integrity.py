"""Issue 14, integrity: bad data that got in and broke things later.

Over HTTP on the WSGI server layer (plone.restapi and the add forms) and
through the Python API: control characters and line breaks in one-line
fields, NFC, invisible characters against the duplicate check, formulas
and old bad data in every XLSX export, implausible dates and counts,
non-boolean booleans, empty files, file names with folders and NUL, and a
document in a register of the other kind."""

from clock import TEST_TODAY
from domain_fixtures import incoming
from domain_fixtures import outgoing
from domain_fixtures import pdf
from io import BytesIO
from openpyxl import load_workbook
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_bodies import incoming_body
from rest_bodies import PDF
from rest_bodies import upload
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from urllib.parse import unquote

import datetime
import pytest
import re
import requests
import transaction

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json"}
NFD_UY = "U\u0309y ban nhân dân tỉnh Tiền Giang"  # "Ủy" with a combining hook
FORMULA_TITLE = '=HYPERLINK("http://evil.example/","Bấm vào đây")'
FORMULA_SENDER = "=1+2"


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url


def outgoing_body(**kw):
    body = {"@type": "OutgoingDocument", "title": "Quyết định về việc cử cán bộ đi học",
            "doc_type": "quyet_dinh"}
    body.update(kw)
    return body


def post(url, body, auth=AUTH):
    return requests.post(url, json=body, headers=JSON, auth=auth, timeout=60)


def stored(site, path="sttt/den-2026"):
    listing = requests.get(f"{site}/{path}", headers=JSON, auth=AUTH, timeout=30)
    return listing.json()["items_total"]


def refused(response, field, *words):
    """400 with the field named and the Vietnamese words in its message."""
    assert response.status_code == 400, response.text
    error = response.json()  # the REST envelope (test_restapi_contract.py)
    fields = {e["field"]: e["message"] for e in error["errors"]}
    assert field in fields, error
    for word in words:
        assert word in fields[field], fields[field]
    return fields[field]


# -- 1. plain text -----------------------------------------------------------


@pytest.mark.parametrize("field,value,character", [
    ("title", "Quyết định\x01 về việc", "U+0001"),
    ("sender_name", "UBND\x00 tỉnh", "U+0000"),
    ("code_notation", "QĐ-UBND\x1b[31m", "U+001B"),
    ("signer_name", "Nguyễn Văn\x7f A", "U+007F"),
    ("title", "Quyết định \ud800 về việc", "U+D800"),
])
def test_rest_refuses_control_characters_naming_the_field(site, field, value, character):
    r = post(f"{site}/sttt/den-2026", incoming_body(**{field: value}))
    message = refused(r, field, "ký tự", character)
    assert "“" in message  # the field is named by its Vietnamese title
    assert stored(site) == 0


def test_rest_normalises_line_breaks_nfc_and_invisible_characters(site):
    r = post(f"{site}/sttt/den-2026", incoming_body(
        title="Công văn về việc\r\ntriển khai\tứng dụng ",
        sender_name=NFD_UY, code_notation="UBND\u200b-VP\ufeff",
        notes="Dòng 1\r\nDòng 2\x07\x0c",
    ))
    assert r.status_code == 201, r.text
    doc = requests.get(r.json()["@id"], headers=JSON, auth=AUTH, timeout=30).json()
    assert doc["title"] == "Công văn về việc triển khai ứng dụng"
    assert doc["sender_name"] == "Ủy ban nhân dân tỉnh Tiền Giang"  # NFC: U+1EE6
    assert doc["code_notation"] == "UBND-VP"
    assert doc["notes"] == "Dòng 1\nDòng 2"  # line breaks kept, controls dropped


def test_invisible_characters_do_not_defeat_the_duplicate_check(site):
    assert post(f"{site}/sttt/den-2026", incoming_body()).status_code == 201
    r = post(f"{site}/sttt/den-2026", incoming_body(
        code_number="4\u200b5", code_notation="UBND\u200d-VP",
        sender_name="UBND\u2060 tỉnh Tiền\ufeff Giang"))
    assert r.status_code == 409, r.text
    assert stored(site) == 1


def test_python_api_refuses_and_normalises(site, server):
    portal = server["portal"]
    register = portal.sttt["den-2026"]
    from qlvbdh_policy.content.validation import DocumentRefused

    with pytest.raises(DocumentRefused) as caught:
        incoming(register, title="Quyết định\x00")
    assert caught.value.field == "title"
    transaction.abort()
    doc = incoming(register, sender_name=NFD_UY, code_notation="QĐ\u200b-UBND",
                   title="Quyết định\nvề việc")
    assert (doc.sender_name, doc.code_notation, doc.title) == (
        "Ủy ban nhân dân tỉnh Tiền Giang", "QĐ-UBND", "Quyết định về việc")
    with api.env.adopt_roles(["Manager"]):
        dept = api.content.create(container=portal.sttt, type="Department",
                                  title="Phòng\u00a0 Kế hoạch\n", notation_abbr="KH\u200b", id="kh")
    assert (dept.title, dept.notation_abbr) == ("Phòng Kế hoạch", "KH")
    transaction.abort()


def test_agency_and_register_names_refuse_control_characters(site):
    r = requests.patch(f"{site}/sttt", json={"title": "Sở\x00 Thông tin"}, headers=JSON,
                       auth=AUTH, timeout=30)
    assert r.status_code == 400 and "title" in r.text
    r = requests.patch(f"{site}/sttt/den-2026", json={"title": "Sổ\x08 đến"}, headers=JSON,
                       auth=AUTH, timeout=30)
    assert r.status_code == 400 and "title" in r.text
    agency = requests.get(f"{site}/sttt", headers=JSON, auth=AUTH, timeout=30).json()
    assert agency["title"] == "Sở Thông tin và Truyền thông"


# -- the add forms -----------------------------------------------------------


def form_post(site, container, portal_type, fields, files=None):
    session = requests.Session()
    session.auth = AUTH
    page = session.get(f"{site}/{container}/++add++{portal_type}", timeout=60)
    assert page.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
    data = {"_authenticator": token, "form.buttons.save": "Lưu",
            "form.widgets.doc_type:list": "cong_van", "form.widgets.urgency:list": "thuong",
            "form.widgets.secrecy:list": "thuong", **fields}
    return session.post(f"{site}/{container}/++add++{portal_type}", data=data,
                        files=files, timeout=60)


def incoming_form(**kw):
    fields = {"form.widgets.title": "Công văn về việc triển khai ứng dụng",
              "form.widgets.sender_name": "UBND tỉnh Tiền Giang",
              "form.widgets.code_number": "77", "form.widgets.code_notation": "UBND-VP",
              "form.widgets.doc_date": "2026-11-20", "form.widgets.arrival_date": "2026-11-27"}
    fields.update(kw)
    return fields


def test_form_refuses_a_control_character_naming_the_field(site):
    answer = form_post(site, "sttt/den-2026", "IncomingDocument",
                       incoming_form(**{"form.widgets.sender_name": "UBND\x07 tỉnh"}))
    assert "ký tự không được phép lưu" in answer.text and "U+0007" in answer.text
    assert stored(site) == 0
    form_post(site, "sttt/den-2026", "IncomingDocument", incoming_form())
    assert stored(site) == 1  # the same form, without the character, registers


def test_form_refuses_a_future_document_date(site):
    answer = form_post(site, "sttt/den-2026", "IncomingDocument",
                       incoming_form(**{"form.widgets.doc_date": "2026-11-28"}))
    assert "Ngày văn bản 28/11/2026 sau ngày hôm nay (27/11/2026)" in answer.text
    assert stored(site) == 0


def test_form_refuses_an_empty_file(site):
    answer = form_post(site, "sttt/den-2026", "IncomingDocument", incoming_form(),
                       files={"form.widgets.file": ("rong.pdf", b"", "application/pdf")})
    assert "Tệp rong.pdf rỗng" in answer.text
    assert stored(site) == 0


def test_form_outgoing_in_an_incoming_register_is_refused(site):
    session = requests.Session()
    session.auth = AUTH
    add = f"{site}/sttt/den-2026/++add++OutgoingDocument"
    page = session.get(add, timeout=60)  # the form's URL typed: back to the book, told why
    assert page.url == f"{site}/sttt/den-2026"
    assert "Sổ “Sổ văn bản đến 2026” là sổ văn bản đến" in page.text, page.text[-3000:]
    book = session.get(f"{site}/sttt/den-2026", timeout=60)
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', book.text)
    answer = session.post(add, data={"_authenticator": token.group(1) if token else "",
                                     "form.buttons.save": "Lưu",
                                     "form.widgets.title": "Quyết định về việc cử cán bộ"},
                          timeout=60)
    assert "Sổ “Sổ văn bản đến 2026” là sổ văn bản đến" in answer.text, answer.text[-3000:]
    assert stored(site) == 0


# -- 2. exports ----------------------------------------------------------------


def sheet_cells(content):
    """The sheet's cells by value; no cell of it is a formula."""
    sheet = load_workbook(BytesIO(content)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [c.value for c in cells if c.data_type == "f"] == []
    return {cell.value: cell for cell in cells}


def assert_text(cells, *values):
    """Each value is a text cell, or the text of one (the book writes
    “type: summary” in one column)."""
    for value in values:
        found = [v for v in cells if isinstance(v, str) and (v == value or v.endswith(value))]
        assert found, (value, list(cells))
        assert cells[found[0]].data_type == "s", (value, cells[found[0]].data_type)


def test_formulas_are_exported_as_text_in_every_document_sheet(site):
    r = post(f"{site}/sttt/den-2026", incoming_body(title=FORMULA_TITLE,
                                                     sender_name=FORMULA_SENDER,
                                                     code_notation="-"))
    assert r.status_code == 201, r.text
    book = requests.get(f"{site}/sttt/den-2026/@register-book-xlsx", auth=AUTH,
                        headers=JSON, timeout=60)
    assert book.status_code == 200
    assert_text(sheet_cells(book.content), FORMULA_TITLE, FORMULA_SENDER)
    page = requests.get(f"{site}/sttt/den-2026/@@book.xlsx", auth=AUTH, timeout=60)
    assert page.status_code == 200
    assert_text(sheet_cells(page.content), FORMULA_TITLE, FORMULA_SENDER)
    search = requests.get(f"{site}/sttt/@@search-documents.xlsx", params={"text": "45"},
                          auth=AUTH, timeout=60)
    assert search.status_code == 200
    assert_text(sheet_cells(search.content), FORMULA_TITLE, FORMULA_SENDER, "45/-")


def test_formulas_are_exported_as_text_in_the_account_import_sheet(site):
    session = requests.Session()
    session.auth = ("qta", PASSWORD)
    page = session.get(f"{site}/sttt/@@accounts", timeout=60)
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
    sheet = ("Họ và tên;Năm sinh;Thư điện tử;Phòng;Vai trò\n"
             "=Lê Văn Tám;1990;tam@example.vn;Văn phòng;Chuyên viên\n")
    imported = session.post(f"{site}/sttt/@@accounts",
                            data={"_authenticator": token, "action": "import"},
                            files={"sheet": ("ds.csv", sheet.encode(), "text/csv")}, timeout=60)
    assert imported.status_code == 200
    assert "spreadsheetml" in imported.headers["Content-Type"], imported.text[-2000:]
    cells = sheet_cells(imported.content)
    name = next(v for v in cells if isinstance(v, str) and "Lê Văn Tám" in v)
    assert name.startswith("=") and cells[name].data_type == "s"


def test_old_data_with_a_control_character_still_exports(site, server):
    doc = incoming(server["portal"].sttt["den-2026"])
    # stored before input was checked: written past every validation
    doc.title = "Quyết định\x01 về\x0b việc cũ"
    doc.sender_name = "UBND\x00 tỉnh"
    doc.reindexObject()
    transaction.commit()
    for url, params in ((f"{site}/sttt/den-2026/@register-book-xlsx", {}),
                        (f"{site}/sttt/den-2026/@@book.xlsx", {}),
                        (f"{site}/sttt/@@search-documents.xlsx", {"text": "123"})):
        answer = requests.get(url, params=params, auth=AUTH, headers=JSON, timeout=60)
        assert answer.status_code == 200, (url, answer.status_code)
        cells = sheet_cells(answer.content)
        assert_text(cells, "Quyết định về việc cũ", "UBND tỉnh")


# -- 3. plausible values -----------------------------------------------------


@pytest.mark.parametrize("body,field,words", [
    ({"doc_date": "2026-11-28"}, "doc_date", ("28/11/2026", "27/11/2026")),
    ({"doc_date": "2062-11-20"}, "doc_date", ("20/11/2062",)),
    ({"doc_date": "1900-01-01"}, "doc_date", ("01/01/1900", "01/01/1945")),
    ({"arrival_date": "2026-11-28"}, "arrival_date", ("28/11/2026", "sau ngày hôm nay")),
    ({"arrival_date": "2025-12-31"}, "arrival_date", ("31/12/2025", "Sổ văn bản đến 2026")),
    ({"page_count": 0}, "page_count", ("Số trang", "10.000")),
    ({"page_count": 20000}, "page_count", ("Số trang", "20000")),
    ({"received_on_paper": "yes"}, "received_on_paper", ("true", "'yes'")),
    ({"received_on_paper": "false"}, "received_on_paper", ("true",)),
    ({"file": upload("rong.pdf", b"")}, "file", ("rong.pdf", "rỗng")),
])
def test_rest_refuses_implausible_values(site, body, field, words):
    refused(post(f"{site}/sttt/den-2026", incoming_body(**body)), field, *words)
    assert stored(site) == 0


def test_rest_accepts_plausible_values(site):
    r = post(f"{site}/sttt/den-2026", incoming_body(
        doc_date=TEST_TODAY.isoformat(), arrival_date="2026-01-02", page_count=10000,
        received_on_paper=True))
    assert r.status_code == 201, r.text
    doc = requests.get(r.json()["@id"], headers=JSON, auth=AUTH, timeout=30).json()
    assert doc["received_on_paper"] is True and doc["page_count"] == 10000
    assert doc["arrival_date"] == "2026-01-02"


def test_rest_outgoing_copies_bounded_and_bool_strict(site):
    refused(post(f"{site}/sttt/di-2026", outgoing_body(copies=10001)), "copies", "10.000")
    refused(post(f"{site}/sttt/di-2026", outgoing_body(electronic_only="yes")),
            "electronic_only")
    assert stored(site, "sttt/di-2026") == 0
    r = post(f"{site}/sttt/di-2026", outgoing_body(copies=3, electronic_only=False))
    assert r.status_code == 201, r.text


def test_python_api_refuses_implausible_values(site, server):
    from qlvbdh_policy.content.validation import DocumentRefused

    register = server["portal"].sttt["den-2026"]
    for fields, field in (({"doc_date": datetime.date(2062, 1, 1)}, "doc_date"),
                          ({"arrival_date": datetime.date(2025, 5, 5)}, "arrival_date"),
                          ({"page_count": -1}, "page_count")):
        with pytest.raises(DocumentRefused) as caught:
            incoming(register, **fields)
        assert caught.value.field == field
        transaction.abort()


def test_rest_refuses_an_empty_attachment(site):
    doc = post(f"{site}/sttt/den-2026", incoming_body()).json()["@id"]
    r = post(doc, {"@type": "File", "title": "Phụ lục", "file": upload("phu-luc.pdf", b"")})
    refused(r, "file", "phu-luc.pdf", "rỗng")


@pytest.mark.parametrize("sent", [
    "C:\\fakepath\\Quyết định.pdf", "../../Quyết định.pdf", "../Quyết\x00 định.pdf",
    "..\\..\\Quyết\u200b định.pdf",
])
def test_file_names_lose_folders_and_control_characters(site, sent):
    r = post(f"{site}/sttt/den-2026", incoming_body(file=upload(sent)))
    assert r.status_code == 201, r.text
    doc = requests.get(r.json()["@id"], headers=JSON, auth=AUTH, timeout=30).json()
    assert doc["file"]["filename"] == "Quyết định.pdf"
    download = requests.get(doc["file"]["download"], auth=AUTH, timeout=30)
    disposition = download.headers["Content-Disposition"]
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Quyết định.pdf"
    attachment = post(r.json()["@id"], {"@type": "File", "title": "Phụ lục",
                                        "file": upload(sent.replace("Quyết", "Phụ lục"))})
    assert attachment.status_code == 201, attachment.text
    file_url = attachment.json()["@id"]
    download = requests.get(f"{file_url}/@@download/file", auth=AUTH, timeout=30)
    disposition = download.headers["Content-Disposition"]
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Phụ lục định.pdf"


def test_a_document_of_the_other_kind_is_refused_naming_the_register(site, server):
    r = post(f"{site}/sttt/den-2026", outgoing_body())
    refused(r, "register", "Sổ văn bản đến 2026", "văn bản đi")
    r = post(f"{site}/sttt/di-2026", incoming_body())
    refused(r, "register", "Sổ văn bản đi 2026", "văn bản đến")
    assert stored(site) == 0 and stored(site, "sttt/di-2026") == 0
    from qlvbdh_policy.registers.registration import RegistrationRefused

    with pytest.raises(RegistrationRefused):
        outgoing(server["portal"].sttt["den-2026"])
    transaction.abort()


def test_a_books_add_menu_offers_only_its_kind(site):
    for book, offered, refused_type in (("den-2026", "IncomingDocument", "OutgoingDocument"),
                                        ("di-2026", "OutgoingDocument", "IncomingDocument")):
        page = requests.get(f"{site}/sttt/{book}", auth=AUTH, timeout=30)
        assert page.status_code == 200
        assert f"++add++{offered}" in page.text
        assert f"++add++{refused_type}" not in page.text


def test_python_api_file_name_is_cleaned(site, server):
    doc = incoming(server["portal"].sttt["den-2026"], file=pdf("C:\\tmp\\a\x00b.pdf"))
    assert doc.file.filename == "ab.pdf"
    transaction.abort()


@pytest.mark.parametrize("old_name", ["../../x\x00.pdf", "C:\\fakepath\\x\x1b.pdf"])
def test_download_of_an_old_file_name_is_clean(site, server, old_name):
    doc = incoming(server["portal"].sttt["den-2026"], file=pdf("x.pdf"))
    doc.file.filename = old_name  # stored before names were cleaned
    transaction.commit()
    url = f"{site}/sttt/den-2026/{doc.getId()}"
    for view in ("@@download/file", "@@download/file/..%5C..%5Cevil.pdf"):
        answer = requests.get(f"{url}/{view}", auth=AUTH, timeout=30)
        assert answer.status_code == 200 and answer.content == PDF
        disposition = answer.headers["Content-Disposition"]
        assert disposition.startswith("attachment; filename*=UTF-8''")
        assert unquote(disposition.split("''", 1)[1]) in ("x.pdf", "evil.pdf")
    inline = requests.get(f"{url}/@@display-file/file", auth=AUTH, timeout=30)
    disposition = inline.headers["Content-Disposition"]
    assert unquote(disposition.split("''", 1)[1]) == "x.pdf"


def test_form_refuses_an_empty_attachment(site, server):
    doc = incoming(server["portal"].sttt["den-2026"])
    transaction.commit()
    container = f"sttt/den-2026/{doc.getId()}"
    answer = form_post(site, container, "File", {"form.widgets.title": "Phụ lục"},
                       files={"form.widgets.file": ("phu-luc.pdf", b"", "application/pdf")})
    assert "Tệp phu-luc.pdf rỗng" in answer.text, answer.status_code
    listing = requests.get(f"{site}/{container}", headers=JSON, auth=AUTH, timeout=30)
    assert listing.json()["items_total"] == 0
