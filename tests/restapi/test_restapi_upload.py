"""A file uploaded before the registration that names it (issue 14).

``POST <register>/@upload`` takes the file's bytes (no JSON, no base64)
and answers a token; the registration names it, ``"file": {"upload":
token}``, and takes the upload's blob for the document's file. Only the
account that uploaded it may name it, in a register of the same agency,
within ``rules.uploads.KEEP_SECONDS``; the file rules of every attachment
apply to the upload itself (too big: 413). Against the WSGI server layer;
the last test on a real FileStorage with its blob directory.
"""

from clock import TEST_NOW
from domain_fixtures import make_agency
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.rules import uploads as upload_rules
from rest_bodies import incoming_body
from storage_fixtures import blob_files
from storage_fixtures import registered
from storage_fixtures import storage  # noqa: F401 (a fixture)
from urllib.parse import quote

import datetime
import os
import pytest
import requests
import transaction

PASSWORD = "demo-vanthu-2026"
ADMIN = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json"}
NAME = "Kế hoạch số 12 về chuyển đổi số.pdf"


def pdf(size=300 * 1024):
    head = b"%PDF-1.4\n1 0 obj<<>>endobj\n"
    tail = b"\ntrailer<<>>\n%%EOF\n"
    return head + os.urandom(size - len(head) - len(tail)) + tail


def clerk(username, agency="sttt"):
    api.user.create(email=f"{username}@example.org", username=username, password=PASSWORD,
                    properties={"fullname": username})
    api.group.add_user(groupname=f"{agency}-clerks", username=username)
    return (username, PASSWORD)


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    make_agency(portal)
    make_agency(portal, abbr="stp", notation="STP", title="Sở Tư pháp")
    with api.env.adopt_roles(["Manager"]):
        accounts = {"lan": clerk("lan"), "hoa": clerk("hoa"), "minh": clerk("minh", "stp")}
    transaction.commit()
    return server_url, accounts


def upload(url, auth, data, content_type="application/pdf", name=NAME):
    headers = dict(JSON, **{"Content-Type": content_type})
    if name is not None:
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return requests.post(f"{url}/@upload", data=data, headers=headers, auth=auth, timeout=60)


def register(url, auth, token, **kw):
    return requests.post(url, json=incoming_body(file={"upload": token}, **kw), headers=JSON,
                         auth=auth, timeout=60)


def listed(url):
    r = requests.get(url, headers=JSON, auth=ADMIN, timeout=30)
    return r.json()["items_total"]


def assert_envelope(r, status, field="file"):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) <= {"type", "message", "errors"}, body
    assert body["message"]
    if field:
        assert [e["field"] for e in body["errors"]] == [field]
    return body


def test_upload_then_register_by_token(site):
    url, accounts = site
    register_url = f"{url}/sttt/den-2026"
    data = pdf()
    r = upload(register_url, accounts["lan"], data)
    assert r.status_code == 201, r.text
    answer = r.json()
    assert answer["filename"] == NAME
    assert answer["size"] == len(data)
    assert answer["content-type"] == "application/pdf"
    assert datetime.datetime.fromisoformat(answer["expires"]) > TEST_NOW

    r = register(register_url, accounts["lan"], answer["upload"])
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["arrival_number"] == 1
    assert doc["file"]["filename"] == NAME
    assert doc["file"]["size"] == len(data)
    download = requests.get(doc["file"]["download"], auth=ADMIN, timeout=30)
    assert download.content == data

    # an upload names one document: taken, it is gone
    again = register(register_url, accounts["lan"], answer["upload"], code_number="46")
    body = assert_envelope(again, 400)
    assert "không có hoặc đã hết hạn" in body["errors"][0]["message"]
    assert listed(register_url) == 1


def test_another_accounts_upload_is_refused_and_stays_its_owners(site):
    url, accounts = site
    register_url = f"{url}/sttt/den-2026"
    token = upload(register_url, accounts["lan"], pdf()).json()["upload"]

    r = register(register_url, accounts["hoa"], token)
    body = assert_envelope(r, 403)
    assert body["type"] == "Forbidden"
    assert "tài khoản khác" in body["message"]
    assert listed(register_url) == 0

    assert register(register_url, accounts["lan"], token).status_code == 201


def test_an_upload_for_another_agency_is_refused(site):
    url, accounts = site
    token = upload(f"{url}/sttt/den-2026", ADMIN, pdf()).json()["upload"]
    r = register(f"{url}/stp/den-2026", ADMIN, token)
    body = assert_envelope(r, 403)
    assert "cơ quan khác" in body["message"]
    assert listed(f"{url}/stp/den-2026") == 0
    # a clerk of another agency may not upload into this agency's register,
    # nor anyone anonymous
    r = upload(f"{url}/sttt/den-2026", accounts["minh"], pdf())
    assert_envelope(r, 403, field=None)
    r = upload(f"{url}/sttt/den-2026", None, pdf())
    assert_envelope(r, 401, field=None)


def test_unknown_and_expired_uploads_name_the_field(site, clock):
    url, accounts = site
    register_url = f"{url}/sttt/den-2026"
    r = register(register_url, accounts["lan"], "khong-co-ma-nay")
    body = assert_envelope(r, 400)
    assert "khong-co-ma-nay" in body["errors"][0]["message"]

    token = upload(register_url, accounts["lan"], pdf()).json()["upload"]
    clock.set(TEST_NOW + datetime.timedelta(seconds=upload_rules.KEEP_SECONDS + 60))
    r = register(register_url, accounts["lan"], token)
    body = assert_envelope(r, 400)
    assert "hết hạn" in body["errors"][0]["message"]
    assert listed(register_url) == 0


def test_a_file_too_big_is_413_and_nothing_is_kept(site, server):
    url, accounts = site
    api.portal.set_registry_record("qlvbdh.max_upload_mb", 1)
    transaction.commit()
    r = upload(f"{url}/sttt/den-2026", accounts["lan"], pdf(1024 * 1024 + 1))
    body = assert_envelope(r, 413)
    assert body["type"] == "PayloadTooLarge"
    assert "1 MB" in body["message"]
    transaction.begin()
    from zope.annotation.interfaces import IAnnotations

    assert not IAnnotations(server["portal"]).get("qlvbdh_policy.uploads")


def test_an_account_has_a_few_uploads_waiting_at_most(site, clock, monkeypatch):
    """Uploads are disk space until registered or expired: an account with
    ``MAX_WAITING`` of them waiting gets 429; registering one, or the
    hour passing, makes room; another account is not held back."""
    url, accounts = site
    register_url = f"{url}/sttt/den-2026"
    monkeypatch.setattr(upload_rules, "MAX_WAITING", 2)
    tokens = [upload(register_url, accounts["lan"], pdf()).json()["upload"] for _ in range(2)]
    r = upload(register_url, accounts["lan"], pdf())
    body = assert_envelope(r, 429, field=None)
    assert body["type"] == "TooManyRequests"
    assert "2 tệp tải lên chờ vào sổ" in body["message"]
    assert upload(register_url, accounts["hoa"], pdf()).status_code == 201

    assert register(register_url, accounts["lan"], tokens[0]).status_code == 201
    assert upload(register_url, accounts["lan"], pdf()).status_code == 201
    assert upload(register_url, accounts["lan"], pdf()).status_code == 429
    clock.set(TEST_NOW + datetime.timedelta(seconds=upload_rules.KEEP_SECONDS + 60))
    assert upload(register_url, accounts["lan"], pdf()).status_code == 201


@pytest.mark.parametrize("data, content_type, name, reason", [
    (b"MZ\x90\x00program", "application/octet-stream", "cai-dat.exe", "chương trình"),
    (b"MZ\x90\x00program", "application/x-msdownload", None, "chương trình"),
    (b"<html><script>alert(1)</script></html>", "text/html", None, "không đúng định dạng"),
    (b"%PDF-1.4", "application/pdf", "trang.html", "không đúng định dạng"),
    (b"", "application/pdf", NAME, "rỗng"),
])
def test_wrong_files_are_refused(site, data, content_type, name, reason):
    url, accounts = site
    r = upload(f"{url}/sttt/den-2026", accounts["lan"], data, content_type, name)
    body = assert_envelope(r, 400)
    assert reason in body["message"], body["message"]


def test_a_name_without_folders_nor_control_characters(site):
    url, accounts = site
    r = upload(f"{url}/sttt/den-2026", accounts["lan"], pdf(), name="C:\\Văn bản\\a\x07b.pdf")
    assert r.status_code == 201, r.text
    assert r.json()["filename"] == "ab.pdf"
    r = upload(f"{url}/sttt/den-2026", accounts["lan"], pdf(), name=None)
    assert r.json()["filename"] == "tep-tai-len.pdf"


def test_registration_keeps_the_uploaded_blob_and_writes_no_other(server, server_url,
                                                                  storage):  # noqa: F811
    """On a real FileStorage: the upload writes the file's one blob; the
    registration that names it writes none."""
    blobs = storage["blobs"]
    register_url = f"{server_url}/sttt/den-2026"
    auth = ("vanthu", "demo-vanthu-2026")
    data = pdf(900 * 1024)  # the storage fixture's limit is 1 MB
    before = blob_files(blobs)
    token = upload(register_url, auth, data).json()["upload"]
    uploaded = [b for b in blob_files(blobs) if b not in before]
    assert len(uploaded) == 1 and os.path.getsize(uploaded[0]) == len(data)

    r = register(register_url, auth, token)
    assert r.status_code == 201, r.text
    assert [b for b in blob_files(blobs) if b not in before] == uploaded
    with open(uploaded[0], "rb") as f:
        assert f.read() == data
    assert registered(storage["db"]) == [1]
