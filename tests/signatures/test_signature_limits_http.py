"""A registration over REST whose signed PDF the limited worker cannot
finish (a time limit of 0.05 s set the way an administrator sets it, in
the environment): the request finishes with its number, the document says
in Vietnamese that its signatures were not checked and why, never valid;
"Kiểm tra lại" within the default limits then verifies it (issue 21)."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.signatures import isolated_check
from rest_client import call
from rest_client import ok
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from signature_fixtures import plain_pdf
from signature_fixtures import sign
from signed_documents import install_root

import base64
import re
import requests
import time
import transaction

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def test_registration_finishes_when_the_check_is_cut_short(server, server_url, test_ca,
                                                           tmp_path, monkeypatch):
    make_province(server["portal"])
    install_root(test_ca)
    transaction.commit()
    data = sign(plain_pdf(), test_ca.person, tmp_path)
    monkeypatch.setenv(isolated_check.TIMEOUT_VARIABLE, "0.05")
    start = time.monotonic()
    r = requests.post(f"{server_url}/sttt/den-2026", auth=AUTH, timeout=60,
                      headers={"Accept": "application/json"}, json={
                          "@type": "IncomingDocument", "title": "Công văn ký số",
                          "sender_name": "Sở Nội vụ", "code_number": "51",
                          "code_notation": "SNV-VP", "doc_date": "2026-11-20",
                          "doc_type": "cong_van",
                          "file": {"data": base64.b64encode(data).decode(), "encoding": "base64",
                                   "filename": "cong-van.pdf", "content-type": "application/pdf"}})
    assert r.status_code == 201, r.text
    assert time.monotonic() - start < 30 and r.json()["arrival_number"] == 1
    url = r.json()["@id"]

    found = ok(call("GET", f"{url}/@signatures", "vta"))
    assert found["status"] == "broken"
    assert found["label"] == "Chữ ký số không hợp lệ: không kiểm tra được"
    [entry] = found["files"]
    assert entry["error"] == "time" and entry["signatures"] == []
    assert entry["error_message"] == ("Kiểm tra chữ ký số của tệp quá 0.05 giây cho phép: "
                                      "tệp chưa được kiểm tra.")
    page = requests.get(url, auth=("vta", PASSWORD), timeout=60)
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text))
    assert "tệp chưa được kiểm tra" in shown and "Chữ ký số hợp lệ" not in shown
    book = ok(call("GET", f"{server_url}/sttt/den-2026/@register-book", "vta"))
    assert [item["signature_status"] for item in book["items"]] == ["broken"]

    monkeypatch.delenv(isolated_check.TIMEOUT_VARIABLE)
    again = ok(call("POST", f"{url}/@signatures", "vta"))
    assert again["status"] == "valid" and again["files"][0]["error_message"] == ""
