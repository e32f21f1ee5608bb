"""One agency's year of hồ sơ, end to end (issue 19, “Done when”), with the
real pieces over HTTP and the test clock walking the calendar:

- January 2026: the office imports the file plan from its sheet (XLSX);
  two people open their case files from its entries;
- March to November: an incoming document is handled and filed through the
  “Lưu hồ sơ” step into the handler's case file, and put in the
  co-handler's case file too (one document, two case files, two people);
  an outgoing document is archived by the clerk into the second case file;
  documents put in and taken out while the case file is open;
- November, December: the case files are closed: frozen (nothing taken
  out, the documents no longer changed);
- 2027: the daily command mails the 30-day notices (loopback SMTP); one
  case file handed over, read by the archivist (its mục lục, its export
  with the documents' text) and accepted, the other returned with a
  reason (the archive's read of a document it alone held goes away),
  handed over again and accepted;
- the outputs read back: mục lục văn bản (@toc), mục lục hồ sơ
  (@case-files), the hand-over record, the full export ZIP (PDF text with
  pypdf, cells with openpyxl, the XML parsed)."""

from io import BytesIO
from mail_fixtures import delivered
from mail_fixtures import mailbox
from openpyxl import Workbook
from plone import api
from pypdf import PdfReader
from qlvbdh_policy import mail_queue
from qlvbdh_policy.timeutil import VIETNAM_OFFSET
from rest_bodies import incoming_body
from rest_bodies import upload
from rest_client import call
from rest_client import refused
from routing_fixtures import issue_to
from routing_fixtures import make_archivist
from routing_fixtures import make_province
from test_case_file_outputs import cells
from test_case_file_outputs import pdf_text
from test_case_file_outputs import real_pdf
from test_filing_step import get
from test_filing_step import post
from xml.etree import ElementTree as ET

import base64
import datetime
import pytest
import re
import requests
import transaction
import zipfile

PLAN_SHEET = [
    ["DANH MỤC HỒ SƠ CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
    ["Năm 2026"],
    ["Số và ký hiệu hồ sơ", "Tên đề mục và tiêu đề hồ sơ", "Thời hạn bảo quản",
     "Đơn vị/người lập hồ sơ", "Ghi chú"],
    ["(1)", "(2)", "(3)", "(4)", "(5)"],
    ["I. VĂN PHÒNG"],
    ["1.vp", "Hồ sơ về chuyển đổi số năm 2026", "10 năm", "Lê Minh Hiếu", ""],
    ["02.VP", "Hồ sơ hội nghị tổng kết năm 2026", "Vĩnh viễn", "Võ Phối Hợp",
     "Lãnh đạo chủ trì"],
    ["03.VP", "Hồ sơ thi đua, khen thưởng", 20, "Văn phòng", None],
]
XLA_TITLE = "Hồ sơ về chuyển đổi số năm 2026"
PHA_TITLE = "Hồ sơ hội nghị tổng kết năm 2026"


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.text[:2000])
    return response.json() if "json" in response.headers.get("Content-Type", "") else response


def page(url, who, **params):
    answer = requests.get(url, params=params, auth=(who, "secret-2026-routing"), timeout=60)
    assert answer.status_code == 200, (url, answer.status_code)
    return answer.text


def press(url, who, **data):
    """A button of a hand-over page (its form carries the authenticator)."""
    token = re.search(r'name="_authenticator" value="([^"]+)"', page(url, who)).group(1)
    return requests.post(url, data={"_authenticator": token, **data},
                         auth=(who, "secret-2026-routing"), timeout=60)


@pytest.fixture
def year(server, server_url, tmp_path, clock):
    """sttt with its people and archivist, the site's mail going to a
    loopback SMTP server; the clock set to Monday 5 January 2026."""
    portal = server["portal"]
    clock.set(datetime.datetime(2026, 1, 5, 8, 0, tzinfo=VIETNAM_OFFSET))
    with mailbox(tmp_path) as inbox:
        a, _b = make_province(portal)
        make_archivist(portal)
        transaction.commit()
        yield {"portal": portal, "site": server_url, "inbox": inbox, "clock": clock,
               "a": a, "b": _b}


def on(walk, y, m, d, hour=8):
    walk["clock"].set(datetime.datetime(y, m, d, hour, tzinfo=VIETNAM_OFFSET))


def local(walk, url):
    """A URL of the site as the test's server answers it."""
    return url.replace(walk["portal"].absolute_url(), walk["site"])


def registered(site, code_number, title, **kw):
    """An incoming document registered by the clerk and assigned by the
    leader to xla with pha as co-handler."""
    doc = ok(call("POST", f"{site}/sttt/den-2026", "vta", incoming_body(
        code_number=code_number, title=title, **kw)), 201)
    ok(call("POST", f"{doc['@id']}/@workflow/submit", "vta"))
    ok(call("POST", f"{doc['@id']}/@assign", "lda", {"handler": "xla", "co_handlers": ["pha"]}))
    return doc


def toc_codes(case_url, who="xla"):
    return [(i["order"], i.get("code")) for i in ok(call("GET", f"{case_url}/@toc", who))["items"]]


def plan_and_case_files(walk):
    """January: the plan from the office's sheet; xla and pha open theirs."""
    site = walk["site"]
    plan = ok(call("POST", f"{site}/sttt/@file-plan-import", "vta", {
        "year": 2026, "filename": "danh-muc-ho-so-2026.xlsx",
        "data": base64.b64encode(xlsx(PLAN_SHEET)).decode()}))
    entries = {e["code"]: e for e in plan["entries"]}
    assert list(entries) == ["01.VP", "02.VP", "03.VP"]
    assert entries["01.VP"]["retention"] == "10" and entries["01.VP"]["responsible"] == "xla"
    assert entries["02.VP"]["retention"] == "permanent"
    assert entries["02.VP"]["responsible"] == "pha"
    # the agency's people read it (REST reaches plans); another agency does not
    read = ok(call("GET", f"{site}/sttt/@file-plan", "xla", params={"year": "2026"}))
    assert [e["code"] for e in read["entries"]] == ["01.VP", "02.VP", "03.VP"]
    refused(call("GET", f"{site}/sttt/@file-plan", "cbb", params={"year": "2026"}), 403)
    # pha may not open xla's entry (she would keep his case file): nothing stored
    body = refused(call("POST", f"{site}/sttt", "pha", {
        "@type": "CaseFile", "plan_entry": entries["01.VP"]["UID"]}), 403)
    assert "Mục 01.VP của Danh mục hồ sơ do Lê Minh Hiếu lập hồ sơ" in body["message"]
    assert body["errors"][0]["field"] == "plan_entry"
    assert ok(call("GET", f"{site}/sttt/@case-files", "lda",
                   params={"year": "2026"}))["items"] == []
    on(walk, 2026, 1, 6)
    mine = ok(call("POST", f"{site}/sttt", "xla", {
        "@type": "CaseFile", "plan_entry": entries["01.VP"]["UID"]}), 201)
    theirs = ok(call("POST", f"{site}/sttt", "pha", {
        "@type": "CaseFile", "plan_entry": entries["02.VP"]["UID"]}), 201)
    assert (mine["code"], mine["title"], mine["opened"]) == ("01.VP", XLA_TITLE, "2026-01-06")
    assert (theirs["code"], theirs["retention"]["token"]) == ("02.VP", "permanent")
    assert mine["review_state"] == theirs["review_state"] == "open"
    # REST reaches case files: the clerk and the leader read them, others not
    assert ok(call("GET", mine["@id"], "lda"))["responsible"]["token"] == "xla"
    assert call("GET", mine["@id"], "cba").status_code in (401, 403, 404)
    return mine["@id"], theirs["@id"]


def filed_through_the_year(walk, mine, theirs):
    """March: an incoming document handled by xla, filed into his case
    file by the “Lưu hồ sơ” step, and put into pha's by pha; June: an
    outgoing document archived by the clerk into pha's; September: two
    more put in xla's, one taken out again."""
    site, portal = walk["site"], walk["portal"]
    on(walk, 2026, 3, 10)
    doc = registered(site, "45", "Công văn về việc triển khai chuyển đổi số",
                     doc_date="2026-03-05", file=upload("cong-van-45.pdf", real_pdf("VANBAN45", 2).data))
    ok(call("POST", f"{doc['@id']}/@workflow/start", "xla"))
    ok(call("POST", f"{doc['@id']}/@complete", "xla", {"result": "Đã triển khai"}))
    step = f"{doc['@id']}/@@step?transition=file"
    form = get(step, "xla")
    assert f"01.VP – {XLA_TITLE}" in form and "02.VP" not in form  # his own only
    answer = post(step, "xla", form, {"form.widgets.case_files:list": ok(
        call("GET", mine, "xla"))["UID"], "form.widgets.comment": ""})
    assert answer.status_code == 200 and "Đã thực hiện: Lưu hồ sơ." in answer.text
    assert ok(call("GET", doc["@id"], "xla"))["review_state"] == "filed"
    # III.4.e: the co-handler puts the same document in her own case file
    ok(call("POST", f"{theirs}/@file-documents", "pha", {"documents": [doc["UID"]]}))
    # nobody puts it in someone else's case file
    refused(call("POST", f"{mine}/@file-documents", "pha", {"documents": [doc["UID"]]}), 403)

    on(walk, 2026, 6, 15)
    transaction.begin()
    sent = issue_to(portal, walk["a"], [walk["b"]])
    transaction.commit()
    step = f"{local(walk, sent.absolute_url())}/@@step?transition=archive"
    form = get(step, "vta")
    assert f"02.VP – {PHA_TITLE}" in form
    answer = post(step, "vta", form, {"form.widgets.case_files:list": ok(
        call("GET", theirs, "pha"))["UID"]})
    assert "Đã thực hiện: Lưu hồ sơ." in answer.text
    transaction.begin()
    assert api.content.get_state(sent) == "archived"

    on(walk, 2026, 9, 1)
    more = [registered(site, n, f"Công văn số {n} về chuyển đổi số", doc_date="2026-08-28")
            for n in ("61", "62")]
    ok(call("POST", f"{mine}/@file-documents", "xla", {"documents": [d["UID"] for d in more]}))
    assert [c for _o, c in toc_codes(mine)] == ["45/UBND-VP", "61/UBND-VP", "62/UBND-VP"]
    after = ok(call("POST", f"{mine}/@unfile-documents", "xla", {"documents": [more[1]["UID"]]}))
    assert [(d["order"], d["uid"]) for d in after["documents"]] == [
        (1, doc["UID"]), (2, more[0]["UID"])]  # numbered again, in order (III.4.b)
    assert [o for o, _c in toc_codes(theirs, "pha")] == [1, 2]
    return doc, sent, more


def closing_freezes(walk, mine, theirs, doc, more):
    """20 November: xla closes his case file by REST; 15 December: pha
    closes hers from its form. Frozen: nothing taken out or put in, the
    documents in it no longer changed; one outside still is."""
    on(walk, 2026, 11, 20, 16)
    closed = ok(call("POST", f"{mine}/@close", "xla",
                     {"closed": "2026-11-20", "page_count": 14, "notes": "Đủ thành phần"}))
    assert closed["review_state"] == "closed" and closed["retention_end"] == "2036-12-31"
    body = refused(call("POST", f"{mine}/@unfile-documents", "xla",
                        {"documents": [doc["UID"]]}), 409)
    assert "đã kết thúc ngày 20/11/2026" in body["message"]
    refused(call("POST", f"{mine}/@file-documents", "xla", {"documents": [more[1]["UID"]]}),
            409)
    # a document in it is changed no more (the filed one was not anyway)
    body = refused(call("PATCH", more[0]["@id"], "vta", {"notes": "Sửa sau khi kết thúc"}),
                   409)
    assert "không thể sửa" in body["message"] and XLA_TITLE in body["message"]
    refused(call("PATCH", doc["@id"], "vta", {"notes": "Sửa sau khi kết thúc"}), 403)
    assert call("PATCH", more[1]["@id"], "vta", {"notes": "Bản chính"}).status_code == 204
    assert [c for _o, c in toc_codes(mine)] == ["45/UBND-VP", "61/UBND-VP"]

    on(walk, 2026, 12, 15, 16)
    form_url = f"{theirs}/@@close-case-file"
    form = get(form_url, "pha")
    answer = post(form_url, "pha", form, {"form.widgets.closed": "15/12/2026",
                                         "form.widgets.page_count": "6",
                                         "form.widgets.notes": ""})
    assert "Đã kết thúc hồ sơ." in answer.text
    assert ok(call("GET", theirs, "pha"))["closed"] == "2026-12-15"


def notices(walk, monkeypatch, expected_day, expected):
    """The daily cron command (`make hand-over-notices`) on ``expected_day``."""
    from qlvbdh_policy.console import hand_over_notices

    y, m, d = expected_day
    on(walk, y, m, d, 7)
    inbox = walk["inbox"]
    delivered(inbox).clear()  # what the year's steps mailed
    with monkeypatch.context() as cron:
        cron.setenv("MAILHOST_QUEUE_ONLY", "1")
        mail_queue.stop_processor()
        transaction.begin()
        portal = walk["portal"]
        sent = hand_over_notices.main(portal.aq_parent, ["--site", portal.getId()])
    assert sorted(sent.values()) == sorted(expected)
    return [(rcpt, str(m["Subject"]), m.get_content()) for rcpt, m in inbox.messages]


def the_notices(walk, monkeypatch):
    """Deadlines 20/11/2027 (xla) and 15/12/2027 (pha): told 30 days before."""
    assert notices(walk, monkeypatch, (2027, 10, 20), []) == []
    [(rcpt, subject, body)] = notices(walk, monkeypatch, (2027, 10, 21), ["xla"])
    assert rcpt == ["xla@example.vn"]
    assert subject == f"Hồ sơ đến hạn nộp lưu ngày 20/11/2027: 01.VP {XLA_TITLE}"
    assert "kết thúc ngày 20/11/2026" in body and "chậm nhất ngày 20/11/2027" in body
    assert "Phụ lục VI, mục III.5.b" in body
    assert "Nộp lưu hồ sơ tại trang của hồ sơ:" in body
    assert body.rstrip().endswith("/plone/sttt/ho-so-ve-chuyen-doi-so-nam-2026")
    assert notices(walk, monkeypatch, (2027, 10, 22), []) == []  # once
    [(rcpt, subject, _body)] = notices(walk, monkeypatch, (2027, 11, 15), ["pha"])
    assert rcpt == ["pha@example.vn"] and "15/12/2027: 02.VP" in subject


def archive_reads(case_url):
    """What the archivist reads of a case file: its mục lục's rows (order,
    readable, code) and its export's PDF text."""
    rows = [(i["order"], i["readable"], i.get("code"))
            for i in ok(call("GET", f"{case_url}/@toc", "lta"))["items"]]
    export = ok(call("GET", f"{case_url}/@export", "lta"))
    archive = zipfile.ZipFile(BytesIO(export.content))
    name = next(n for n in archive.namelist() if n.endswith(".pdf"))
    return rows, pdf_text(archive.read(name))


def hand_over(walk, mine, theirs, doc, sent):
    """xla's by REST, read by the archivist, accepted; pha's from its page,
    returned with a reason, handed over again and accepted."""
    site = walk["site"]
    on(walk, 2027, 11, 16, 9)
    listing = ok(call("GET", f"{site}/sttt/@hand-over", "lta", params={"year": "2027"}))
    assert [(i["code"], i["deadline"], i["review_state"]) for i in listing["items"]] == [
        ("01.VP", "2027-11-20", "closed"), ("02.VP", "2027-12-15", "closed")]
    info = ok(call("POST", f"{mine}/@hand-over", "xla"))
    assert info["review_state"] == "handed_over"
    assert info["hand_over"]["state_title"] == "Đã nộp lưu, chờ tiếp nhận"
    refused(call("POST", f"{mine}/@accept-hand-over", "xla"), 403)
    # the archive checks it before accepting: the documents, their text
    rows, text = archive_reads(mine)
    assert rows == [(1, True, "45/UBND-VP"), (2, True, "61/UBND-VP")]
    assert "VANBAN45 trang 2" in text
    assert call("GET", doc["@id"], "lta").status_code == 200
    refused(call("PATCH", doc["@id"], "lta", {"notes": "Lưu trữ sửa"}), 403)
    done = ok(call("POST", f"{mine}/@accept-hand-over", "lta"))
    assert done["review_state"] == "accepted" and done["hand_over"]["accepted_by"] == "lta"
    assert done["hand_over"]["retention_end"] == "2036-12-31"

    form = f"{theirs}/@@hand-over-case-file"
    assert "Hạn nộp lưu" in page(form, "pha") and "15/12/2027" in page(form, "pha")
    assert "Đã nộp lưu hồ sơ vào Lưu trữ cơ quan." in press(form, "pha", action="hand_over").text
    sent_url = local(walk, sent.absolute_url())
    assert [r[1] for r in archive_reads(theirs)[0]] == [True, True]
    assert call("GET", sent_url, "lta").status_code == 200
    back = press(form, "lta", action="return", reason="Thiếu biên bản hội nghị")
    assert "Đã trả lại hồ sơ cho người lập hồ sơ." in back.text
    # returned: the archive no longer reads the document only this case
    # file held; the one xla's accepted case file holds too it still reads
    assert call("GET", sent_url, "lta").status_code == 403
    assert call("GET", doc["@id"], "lta").status_code == 200
    shown = page(form, "pha")
    assert "Lưu trữ cơ quan trả lại" in shown and "Thiếu biên bản hội nghị" in shown
    again = ok(call("POST", f"{theirs}/@hand-over", "pha"))
    assert [r["reason"] for r in again["hand_over"]["returns"]] == ["Thiếu biên bản hội nghị"]
    assert "Thuộc Lưu trữ cơ quan" in press(form, "lta", action="accept").text
    assert call("GET", sent_url, "lta").status_code == 200
    listing = ok(call("GET", f"{site}/sttt/@hand-over", "lda", params={"year": "2027"}))
    assert [i["review_state"] for i in listing["items"]] == ["accepted", "accepted"]
    # the archive's now: the archivist and the person responsible read it,
    # the clerk no more
    assert call("GET", mine, "lta").status_code == 200
    assert call("GET", mine, "xla").status_code == 200
    assert call("GET", mine, "vta").status_code in (401, 403)


def the_outputs(walk, mine, doc):
    """What the archive keeps: the mục lục văn bản, the mục lục hồ sơ,
    the hand-over record, the full export."""
    site = walk["site"]
    toc = ok(call("GET", f"{mine}/@toc", "xla", params={"format": "pdf"})).content
    text = pdf_text(toc)
    assert "MỤC LỤC VĂN BẢN TRONG HỒ SƠ" in text and "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in text
    assert "45/UBND-VP" in text and "Công văn về việc triển khai chuyển đổi số" in text
    assert "62/UBND-VP" not in text
    rows = cells(ok(call("GET", f"{mine}/@toc", "xla", params={"format": "xlsx"})).content)
    numbered = [r for r in rows if isinstance(r[0], int)]
    assert [(r[0], r[1]) for r in numbered] == [(1, "45/UBND-VP"), (2, "61/UBND-VP")]
    assert numbered[0][2] == "05/03/2026"

    listed = ok(call("GET", f"{site}/sttt/@case-files", "lda", params={"year": "2026"}))
    assert [(i["code"], i["documents"], i["review_state"]) for i in listed["items"]] == [
        ("01.VP", 2, "accepted"), ("02.VP", 2, "accepted")]
    text = pdf_text(ok(call("GET", f"{site}/sttt/@case-files", "lda",
                            params={"year": "2026", "format": "pdf"})).content)
    assert "MỤC LỤC HỒ SƠ" in text and "Năm 2026" in text and XLA_TITLE in text
    rows = cells(ok(call("GET", f"{site}/sttt/@case-files", "lda",
                         params={"year": "2026", "format": "xlsx"})).content)
    first, second = [r for r in rows if r[0] in (1, 2)]
    assert first[2:9] == ["01.VP", XLA_TITLE, "06/01/2026", "20/11/2026", 2, 14, "10 năm"]
    assert second[2:9] == ["02.VP", PHA_TITLE, "06/01/2026", "15/12/2026", 2, 6, "Vĩnh viễn"]

    text = pdf_text(ok(call("GET", f"{site}/sttt/@hand-over", "lta",
                            params={"year": "2027", "format": "pdf"})).content)
    for words in ("BIÊN BẢN", "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU", "01.VP", "02.VP",
                  XLA_TITLE, "Lê Thị Lưu Trữ", "ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN"):
        assert words in text, words
    rows = cells(ok(call("GET", f"{site}/sttt/@hand-over", "lta",
                         params={"year": "2027", "format": "xlsx"})).content)
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert [r[:6] for r in rows[header + 1:header + 3]] == [
        ["1", "01.VP", XLA_TITLE, "2026", "10 năm", "14"],
        ["2", "02.VP", PHA_TITLE, "2026", "Vĩnh viễn", "6"]]

    export = ok(call("GET", f"{mine}/@export", "xla"))
    assert export.headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(BytesIO(export.content))
    assert archive.namelist()[:2] == ["01.VP.pdf", "01.VP.xml"]
    reader = PdfReader(BytesIO(archive.read("01.VP.pdf")))
    assert XLA_TITLE in pdf_text(archive.read("01.VP.pdf"))
    assert "VANBAN45 trang 2" in reader.pages[-1].extract_text()
    xml = ET.fromstring(archive.read("01.VP.xml"))
    assert xml.findtext("FileNotation") == "01.VP" and xml.findtext("EndDate") == "2026-11-20"
    assert xml.findtext("DocTotal") == "2" and xml.findtext("PageTotal") == "14"
    assert [d.findtext("CodeNumber") for d in xml.findall("Documents/Document")] == ["45", "61"]


def test_a_year_of_case_files(year, monkeypatch):
    mine, theirs = plan_and_case_files(year)
    doc, sent, more = filed_through_the_year(year, mine, theirs)
    closing_freezes(year, mine, theirs, doc, more)
    the_notices(year, monkeypatch)
    hand_over(year, mine, theirs, doc, sent)
    the_outputs(year, mine, doc)
