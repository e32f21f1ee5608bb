"""Issue 14, availability: one small file must not stall everyone.

A 3.7 KB .docx of 200,000 nested paragraphs took 492 s to register, under
the register's lock; a 150 KB .docx unpacking to 49 MB of XML took 13.6 s
and 600 MB. Registration never reads a file now: the file waits in the
reading queue, and the cron job reads it in a process limited in time,
memory and output, marking a file it gives up on as failed, with the
reason, on the document."""

from domain_fixtures import incoming
from domain_fixtures import make_agency
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobFile
from qlvbdh_policy.rules import office_text
from qlvbdh_policy.search import extraction
from qlvbdh_policy.search.text_cache import cached_text
from qlvbdh_policy.search.text_cache import file_version
from zope.i18n import translate

import base64
import io
import os
import pytest
import requests
import transaction
import zipfile

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json"}
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_of(xml):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def document_xml(body):
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>'
            f"{body}</w:body></w:document>")


def nested_docx(depth=200_000):
    """The attack of the issue: paragraphs nested 200,000 deep, 3.5 KB."""
    return docx_of(document_xml("<w:p>" * depth + "<w:r><w:t>x</w:t></w:r>" + "</w:p>" * depth))


def bomb_docx(paragraph="<w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p>", mb=49):
    """About 150 KB that unpacks to 49 MB of XML."""
    count = mb * 1024 * 1024 // len(paragraph.encode())
    return docx_of(document_xml(paragraph * count))


@pytest.fixture(scope="module")
def nested():
    data = nested_docx()
    assert len(data) < 4096
    return data


@pytest.fixture(scope="module")
def bomb():
    data = bomb_docx()
    assert len(data) < 200 * 1024
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.getinfo("word/document.xml").file_size > 48 * 1024 * 1024
    return data


def docx_file(data, name):
    return NamedBlobFile(data=data, filename=name, contentType=DOCX_TYPE)


# -- the parser alone: bounded whatever the shape ------------------------------

@pytest.mark.parametrize("make, reason", [
    (lambda: nested_docx(), "nesting"),
    (lambda: bomb_docx(), "output"),  # 1.2 million short paragraphs
    (lambda: bomb_docx("<w:p>" + " " * 4000 + "</w:p>"), "size"),  # 49 MB, no text
    (lambda: bomb_docx("<w:p/>"), "elements"),  # 8 million empty paragraphs
    (lambda: docx_of(document_xml("<w:p><w:r><w:t>" + "x" * (3 * 10**6)
                                  + "</w:t></w:r></w:p>")), "output"),  # one long line
])
def test_parser_stops_at_its_limits(make, reason):
    with pytest.raises(office_text.TooComplex) as raised:
        office_text.office_lines(io.BytesIO(make()), "x.docx")
    assert raised.value.reason == reason


@pytest.mark.parametrize("data", [
    b"not a zip",
    docx_of("<w:document"),  # not well-formed
    docx_of('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'),
])
def test_parser_calls_broken_files_broken(data):
    with pytest.raises(office_text.Broken):
        office_text.office_lines(io.BytesIO(data), "x.docx")


def test_parser_reads_nested_tables_and_text_boxes():
    body = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Ô bảng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            "<w:p><w:r><w:t>Đầu </w:t></w:r><w:r><w:txbxContent><w:p><w:r><w:t>Hộp chữ</w:t>"
            "</w:r></w:p></w:txbxContent></w:r><w:r><w:t>cuối</w:t></w:r></w:p>")
    data = docx_of(document_xml(body))
    assert office_text.office_text(data, "a.docx") == "Ô bảng\nHộp chữ\nĐầu cuối"


# -- registration does not read the file ---------------------------------------

def upload(name, data, content_type=DOCX_TYPE):
    return {"data": base64.b64encode(data).decode(), "encoding": "base64",
            "filename": name, "content-type": content_type}


def test_registering_a_hostile_docx_leaves_it_to_the_queue(server, server_url, nested):
    """Through REST and through the Python path of the add form: the
    document is registered with its number, its file's text is not read
    (no text kept, the file pending in the queue); the cron job then gives
    up on it, says why in Vietnamese, and the site keeps registering."""
    from qlvbdh_policy.registers.numbering import register_in_own_transaction

    portal = server["portal"]
    make_agency(portal)
    transaction.commit()
    r = requests.post(f"{server_url}/sttt/den-2026", headers=JSON, auth=AUTH, timeout=60, json={
        "@type": "IncomingDocument", "title": "Công văn kèm tệp lồng nhau",
        "sender_name": "UBND tỉnh Tiền Giang", "code_number": "45",
        "code_notation": "UBND-VP", "doc_date": "2026-11-20", "doc_type": "cong_van",
        "file": upload("long-nhau.docx", nested)})
    assert r.status_code == 201, r.text
    assert r.json()["arrival_number"] == 1
    url = r.json()["@id"]

    register = portal.sttt["den-2026"]
    with api.env.adopt_roles(["Manager"]):
        by_form = register_in_own_transaction(register, lambda: incoming(
            register, title="Tờ trình kèm tệp lồng nhau", code_number="46",
            file=docx_file(nested, "to-trinh.docx")))
    transaction.begin()
    by_rest = register[url.rsplit("/", 1)[1]]
    for doc in (by_rest, register[by_form.getId()]):
        assert cached_text(doc, file_version(doc.file)) is None  # nothing read
        assert extraction.status(doc)["status"] == extraction.PENDING
    assert extraction.pending_count() == 2

    status = requests.get(f"{url}/@text-status", headers=JSON, auth=AUTH, timeout=60).json()
    assert status["files"] == [{"id": "file", "filename": "long-nhau.docx",
                                "status": "pending", "reason": None, "message": None,
                                "ocr": None}]
    page = requests.get(url, auth=AUTH, timeout=60).text
    assert "Tệp long-nhau.docx: đang chờ đọc nội dung để tìm kiếm" in page

    run = requests.post(f"{server_url}/@ocr-queue", json={"limit": 5}, headers=JSON,
                        auth=AUTH, timeout=120)
    assert run.status_code == 200 and run.json() == {"processed": 2, "read": 2, "ocr": 0,
                                                   "waiting": 0}
    expanded = requests.get(url, params={"expand": "text-status"}, headers=JSON, auth=AUTH,
                            timeout=60).json()["@components"]["text-status"]["files"]
    assert [(f["status"], f["reason"]) for f in expanded] == [("failed", "nesting")]
    assert expanded[0]["message"] == "Nội dung tệp lồng nhau sâu hơn 200 cấp."
    page = requests.get(url, auth=AUTH, timeout=60).text
    assert ("Tệp long-nhau.docx: không đọc được nội dung. "
            "Nội dung tệp lồng nhau sâu hơn 200 cấp.") in page

    # the server goes on: the next registration gets the next number
    r = requests.post(f"{server_url}/sttt/den-2026", headers=JSON, auth=AUTH, timeout=60, json={
        "@type": "IncomingDocument", "title": "Công văn tiếp theo",
        "sender_name": "Sở Nội vụ", "code_number": "47", "code_notation": "SNV-VP",
        "doc_date": "2026-11-20", "doc_type": "cong_van"})
    assert r.status_code == 201 and r.json()["arrival_number"] == 3


# -- the queue gives up within its limits, and says why ------------------------

def indexed():
    """Plone indexes at commit or before a search; the test does neither."""
    from Products.CMFCore.indexing import processQueue

    processQueue()


def failed_reason(doc):
    state = extraction.status(doc)
    assert state["status"] == extraction.FAILED
    return state["reason"]


def test_queue_gives_up_on_hostile_files(portal, nested, bomb):
    register = make_agency(portal)["den-2026"]
    doc = incoming(register, title="Văn bản kèm tệp độc", file=docx_file(nested, "a.docx"))
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=doc, type="File", id="bom.docx", title="Bom",
                           file=docx_file(bomb, "bom.docx"))
        broken = api.content.create(container=doc, type="File", id="hong.docx", title="Hỏng",
                                    file=docx_file(b"PK\x03\x04 not really", "hong.docx"))
    indexed()
    assert extraction.pending_count() == 3
    with api.env.adopt_roles(["Manager"]):
        assert extraction.run_all() == {"processed": 3, "read": 3, "ocr": 0, "waiting": 0}
    assert failed_reason(doc) == "nesting"
    assert failed_reason(doc["bom.docx"]) == "output"
    assert failed_reason(broken) == "broken"
    assert [(f["filename"], f["reason"]) for f in extraction.file_statuses(doc)] == [
        ("a.docx", "nesting"), ("bom.docx", "output"), ("hong.docx", "broken")]
    doc.reindexObject()
    indexed()
    assert extraction.pending_count() == 0  # a failed file is not read again


def test_worker_is_killed_at_its_time_limit(portal, bomb, monkeypatch):
    """The process, not the parser, is the last line: over its time it is
    killed (the bomb needs about a second of CPU here)."""
    monkeypatch.setattr(extraction, "TIMEOUT", 0.2)
    doc = incoming(make_agency(portal)["den-2026"], file=docx_file(bomb, "bom.docx"))
    indexed()
    with api.env.adopt_roles(["Manager"]):
        extraction.run_queue()
    assert failed_reason(doc) == "time"
    assert [translate(f["message"], target_language="vi")
            for f in extraction.file_statuses(doc)] == ["Đọc tệp quá 0.2 giây cho phép."]


def test_worker_is_stopped_at_its_memory_limit(portal, bomb, monkeypatch):
    monkeypatch.setattr(extraction, "MEMORY", 30 * 1024 * 1024)
    doc = incoming(make_agency(portal)["den-2026"], file=docx_file(bomb, "bom.docx"))
    indexed()
    with api.env.adopt_roles(["Manager"]):
        extraction.run_queue()
    assert failed_reason(doc) == "memory"


def test_worker_output_is_capped(tmp_path):
    """More text than allowed is not read back, whoever wrote it."""
    body = "".join(f"<w:p><w:r><w:t>Dòng {i} của báo cáo</w:t></w:r></w:p>" for i in range(5000))
    path = tmp_path / "dai.docx"
    path.write_bytes(docx_of(document_xml(body)))
    text, reason = extraction.read_text("docx", str(path))
    assert reason is None and text.startswith("Dòng 0 của báo cáo\nDòng 1")
    assert extraction.read_text("docx", str(path), max_output=10_000) == ("", "output")
    assert os.path.getsize(path) < 20_000
