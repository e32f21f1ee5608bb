"""The plan's import and copy and the case files' outputs through
plone.restapi (issue 19): the office imports a sheet (base64), every bad
row refused in the envelope; the copy into a new year once; the mục lục
hồ sơ as JSON, PDF and XLSX; a case file's @toc as PDF and XLSX and its
@export ZIP."""

from io import BytesIO
from openpyxl import load_workbook
from pypdf import PdfReader
from rest_client import call
from routing_fixtures import make_province
from test_case_file_outputs import GOOD
from test_case_file_outputs import sheet

import base64
import pytest
import transaction
import zipfile


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response


def upload(site, who, rows, year=2026):
    return call("POST", f"{site}/sttt/@file-plan-import", who, {
        "year": year, "filename": "danh-muc.xlsx",
        "data": base64.b64encode(sheet(rows)).decode()})


def test_import_copy_and_outputs(site):
    bad = call("POST", f"{site}/sttt/@file-plan-import", "vta", {
        "year": 2026, "filename": "danh-muc.xlsx",
        "data": base64.b64encode(sheet(GOOD + [["4.vp", "X", "15 năm", "", ""]])).decode()})
    assert bad.status_code == 400, bad.text
    body = bad.json()
    assert body["errors"][0]["row"] == 9 and body["errors"][0]["field"] == "retention"
    assert body["errors"][0]["message"].startswith("Dòng 9, cột “Thời hạn bảo quản”")
    assert call("GET", f"{site}/sttt/@file-plan", "vta", params={"year": "2026"}
                ).status_code == 404  # nothing stored
    assert upload(site, "xla", GOOD).status_code == 403
    plan = ok(upload(site, "vta", GOOD)).json()
    assert [e["code"] for e in plan["entries"]] == ["01.VP", "02.VP", "03.VP"]
    copied = ok(call("POST", f"{site}/sttt/@file-plan-copy", "vta", {"year": 2027}), 201).json()
    assert [e["code"] for e in copied["entries"]] == ["01.VP", "02.VP", "03.VP"]
    again = call("POST", f"{site}/sttt/@file-plan-copy", "vta", {"year": 2027})
    assert again.status_code == 409 and again.json()["type"] == "Conflict"
    # a case file, its outputs
    case = ok(call("POST", f"{site}/sttt", "xla", {
        "@type": "CaseFile", "plan_entry": plan["entries"][0]["UID"],
        "opened": "2026-02-01"}), 201).json()
    listed = ok(call("GET", f"{site}/sttt/@case-files", "vta", params={"year": "2026"})).json()
    assert [i["code"] for i in listed["items"]] == ["01.VP"]
    pdf = ok(call("GET", f"{site}/sttt/@case-files", "vta",
                  params={"year": "2026", "format": "pdf"}))
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "MỤC LỤC HỒ SƠ" in PdfReader(BytesIO(pdf.content)).pages[0].extract_text()
    book = ok(call("GET", f"{site}/sttt/@case-files", "vta",
                   params={"year": "2026", "format": "xlsx"}))
    values = [r for r in load_workbook(BytesIO(book.content)).active.iter_rows(values_only=True)]
    assert any(r[2] == "01.VP" for r in values)
    assert call("GET", f"{site}/sttt/@case-files", "vta",
                params={"year": "2026", "format": "doc"}).status_code == 400
    assert call("GET", f"{site}/sttt/@case-files", "cbb",
                params={"year": "2026"}).status_code == 403
    toc = ok(call("GET", f"{case['@id']}/@toc", "xla", params={"format": "pdf"}))
    assert "MỤC LỤC VĂN BẢN" in PdfReader(BytesIO(toc.content)).pages[0].extract_text()
    toc = ok(call("GET", f"{case['@id']}/@toc", "xla", params={"format": "xlsx"}))
    assert load_workbook(BytesIO(toc.content)).active["A1"].value == "Sở Thông tin và Truyền thông"
    export = ok(call("GET", f"{case['@id']}/@export", "xla"))
    assert export.headers["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(BytesIO(export.content)).namelist() == ["01.VP.pdf", "01.VP.xml"]
    assert call("GET", f"{case['@id']}/@export", "cbb").status_code in (401, 403, 404)


def test_the_pages_in_vietnamese(site):
    ok(upload(site, "vta", GOOD))
    page = ok(call("GET", f"{site}/sttt/@@file-plan", "vta", params={"year": "2026"},
                   headers={"Accept": "text/html"})).text
    assert "Danh mục hồ sơ năm 2026" in page and "01.VP" in page
    assert "++add++FilePlanEntry" in page and "/@@edit" in page and 'name="sheet"' in page
    staff = ok(call("GET", f"{site}/sttt/@@file-plan", "xla", params={"year": "2026"},
                    headers={"Accept": "text/html"})).text
    assert "01.VP" in staff and "++add++FilePlanEntry" not in staff
    listing = ok(call("GET", f"{site}/sttt/@@case-files", "vta", params={"year": "2026"},
                      headers={"Accept": "text/html"})).text
    assert "Mục lục hồ sơ năm 2026" in listing
