"""The document search page through the WSGI server: a number alone finds
every document carrying it, newest first; a user's saved searches are
theirs only; results export to XLSX with Vietnamese headers."""

from domain_fixtures import incoming
from io import BytesIO
from plone.app.testing import login
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import re
import requests
import transaction


def session(server_url, user):
    s = requests.Session()
    r = s.post(f"{server_url}/login", data={"__ac_name": user, "__ac_password": PASSWORD,
                                             "buttons.login": "Đăng nhập",
                                             "form.buttons.login": "Đăng nhập"},
               timeout=60)
    assert r.status_code == 200
    s.auth = (user, PASSWORD)
    return s


def test_search_save_and_export(server, server_url):
    portal = server["portal"]
    a, b = make_province(portal)
    login(portal, "vta")
    register = a["den-2026"]
    old = incoming(register, title="Công văn số 123 năm trước", code_number="123",
                   code_notation="UBND-VP", doc_date=datetime.date(2025, 3, 1))
    new = incoming(register, title="Kế hoạch triển khai chữ ký số", code_number="123",
                   code_notation="SNV-TCCB", doc_date=datetime.date(2026, 11, 1))
    incoming(register, title="Giấy mời họp", code_number="77", code_notation="GM-UBND",
             doc_date=datetime.date(2026, 11, 3))
    transaction.commit()

    vta = session(server_url, "vta")
    page = vta.get(f"{server_url}/sttt/@@search-documents", params={"text": "123"}, timeout=60)
    assert page.status_code == 200 and "Tìm thấy 2 văn bản" in page.text
    assert page.text.index(new.absolute_url().split("/plone")[1]) < \
        page.text.index(old.absolute_url().split("/plone")[1])  # newest first
    found = vta.get(f"{server_url}/sttt/@@search-documents",
                    params={"text": "ke hoach chu ky so"}, timeout=60)
    assert "Tìm thấy 1 văn bản" in found.text

    # save the search: the form carries the authenticator plone.protect adds
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    saved = vta.post(f"{server_url}/sttt/@@search-documents?text=123",
                     data={"name": "Văn bản số 123", "_authenticator": token}, timeout=60)
    assert "Đã lưu tìm kiếm" in saved.text and "Văn bản số 123" in saved.text
    nameless = vta.post(f"{server_url}/sttt/@@search-documents?text=123",
                        data={"name": " ", "_authenticator": token}, timeout=60)
    assert "Hãy đặt tên cho tìm kiếm cần lưu" in nameless.text
    other = session(server_url, "lda").get(f"{server_url}/sttt/@@search-documents", timeout=60)
    assert "Văn bản số 123" not in other.text  # saved searches are per user

    xlsx = vta.get(f"{server_url}/sttt/@@search-documents.xlsx", params={"text": "123"},
                   timeout=60)
    assert xlsx.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    assert rows[0][:3] == ("Số, ký hiệu", "Ngày tháng", "Trích yếu")
    assert [r[0] for r in rows[1:]] == ["123/SNV-TCCB", "123/UBND-VP"]
    assert rows[1][1] == "01/11/2026"

    # another agency's staff finds nothing of sttt
    outsider = session(server_url, "cbb").get(f"{server_url}/@@search-documents",
                                              params={"text": "123"}, timeout=60)
    assert "Tìm thấy 0 văn bản" in outsider.text


def test_ocr_queue_for_cron(server, server_url):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    make_province(server["portal"])
    transaction.commit()
    url = f"{server_url}/@ocr-queue"
    headers = {"Accept": "application/json"}
    refused = requests.post(url, headers=headers, auth=("vta", PASSWORD), timeout=60)
    assert refused.status_code in (401, 403)
    r = requests.post(url, json={"limit": 5}, headers=headers,
                      auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=60)
    assert r.status_code == 200 and r.json() == {"processed": 0, "read": 0, "ocr": 0,
                                                 "waiting": 0}
