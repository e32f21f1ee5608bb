"""The register books through plone.restapi: the listing as JSON with its
filters, PDF and XLSX downloads, the phiếu as PDF, closing through
@workflow, the new year through @new-year, refusals as Vietnamese JSON."""

from clock import TEST_TODAY
from io import BytesIO
from openpyxl import load_workbook
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_client import call
from routing_fixtures import make_province
from test_restapi_registration import incoming_body

import datetime
import pytest
import requests
import transaction

JSON = {"Accept": "application/json"}


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url




def ok(response, status=200):
    assert response.status_code == status, response.text
    return response


def register_three(site):
    book = f"{site}/sttt/den-2026"
    for number, title, sender in (
            ("10", "Công văn về việc rà soát hạ tầng mạng", "Sở Nội vụ"),
            ("11", "Giấy mời họp tổng kết năm", "UBND tỉnh Tiền Giang"),
            ("12", "Kế hoạch chuyển đổi số", "Sở Nội vụ")):
        body = incoming_body()
        body.update(title=title, sender_name=sender, code_number=number)
        ok(call("POST", book, "vta", body), 201)
    return book


def test_listing_as_json_with_filters(site):
    book = register_three(site)
    data = ok(call("GET", f"{book}/@register-book", "vta", params={"sort": "number"})).json()
    assert data["book"] == "incoming" and data["items_total"] == 3
    assert [c["title"] for c in data["columns"]][:3] == ["Ngày đến", "Số đến", "Tác giả"]
    assert [i["arrival_number"] for i in data["items"]] == [1, 2, 3]
    assert data["items"][0]["cells"]["arrival_number"] == "01"
    assert data["items"][0]["cells"]["arrival_date"] == TEST_TODAY.strftime("%d/%m/%Y")
    assert data["register"]["review_state"] == "open" and data["register"]["last_number"] == 3
    only = ok(call("GET", f"{book}/@register-book", "vta",
                   params={"correspondent": "Sở Nội vụ", "text": "chuyen doi so"})).json()
    assert [i["title"] for i in only["items"]] == ["Kế hoạch chuyển đổi số"]
    page = ok(call("GET", f"{book}/@register-book", "vta",
                   params={"sort": "number", "b_start": 2, "b_size": 2})).json()
    assert page["items_total"] == 3 and [i["arrival_number"] for i in page["items"]] == [3]


def test_unreadable_filter_is_a_400_naming_the_field(site):
    book = register_three(site)
    bad = call("GET", f"{book}/@register-book", "vta", params={"date_from": "32/13/2026"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "date_from"
    assert "không phải là ngày" in bad.json()["message"]
    wrong = call("GET", f"{book}/@register-book", "vta", params={"book": "outgoing"})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "book"


def test_downloads(site, tmp_path):
    book = register_three(site)
    pdf = ok(call("GET", f"{book}/@register-book-pdf", "vta"))
    assert pdf.headers["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    xlsx = ok(call("GET", f"{book}/@register-book-xlsx", "vta",
                   params={"correspondent": "Sở Nội vụ"}))
    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Ngày đến" and len(rows) == 3
    follow = ok(call("GET", f"{book}/@register-book-xlsx", "vta", params={"book": "follow-up"}))
    head = next(load_workbook(BytesIO(follow.content)).active.iter_rows(values_only=True))
    assert head[4] == "Tiến độ giải quyết"
    doc = ok(call("GET", f"{book}/@register-book", "vta")).json()["items"][0]["@id"]
    phieu = ok(call("GET", f"{doc}/@phieu-pdf", "vta"))
    assert phieu.headers["Content-Type"] == "application/pdf"
    # another agency's clerk reads none of it
    assert call("GET", f"{book}/@register-book", "vtb").status_code in (401, 403)


def test_closing_and_the_new_year(site, server, clock):
    book = register_three(site)
    ok(call("POST", f"{book}/@workflow/close", "vta"))
    closed = ok(call("GET", f"{book}/@register-book", "vta")).json()["register"]
    assert closed["review_state"] == "closed" and closed["last_number"] == 3
    refused = call("POST", book, "vta", incoming_body())
    assert refused.status_code == 400
    assert "đã đóng" in refused.json()["message"]
    # 1 January: the cron opens the new books (managers only)
    clock.set(datetime.datetime(2027, 1, 1, 0, 1, tzinfo=datetime.timezone(
        datetime.timedelta(hours=7))))
    assert call("POST", f"{site}/@new-year", "vta").status_code in (401, 403)
    opened = requests.post(f"{site}/@new-year", headers=JSON, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
                           timeout=60)
    opened = ok(opened).json()["opened"]
    assert {o["opened"].rsplit("/", 1)[1] for o in opened} >= {"di-2027"}
    transaction.begin()
    portal = server["portal"]
    assert "den-2027" in portal["sttt"].objectIds()
    refused = call("POST", book, "vta", incoming_body())
    assert refused.status_code == 400
    assert f"{site}/sttt/den-2027" in refused.json()["message"]
    new = ok(call("POST", f"{site}/sttt/den-2027", "vta", incoming_body()), 201).json()
    assert new["arrival_number"] == 1
