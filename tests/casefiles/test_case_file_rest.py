"""Hồ sơ through plone.restapi (issue 19), as the people who keep them:
the office writes the plan, the staff open case files by POST into the
agency, put documents in and take them out, close them; the table of
contents; refusals in the project's envelope, in Vietnamese, naming the
field (400), the person (403) or the closed case file (409)."""

from rest_bodies import incoming_body
from rest_client import call
from rest_client import ok
from rest_client import refused
from routing_fixtures import make_province

import pytest
import transaction

PLAN = {"year": 2026, "entries": [
    {"code": "01.VP", "title": "Hồ sơ về chuyển đổi số năm 2026", "retention": "10",
     "department": "vp", "responsible": "xla"},
    {"code": "02.VP", "title": "Hồ sơ hội nghị tổng kết", "retention": "permanent"},
]}


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url


def test_the_office_writes_the_plan_the_agency_reads_it(site):
    plan = ok(call("POST", f"{site}/sttt/@file-plan", "vta", PLAN))
    assert [e["code"] for e in plan["entries"]] == ["01.VP", "02.VP"]
    assert plan["year"] == 2026 and len(plan["added"]) == 2
    more = ok(call("POST", f"{site}/sttt/@file-plan", "vta", {"year": "2026", "entries": [
        {"code": "3.vp", "title": "Hồ sơ thi đua", "retention": "20"}]}))
    assert [e["code"] for e in more["entries"]] == ["01.VP", "02.VP", "03.VP"]
    read = ok(call("GET", f"{site}/sttt/@file-plan", "cba", params={"year": "2026"}))
    assert read["entries"] == more["entries"]
    # refusals: the field named, in Vietnamese; staff and other agencies kept out
    body = refused(call("POST", f"{site}/sttt/@file-plan", "vta", {"year": 2026, "entries": [
        {"code": "01.VP", "title": "Trùng", "retention": "5"}]}), 400, "entries[0].code")
    assert "đã có mục 01.VP" in body["message"]
    refused(call("POST", f"{site}/sttt/@file-plan", "vta", {"year": 2026, "entries": [
        {"code": "04.VP", "title": "X", "retention": "15"}]}), 400, "entries[0].retention")
    refused(call("POST", f"{site}/sttt/@file-plan", "xla", PLAN), 403)
    refused(call("GET", f"{site}/sttt/@file-plan", "cbb", params={"year": "2026"}), 403)
    refused(call("GET", f"{site}/sttt/@file-plan", "giamsat", params={"year": "2026"}), 403)
    body = refused(call("GET", f"{site}/sttt/@file-plan", "vta", params={"year": "2025"}), 404)
    assert "chưa có Danh mục hồ sơ năm 2025" in body["message"]
    refused(call("GET", f"{site}/sttt/@file-plan", "vta", params={"year": "x"}), 400, "year")


def open_case(site, who, **body):
    return ok(call("POST", f"{site}/sttt", who, {"@type": "CaseFile", **body}), 201)


def test_case_files_opened_filled_and_closed_by_two_people(site):
    plan = ok(call("POST", f"{site}/sttt/@file-plan", "vta", PLAN))
    entry = plan["entries"][0]["UID"]
    mine = open_case(site, "xla", plan_entry=entry, opened="2026-02-01")
    assert mine["id"] == "ho-so-ve-chuyen-doi-so-nam-2026"
    assert mine["code"] == "01.VP" and mine["title"] == "Hồ sơ về chuyển đổi số năm 2026"
    assert mine["retention"]["token"] == "10" and mine["review_state"] == "open"
    theirs = open_case(site, "pha", outside_plan=True, code="9.vp", title="Hồ sơ đột xuất",
                       retention="5")
    assert theirs["code"] == "09.VP"
    body = refused(call("POST", f"{site}/sttt", "pha", {"@type": "CaseFile",
                                                        "title": "Không theo danh mục"}), 400,
                   "plan_entry")
    assert "Danh mục hồ sơ" in body["message"]
    # documents registered by the clerk, assigned to both
    docs = [ok(call("POST", f"{site}/sttt/den-2026", "vta",
                    incoming_body(code_number=str(n))), 201) for n in (45, 46)]
    for doc in docs:
        ok(call("POST", f"{doc['@id']}/@workflow/submit", "vta"))
        ok(call("POST", f"{doc['@id']}/@assign", "lda", {"handler": "xla",
                                                          "co_handlers": ["pha"]}))
    uids = [d["UID"] for d in docs]
    filled = ok(call("POST", f"{mine['@id']}/@file-documents", "xla",
                     {"documents": [uids[1], uids[0]]}))
    assert [(d["order"], d["uid"]) for d in filled["documents"]] == [(1, uids[1]), (2, uids[0])]
    ok(call("POST", f"{theirs['@id']}/@file-documents", "pha", {"documents": [uids[0]]}))
    toc = ok(call("GET", f"{mine['@id']}/@toc", "lda"))
    assert [i["order"] for i in toc["items"]] == [1, 2]
    assert toc["items"][0]["code"] == "46/UBND-VP"
    # others: another person's case file, another agency, oversight
    refused(call("POST", f"{mine['@id']}/@file-documents", "pha", {"documents": [uids[1]]}),
            403)
    assert call("GET", mine["@id"], "cbb").status_code in (401, 403, 404)
    assert call("GET", f"{mine['@id']}/@toc", "giamsat").status_code in (401, 403, 404)
    refused(call("POST", f"{mine['@id']}/@file-documents", "xla", {"documents": "x"}), 400,
            "documents")
    # taken out, then closed: frozen
    after = ok(call("POST", f"{mine['@id']}/@unfile-documents", "xla", {"documents": [uids[1]]}))
    assert [(d["order"], d["uid"]) for d in after["documents"]] == [(1, uids[0])]
    refused(call("POST", f"{mine['@id']}/@close", "xla", {"closed": "01/12/2026"}), 400,
            "closed")
    refused(call("POST", f"{mine['@id']}/@workflow/close", "xla"), 400)
    closed = ok(call("POST", f"{mine['@id']}/@close", "xla",
                     {"closed": "2026-11-27", "page_count": 14, "notes": "Đủ thành phần"}))
    assert closed["review_state"] == "closed" and closed["closed"] == "2026-11-27"
    assert closed["retention_end"] == "2036-12-31" and closed["page_count"] == 14
    body = refused(call("POST", f"{mine['@id']}/@unfile-documents", "xla",
                        {"documents": [uids[0]]}), 409)
    assert "đã kết thúc ngày 27/11/2026" in body["message"] and body["type"] == "Conflict"
    refused(call("POST", f"{mine['@id']}/@file-documents", "vta", {"documents": [uids[1]]}),
            409)
    # the filed document's metadata are frozen with it; the other one is not
    body = refused(call("PATCH", docs[0]["@id"], "vta", {"notes": "Sửa sau khi kết thúc"}), 409)
    assert "không thể sửa" in body["message"]
    assert call("PATCH", docs[1]["@id"], "vta", {"notes": "Bản chính"}).status_code == 204

