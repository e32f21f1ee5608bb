"""Signatures over HTTP on the WSGI server layer, as people see them: the
site manager installs the trust root on its Site Setup page; the document
page says in Vietnamese whether the signature is valid, changed after
signing or not trusted, with "Kiểm tra lại"; REST ``@signatures`` and the
register book answer the same (issue 21)."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_client import call
from rest_client import ok
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from signature_fixtures import plain_pdf
from signature_fixtures import sign
from signature_fixtures import tamper
from signed_documents import signed_file
from signed_documents import signed_incoming

import pytest
import re
import requests
import transaction


@pytest.fixture
def site(server, server_url):
    agency, _other = make_province(server["portal"])
    transaction.commit()
    return server_url, agency


def session(user, password=PASSWORD):
    s = requests.Session()
    s.auth = (user, password)
    return s


def token(html):
    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_trust_root_page_then_document_page_book_and_rest(site, test_ca, tmp_path):
    url, agency = site
    doc = signed_incoming(agency["den-2026"], test_ca.person, tmp_path)
    forged = tamper(sign(plain_pdf(), test_ca.person, tmp_path))
    from domain_fixtures import incoming
    changed = incoming(agency["den-2026"], code_number="124", file=signed_file(forged))
    transaction.commit()
    doc_url, changed_url = (f"{url}/sttt/den-2026/{d.getId()}" for d in (doc, changed))

    clerk = session("vta")
    page = clerk.get(doc_url, timeout=60)
    assert page.status_code == 200
    shown = text_of(page.text)
    # no root installed yet: not trusted, in plain Vietnamese, never "valid"
    assert "Chữ ký số không được tin cậy" in shown and "Chữ ký số hợp lệ" not in shown
    assert "Nguyễn Văn Bình" in shown and "Sở Thông tin và Truyền thông" in shown
    assert "Kiểm tra lại" in shown

    manager = session(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    setup = manager.get(f"{url}/@@trust-roots", timeout=60)
    assert "Chứng thư số gốc tin cậy" in text_of(setup.text)
    assert "Chưa cài đặt chứng thư số gốc nào" in text_of(setup.text)
    refused = manager.post(f"{url}/@@trust-roots", data={"_authenticator": token(setup.text)},
                           files={"certificate": ("la.pem", b"khong phai", "text/plain")},
                           timeout=60)
    assert "không phải chứng thư số" in text_of(refused.text)
    installed = manager.post(f"{url}/@@trust-roots", data={"_authenticator": token(setup.text)},
                             files={"certificate": ("root.pem", test_ca.root.pem,
                                                    "application/x-pem-file")}, timeout=60)
    assert "Đã cài đặt chứng thư số gốc: Root CA thử nghiệm" in text_of(installed.text)
    # how many documents the new root makes stale, and what checks them again
    assert ("2 văn bản có chữ ký số đã được kiểm tra với các chứng thư số gốc cài đặt trước "
            "đây: chúng sẽ được kiểm tra lại với các chứng thư số gốc hiện nay khi lệnh make "
            "verify-signatures chạy") in text_of(installed.text)
    roots = ok(call("GET", f"{url}/@trust-roots", SITE_OWNER_NAME,
                    password=SITE_OWNER_PASSWORD))["items"]
    assert [r["subject"] for r in roots] == ["Root CA thử nghiệm"]
    assert call("GET", f"{url}/@trust-roots", "vta").status_code in (401, 403)

    # a clerk asks to check again, on the page (with the authenticator)
    again = clerk.post(f"{doc_url}/@@recheck-signatures",
                       data={"_authenticator": token(page.text)}, timeout=60)
    shown = text_of(again.text)
    assert "Đã kiểm tra lại chữ ký số" in shown and "Chữ ký số hợp lệ" in shown
    forged_post = clerk.post(f"{doc_url}/@@recheck-signatures", timeout=60)
    assert forged_post.status_code == 403

    # REST: the changed one checked again is still changed, never valid
    answer = ok(call("POST", f"{changed_url}/@signatures", "vta"))
    assert answer["status"] == "modified"
    assert answer["label"].startswith("Văn bản đã bị sửa đổi sau khi ký")
    [signature] = answer["files"][0]["signatures"]
    assert signature["signer"] == "Nguyễn Văn Bình" and signature["status"] == "modified"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", signature["signed_at_text"])
    valid = ok(call("GET", f"{doc_url}/@signatures", "vta"))
    assert valid["status"] == "valid" and valid["label"] == "Chữ ký số hợp lệ"
    expanded = ok(call("GET", doc_url, "vta", params={"expand": "signatures"}))
    assert expanded["@components"]["signatures"]["status"] == "valid"
    assert "Văn bản đã bị sửa đổi sau khi ký" in text_of(clerk.get(changed_url, timeout=60).text)

    # the register book: the notes cell ends with the mark, from the catalog
    book = ok(call("GET", f"{url}/sttt/den-2026/@register-book", "vta"))
    marks = {item["uid"]: (item["signature_status"], item["cells"]["notes"])
             for item in book["items"]}
    assert marks[doc.UID()] == ("valid", "Chữ ký số hợp lệ")
    assert marks[changed.UID()] == ("modified", "Bị sửa đổi sau khi ký")
    page = clerk.get(f"{url}/sttt/den-2026", timeout=60)
    assert "Bị sửa đổi sau khi ký" in text_of(page.text)
    with api.env.adopt_roles(["Manager"]):
        assert changed.signature_check["status"] == "modified"


def test_agency_signing_page(site, test_ca, tmp_path, monkeypatch):
    """The site manager sets the key's path and uploads the seal; the page
    names where the password is read and whether it is set, in Vietnamese."""
    from qlvbdh_policy.signatures import agency_signing
    from signed_documents import seal_png

    url, agency = site
    key = test_ca.agency.p12(tmp_path / "sttt.p12")
    manager = session(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = manager.get(f"{url}/sttt/@@agency-signing", timeout=60)
    shown = text_of(page.text)
    assert "Ký số của cơ quan: Sở Thông tin và Truyền thông" in shown
    assert "QLVBDH_SIGNING_PASSWORDS" in shown and "Chưa thiết lập mật khẩu" in shown
    refused = manager.post(f"{url}/sttt/@@agency-signing",
                           data={"_authenticator": token(page.text), "key_path": str(key)},
                           files={"seal": ("dau.jpg", b"\xff\xd8\xff", "image/jpeg")}, timeout=60)
    assert "Hình ảnh con dấu phải là tệp PNG" in text_of(refused.text)
    saved = manager.post(f"{url}/sttt/@@agency-signing",
                         data={"_authenticator": token(page.text), "key_path": str(key)},
                         files={"seal": ("dau.png", seal_png(), "image/png")}, timeout=60)
    assert "Đã lưu thiết lập ký số của cơ quan" in text_of(saved.text)
    transaction.begin()  # see the server's commit
    found = agency_signing.settings(agency)
    assert found["key_path"] == str(key) and found["seal"].startswith(b"\x89PNG")
    clerk = session("vta").get(f"{url}/sttt/@@agency-signing", timeout=60)
    assert 'name="key_path"' not in clerk.text and str(key) not in clerk.text  # managers only
