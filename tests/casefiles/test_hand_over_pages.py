"""The pages of the hand-over (issue 19), as a browser uses them over
HTTP: the case file's hand-over page (nộp lưu, trả lại with a reason shown
afterwards, tiếp nhận), the agency's list of the year with its record as
PDF and XLSX; a refusal shown in Vietnamese, nothing stored; the list and
the page fit a phone's width (tables scroll inside .table-responsive)."""

from io import BytesIO
from openpyxl import load_workbook
from rest_client import call
from routing_fixtures import make_archivist
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import re
import requests
import transaction


def page(url, who, **params):
    return requests.get(url, params=params, auth=(who, PASSWORD), timeout=60)


def post(url, who, **data):
    token = re.search(r'name="_authenticator" value="([^"]+)"', page(url, who).text).group(1)
    return requests.post(url, data={"_authenticator": token, **data}, auth=(who, PASSWORD),
                         timeout=60)


def test_the_hand_over_page_and_the_list(server, server_url):
    make_province(server["portal"])
    make_archivist(server["portal"])
    transaction.commit()
    site = server_url
    plan = call("POST", f"{site}/sttt/@file-plan", "vta", {"year": 2026, "entries": [
        {"code": "01.VP", "title": "Hồ sơ về chuyển đổi số năm 2026", "retention": "10",
         "responsible": "xla"}]}).json()
    case = call("POST", f"{site}/sttt", "xla", {"@type": "CaseFile", "opened": "2025-03-01",
                                                "plan_entry": plan["entries"][0]["UID"]}).json()
    url = case["@id"]
    assert call("POST", f"{url}/@close", "xla", {"closed": "2025-12-15"}).status_code == 200
    assert "@@hand-over-case-file" in page(url, "xla").text  # linked from the case file
    form = f"{url}/@@hand-over-case-file"
    shown = page(form, "xla").text
    assert "Hạn nộp lưu" in shown and "15/12/2026" in shown and 'value="hand_over"' in shown
    assert 'value="hand_over"' not in page(form, "lta").text
    done = post(form, "xla", action="hand_over")
    assert done.status_code == 200 and "Đã nộp lưu hồ sơ vào Lưu trữ cơ quan." in done.text
    refused = post(form, "lta", action="return", reason=" ")
    assert "Hãy ghi lý do trả lại hồ sơ" in refused.text
    assert "Đã nộp lưu, chờ tiếp nhận" in refused.text  # nothing stored
    back = post(form, "lta", action="return", reason="Thiếu biên bản cuộc họp")
    assert "Đã trả lại hồ sơ cho người lập hồ sơ." in back.text  # on the list of 2026
    assert "Danh mục hồ sơ đến hạn nộp lưu năm 2026" in back.text
    shown = page(form, "xla").text  # the person responsible reads the reason
    assert "Lưu trữ cơ quan trả lại" in shown and "Thiếu biên bản cuộc họp" in shown
    post(form, "xla", action="hand_over")
    accepted = post(form, "lta", action="accept")
    assert "Thuộc Lưu trữ cơ quan" in accepted.text

    listing = page(f"{site}/sttt/@@hand-over-list", "lta", year="2026")
    assert listing.status_code == 200
    assert "Danh mục hồ sơ đến hạn nộp lưu năm 2026" in listing.text
    assert 'class="table-responsive"' in listing.text and "01.VP" in listing.text
    pdf = page(f"{site}/sttt/@@hand-over-list", "lda", year="2026", format="pdf")
    assert pdf.content[:4] == b"%PDF"
    sheet = page(f"{site}/sttt/@@hand-over-list", "lta", year="2026", format="xlsx")
    rows = list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert ["1", "01.VP"] in [list(r[:2]) for r in rows]
    assert page(f"{site}/sttt/@@hand-over-list", "cbb", year="2026").status_code == 403
