"""Registration through plone.restapi against the WSGI server layer."""

from domain_fixtures import make_agency
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_bodies import incoming_body
from rest_bodies import PDF
from rest_bodies import upload

import pytest
import requests
import transaction

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json"}


@pytest.fixture
def site(server, server_url):
    make_agency(server["portal"])
    transaction.commit()
    return server_url


def post(url, body):
    return requests.post(url, json=body, headers=JSON, auth=AUTH, timeout=60)


def test_incoming_registered_with_number(site):
    r = post(f"{site}/sttt/den-2026", incoming_body())
    assert r.status_code == 201, r.text
    assert r.json()["arrival_number"] == 1
    r = post(f"{site}/sttt/den-2026", incoming_body(code_number="46"))
    assert r.json()["arrival_number"] == 2


@pytest.mark.parametrize("level", ["mat", "toi_mat", "tuyet_mat"])
def test_secret_refused_with_field(site, level):
    r = post(f"{site}/sttt/den-2026", incoming_body(secrecy=level))
    assert r.status_code == 400
    error = r.json()
    assert [e["field"] for e in error["errors"]] == ["secrecy"]
    assert "bí mật nhà nước" in error["errors"][0]["message"]
    assert "Điều 3 khoản 2 điểm a" in error["message"]
    listing = requests.get(f"{site}/sttt/den-2026", headers=JSON, auth=AUTH, timeout=30)
    assert listing.json()["items_total"] == 0


@pytest.mark.parametrize("fields, field", [
    ({"title": "Đơn tố cáo cán bộ xã"}, "title"),
    ({"title": "Thư tố cáo cán bộ vi phạm"}, "title"),
    ({"title": "KHIẾU NẠI VỀ VIỆC THU HỒI ĐẤT"}, "title"),
    ({"title": "Về việc bồi thường đất", "doc_type": "don_thu"}, "doc_type"),
])
def test_complaint_refused(site, fields, field):
    r = post(f"{site}/sttt/den-2026", incoming_body(**fields))
    assert r.status_code == 400
    assert r.json()["errors"][0]["field"] == field
    assert "tố cáo" in r.json()["errors"][0]["message"]
    listing = requests.get(f"{site}/sttt/den-2026", headers=JSON, auth=AUTH, timeout=30)
    assert listing.json()["items_total"] == 0


def test_a_report_about_complaints_is_registered(site):
    r = post(f"{site}/sttt/den-2026", incoming_body(
        title="Báo cáo kết quả giải quyết khiếu nại, tố cáo năm 2026"))
    assert r.status_code == 201, r.text


def test_refusal_leaves_no_gap(site):
    post(f"{site}/sttt/den-2026", incoming_body(secrecy="mat"))
    r = post(f"{site}/sttt/den-2026", incoming_body())
    assert r.json()["arrival_number"] == 1


def test_executable_refused(site):
    r = post(f"{site}/sttt/den-2026",
             incoming_body(file=upload("cai-dat.exe", b"MZ\x90\x00rest")))
    assert r.status_code == 400
    assert r.json()["errors"][0]["field"] == "file"
    assert "chương trình" in r.json()["message"]


def test_duplicate_answers_409_until_confirmed(site):
    first = post(f"{site}/sttt/den-2026", incoming_body()).json()
    r = post(f"{site}/sttt/den-2026", incoming_body(code_notation="ubnd-vp"))
    assert r.status_code == 409
    error = r.json()
    assert error["duplicates"][0]["@id"] == first["@id"]
    assert "đã được vào sổ" in error["message"]
    r = post(f"{site}/sttt/den-2026", incoming_body(confirm_duplicate=True))
    assert r.status_code == 201
    assert r.json()["arrival_number"] == 2


def test_vietnamese_file_name_survives(site):
    name = "Quyết định số 05 về ứng dụng CNTT.pdf"
    r = post(f"{site}/sttt/den-2026", incoming_body(file=upload(name)))
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["file"]["filename"] == name
    download = requests.get(doc["file"]["download"], auth=AUTH, timeout=30)
    assert download.status_code == 200
    assert download.content == PDF
    disposition = download.headers["Content-Disposition"]
    assert "filename*=UTF-8''" in disposition
    from urllib.parse import unquote

    assert unquote(disposition.split("filename*=UTF-8''")[1]) == name


def test_issue_through_workflow(site):
    r = post(f"{site}/sttt/di-2026", {
        "@type": "OutgoingDocument", "title": "Quyết định về việc cử cán bộ",
        "doc_type": "quyet_dinh",
    })
    assert r.status_code == 201, r.text
    url = r.json()["@id"]
    for step in ("submit_review", "approve"):
        moved = requests.post(f"{url}/@workflow/{step}", headers=JSON, auth=AUTH, timeout=30)
        assert moved.status_code == 200, moved.text
    refused = requests.post(f"{url}/@workflow/sign", headers=JSON, auth=AUTH, timeout=30)
    assert refused.status_code == 400  # signed without its file, it could never be issued
    assert "Điều 7 khoản 1" in refused.json()["message"]
    requests.patch(url, json={"file": upload("qd.pdf")}, headers=JSON, auth=AUTH, timeout=30)
    signed = requests.post(f"{url}/@workflow/sign", headers=JSON, auth=AUTH, timeout=30)
    assert signed.status_code == 200, signed.text
    issued = requests.post(f"{url}/@workflow/issue", headers=JSON, auth=AUTH, timeout=30)
    assert issued.status_code == 200, issued.text
    doc = requests.get(url, headers=JSON, auth=AUTH, timeout=30).json()
    assert doc["code_number"] == "01"  # as printed, a string (issue 17)
    assert doc["code_notation"] == "QĐ-STTTT"
    assert doc["review_state"] == "issued"


def test_agency_domain_abbreviation_taken(site):
    r = requests.post(site, json={
        "@type": "Agency", "title": "Sở Thông tin (trùng)", "domain_abbr": "sttt",
        "notation_abbr": "STTTT", "level": "so_nganh",
    }, headers=JSON, auth=AUTH, timeout=30)
    assert r.status_code == 400
    error = r.json()
    assert error["errors"][0]["field"] == "domain_abbr"
    assert "sttt" in error["message"] and "đã được cơ quan khác sử dụng" in error["message"]
    agencies = requests.get(f"{site}/@search?portal_type=Agency", headers=JSON, auth=AUTH,
                            timeout=30).json()
    assert agencies["items_total"] == 1


def test_agency_folder_id_is_domain_abbreviation(site):
    r = requests.post(site, json={
        "@type": "Agency", "title": "Sở Tư pháp", "domain_abbr": "stp",
        "notation_abbr": "STP", "level": "so_nganh",
    }, headers=JSON, auth=AUTH, timeout=30)
    assert r.status_code == 201, r.text
    assert r.json()["@id"] == f"{site}/stp"


def test_invalid_domain_abbreviation(site):
    r = requests.post(site, json={
        "@type": "Agency", "title": "Sở Y tế", "domain_abbr": "Sở Y tế",
        "notation_abbr": "SYT", "level": "so_nganh",
    }, headers=JSON, auth=AUTH, timeout=30)
    assert r.status_code == 400
    assert "domain_abbr" in r.text


def test_attachments_follow_the_file_rules(site):
    doc = post(f"{site}/sttt/den-2026", incoming_body()).json()["@id"]
    ok = post(doc, {"@type": "File", "title": "Phụ lục", "file": upload("Phụ lục 1.pdf")})
    assert ok.status_code == 201, ok.text
    bad = post(doc, {"@type": "File", "title": "Công cụ", "file": upload("tool.exe", b"MZ\x90")})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "file"
    assert "chương trình" in bad.json()["message"]
    items = requests.get(doc, headers=JSON, auth=AUTH, timeout=30).json()["items"]
    assert [i["title"] for i in items] == ["Phụ lục"]


def test_outgoing_drafts_are_versioned_with_history_and_revert(site):
    r = post(f"{site}/sttt/di-2026", {
        "@type": "OutgoingDocument", "title": "Dự thảo Kế hoạch năm 2027",
        "doc_type": "ke_hoach",
    })
    url = r.json()["@id"]
    for title in ("Dự thảo Kế hoạch năm 2027 (lần 2)", "Dự thảo Kế hoạch năm 2027 (lần 3)"):
        patched = requests.patch(url, json={"title": title}, headers=JSON, auth=AUTH, timeout=30)
        assert patched.status_code == 204
    history = requests.get(f"{url}/@history", headers=JSON, auth=AUTH, timeout=30).json()
    versions = [h for h in history if h.get("type") == "versioning"]
    assert len(versions) == 3
    first = requests.get(f"{url}/@history/0", headers=JSON, auth=AUTH, timeout=30).json()
    assert first["title"] == "Dự thảo Kế hoạch năm 2027"
    reverted = requests.patch(f"{url}/@history", json={"version": 0}, headers=JSON,
                              auth=AUTH, timeout=30)
    assert reverted.status_code == 200
    doc = requests.get(url, headers=JSON, auth=AUTH, timeout=30).json()
    assert doc["title"] == "Dự thảo Kế hoạch năm 2027"


def test_search_by_arrival_number_reads_a_number(site, caplog):
    for _ in range(3):
        assert post(f"{site}/sttt/den-2026", incoming_body(confirm_duplicate=True)).status_code == 201
    found = requests.get(f"{site}/sttt/@search", params={"arrival_number": "2"},
                         headers=JSON, auth=AUTH, timeout=30)
    assert found.status_code == 200, found.text
    assert [i["@id"].rsplit("/", 1)[0] for i in found.json()["items"]] == [f"{site}/sttt/den-2026"]
    ranged = requests.get(f"{site}/sttt/@search", params={
        "arrival_number.query:list": ["2", "3"], "arrival_number.range": "min:max"},
        headers=JSON, auth=AUTH, timeout=30)
    assert ranged.json()["items_total"] == 2
    bad = requests.get(f"{site}/sttt/@search", params={"arrival_number": "hai"},
                       headers=JSON, auth=AUTH, timeout=30)
    assert bad.status_code == 400
    assert "không phải là số nguyên" in bad.text and "arrival_number" in bad.text
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
