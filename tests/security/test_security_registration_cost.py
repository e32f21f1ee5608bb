"""Registration time does not depend on the attachment (issue 14): a REST
registration reads its body once.

A 5 MB file is a 7 MB JSON body in base64, and stock plone.restapi parsed
it again in its add service, its deserializer and the serializer's
batching, besides the project's own body check and duplicate check: about
seven ``json.loads`` of the whole body, each costing a good part of a
registration without a file (bench/bench_attachments.py has the figures).
The project parses it once and hands stock code the body without the
file's data; the JWT plugin's two parses (before traversal, stock code)
remain. The file still arrives whole, through its field's deserializer,
before the document is numbered.

``json.loads`` is counted by wrapping the real one in the process that
serves the requests (the WSGI server layer runs in the test process).
"""

from domain_fixtures import make_agency
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import base64
import json
import pytest
import requests
import transaction

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json"}
BIG = 1024 * 1024
# plone.restapi's JWT plugin parses every JSON body twice while authenticating
# (before traversal, stock code); the project's body check once
PARSES_ALLOWED = 3


def pdf(size):
    head = b"%PDF-1.4\n1 0 obj<<>>endobj\n"
    return head + b"%" + b"x" * (size - len(head) - 20) + b"\ntrailer<<>>\n%%EOF\n"


def upload(name, data):
    return {"data": base64.b64encode(data).decode(), "encoding": "base64",
            "filename": name, "content-type": "application/pdf"}


@pytest.fixture
def site(server, server_url):
    make_agency(server["portal"])
    transaction.commit()
    return server_url


@pytest.fixture
def big_parses(monkeypatch):
    """The json.loads calls on a text of more than 1 MB, as they happen."""
    calls, real = [], json.loads

    def counting(text, *args, **kw):
        if len(text) > BIG:
            calls.append(len(text))
        return real(text, *args, **kw)

    monkeypatch.setattr(json, "loads", counting)
    return calls


def test_incoming_with_a_file_parses_the_body_once(site, big_parses):
    data = pdf(2 * BIG)
    r = requests.post(f"{site}/sttt/den-2026", headers=JSON, auth=AUTH, timeout=120, json={
        "@type": "IncomingDocument", "title": "Công văn kèm tệp lớn",
        "sender_name": "Sở Nội vụ", "code_number": "7", "code_notation": "SNV-VP",
        "doc_date": "2026-11-20", "doc_type": "cong_van",
        "file": upload("thư mục/Công văn\x07.pdf", data)})
    assert r.status_code == 201, r.text
    print(f"json.loads of the {len(r.request.body)} byte body: {len(big_parses)} times")
    assert len(big_parses) <= PARSES_ALLOWED, big_parses
    doc = r.json()
    assert doc["arrival_number"] == 1
    assert doc["file"]["filename"] == "Công văn.pdf"  # the name cleaned, as before
    stored = requests.get(doc["file"]["download"], auth=AUTH, timeout=60)
    assert stored.content == data


def test_outgoing_with_a_file_parses_the_body_once_and_issues(site, big_parses):
    data = pdf(2 * BIG)
    r = requests.post(f"{site}/sttt/di-2026", headers=JSON, auth=AUTH, timeout=120, json={
        "@type": "OutgoingDocument", "title": "Quyết định về việc cử cán bộ",
        "doc_type": "quyet_dinh", "file": upload("qd.pdf", data)})
    assert r.status_code == 201, r.text
    assert len(big_parses) <= PARSES_ALLOWED, big_parses
    url = r.json()["@id"]
    for step in ("submit_review", "approve", "sign", "issue"):
        moved = requests.post(f"{url}/@workflow/{step}", headers=JSON, auth=AUTH, timeout=30)
        assert moved.status_code == 200, moved.text  # issue needs the file
    doc = requests.get(url, headers=JSON, auth=AUTH, timeout=30).json()
    assert doc["review_state"] == "issued" and doc["code_number"] == "01"
    assert requests.get(doc["file"]["download"], auth=AUTH, timeout=60).content == data


def test_file_refusals_still_name_the_field(site, big_parses):
    """The refusals the file's rules give, from the field's deserializer and
    its constraint, through the body set aside."""
    base = {"@type": "IncomingDocument", "title": "Công văn", "sender_name": "Sở Nội vụ",
            "code_notation": "SNV-VP", "doc_date": "2026-11-20", "doc_type": "cong_van"}
    empty = dict(base, code_number="8", file={"data": "", "encoding": "base64",
                                              "filename": "rong.pdf"})
    exe = dict(base, code_number="9", file=upload("cai-dat.exe", b"MZ\x90\x00" * (BIG // 2)))
    for body in (empty, exe):
        r = requests.post(f"{site}/sttt/den-2026", json=body, headers=JSON, auth=AUTH,
                          timeout=60)
        assert r.status_code == 400, r.text
        assert r.json()["errors"][0]["field"] == "file"
    listing = requests.get(f"{site}/sttt/den-2026", headers=JSON, auth=AUTH, timeout=30)
    assert listing.json()["items_total"] == 0
