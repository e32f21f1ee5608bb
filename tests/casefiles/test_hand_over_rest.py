"""Hand-over through plone.restapi (issue 19): @hand-over by the person
responsible, @accept-hand-over and @return-hand-over {reason} by the
archivist, GET <agency>/@hand-over?year= the list of the year and its
record as PDF and XLSX; refusals in the project's envelope, in Vietnamese."""

from io import BytesIO
from openpyxl import load_workbook
from pypdf import PdfReader
from rest_client import call
from rest_client import ok
from rest_client import refused
from routing_fixtures import make_archivist
from routing_fixtures import make_province

import pytest
import transaction

PLAN = {"year": 2026, "entries": [
    {"code": "01.VP", "title": "Hồ sơ về chuyển đổi số năm 2026", "retention": "10",
     "department": "vp", "responsible": "xla"}]}


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    make_archivist(server["portal"])
    transaction.commit()
    return server_url


def closed_case_file(site):
    plan = ok(call("POST", f"{site}/sttt/@file-plan", "vta", PLAN))
    case = ok(call("POST", f"{site}/sttt", "xla", {
        "@type": "CaseFile", "plan_entry": plan["entries"][0]["UID"],
        "opened": "2025-03-01"}), 201)
    url = case["@id"]
    ok(call("POST", f"{url}/@close", "xla", {"closed": "2025-12-15", "page_count": 7}))
    return url


def test_handed_over_returned_then_accepted(site):
    url = closed_case_file(site)
    body = refused(call("POST", f"{url}/@hand-over", "vta"), 403)
    assert "Chỉ người lập hồ sơ" in body["message"]
    info = ok(call("POST", f"{url}/@hand-over", "xla"))
    assert info["review_state"] == "handed_over"
    assert info["hand_over"]["deadline"] == "2026-12-15"
    assert info["hand_over"]["state_title"] == "Đã nộp lưu, chờ tiếp nhận"
    body = refused(call("POST", f"{url}/@hand-over", "xla"), 409, "transition")
    assert "chỉ hồ sơ đã kết thúc mới được nộp lưu" in body["message"]
    refused(call("POST", f"{url}/@accept-hand-over", "xla"), 403)
    body = refused(call("POST", f"{url}/@return-hand-over", "lta", {"reason": " "}), 400,
                   "reason")
    assert "lý do trả lại" in body["message"]
    refused(call("POST", f"{url}/@return-hand-over", "lta", {"reason": 5}), 400, "reason")
    back = ok(call("POST", f"{url}/@return-hand-over", "lta",
                   {"reason": "Thiếu biên bản họp"}))
    assert back["review_state"] == "closed"
    assert [r["reason"] for r in back["hand_over"]["returns"]] == ["Thiếu biên bản họp"]
    # the bare workflow step is refused: it would skip who and when
    refused(call("POST", f"{url}/@workflow/hand_over", "xla"), 400)
    ok(call("POST", f"{url}/@hand-over", "xla"))
    done = ok(call("POST", f"{url}/@accept-hand-over", "lta"))
    assert done["review_state"] == "accepted"
    assert done["hand_over"]["accepted_by"] == "lta"
    assert done["hand_over"]["retention_end"] == "2035-12-31"
    # the archive's now: its archivist and the person responsible read it,
    # the clerk no more, and nothing changes it
    assert call("GET", url, "lta").status_code == 200
    assert call("GET", url, "xla").status_code == 200
    assert call("GET", url, "vta").status_code in (401, 403)
    refused(call("POST", f"{url}/@return-hand-over", "lta", {"reason": "Muộn"}), 409)


def test_the_list_of_the_year_and_its_record(site):
    url = closed_case_file(site)
    ok(call("POST", f"{url}/@hand-over", "xla"))
    listing = ok(call("GET", f"{site}/sttt/@hand-over", "lta", params={"year": "2026"}))
    assert listing["year"] == 2026
    [item] = listing["items"]
    assert item["code"] == "01.VP" and item["deadline"] == "2026-12-15"
    assert item["review_state"] == "handed_over" and item["responsible"] == "xla"
    assert ok(call("GET", f"{site}/sttt/@hand-over", "cba",
                   params={"year": "2025"}))["items"] == []
    pdf = call("GET", f"{site}/sttt/@hand-over", "lta", params={"year": "2026", "format": "pdf"})
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    text = " ".join("".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
                    .split())
    assert "BIÊN BẢN" in text and "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU" in text
    assert "01.VP" in text and "In bởi Lê Thị Lưu Trữ (lta)" in text
    sheet = call("GET", f"{site}/sttt/@hand-over", "lda",
                 params={"year": "2026", "format": "xlsx"})
    assert sheet.status_code == 200
    rows = list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert ["1", "01.VP", "Hồ sơ về chuyển đổi số năm 2026"] in [list(r[:3]) for r in rows]
    # refusals: another agency, anonymous, a bad year or format
    body = refused(call("GET", f"{site}/sttt/@hand-over", "cbb", params={"year": "2026"}), 403)
    assert "danh mục hồ sơ đến hạn nộp lưu" in body["message"]
    assert call("GET", f"{site}/sttt/@hand-over", None, params={"year": "2026"}
                ).status_code == 401
    refused(call("GET", f"{site}/sttt/@hand-over", "lta", params={"year": "x"}), 400, "year")
    refused(call("GET", f"{site}/sttt/@hand-over", "lta",
                 params={"year": "2026", "format": "doc"}), 400, "format")
