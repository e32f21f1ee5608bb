"""The document search page through the WSGI server: a number alone finds
every document carrying it, newest first; a user's saved searches are
theirs only; every field, the columns shown and the order are chosen in
the form and kept in its links; results export to XLSX, DOCX and PDF with
the columns chosen, every page of rows, the criteria and the date."""

from domain_fixtures import incoming
from io import BytesIO
from plone.app.testing import login
from qlvbdh_policy.search import document_search
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from urllib.parse import parse_qs
from urllib.parse import urlparse
from xml.etree import ElementTree

import datetime
import html
import re
import requests
import subprocess
import transaction
import zipfile


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
    assert rows[0][0] == "KẾT QUẢ TÌM KIẾM VĂN BẢN"
    head = rows.index(("Số, ký hiệu", "Ngày tháng văn bản", "Trích yếu",
                       "Tác giả (cơ quan ban hành)", "Hạn giải quyết", "Trạng thái"))
    assert [r[0] for r in rows[head + 1:]] == ["123/SNV-TCCB", "123/UBND-VP"]
    assert rows[head + 1][1] == "01/11/2026"

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


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COLS = ["arrival_number", "title", "signer"]


def docx_lines(data):
    """(paragraphs above the table, the table's rows) of a DOCX."""
    with zipfile.ZipFile(BytesIO(data)) as package:
        root = ElementTree.fromstring(package.read("word/document.xml"))
    body = root.find(f"{W}body")
    text = lambda node: "".join(t.text or "" for t in node.iter(f"{W}t"))  # noqa: E731
    return ([text(p) for p in body.findall(f"{W}p")],
            [[text(tc) for tc in tr.findall(f"{W}tc")] for tr in body.iter(f"{W}tr")])


def test_fields_columns_order_and_every_export(server, server_url, monkeypatch, tmp_path):
    portal = server["portal"]
    a, b = make_province(portal)
    login(portal, "vta")
    register = a["den-2026"]
    signers = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    docs = [incoming(register, title=f"Kế hoạch số {i + 1} về chuyển đổi số", code_number=str(i + 1),
                     signer_name=signers[i], urgency="khan" if i == 0 else "thuong",
                     due_date=datetime.date(2026, 12, 1 + i)) for i in range(3)]
    incoming(register, title="Giấy mời họp", code_number="9", signer_name="Khác")
    incoming(b["den-2026"], title="Kế hoạch số 1 của huyện", signer_name="Nguyễn Văn An")
    transaction.commit()
    monkeypatch.setattr(document_search, "PAGE_SIZE", 2)
    vta = session(server_url, "vta")
    params = {"text": "ke hoach", "kind": "IncomingDocument", "cols": COLS,
              "sort": "number", "order": "asc"}
    url = f"{server_url}/sttt/@@search-documents"

    page = vta.get(url, params=params, timeout=60)
    assert page.status_code == 200 and "Tìm thấy 3 văn bản" in page.text
    table = page.text.split('class="table table-sm qlvbdh-search-results"', 1)[1]
    assert re.findall(r"<th[^>]*>([^<]*)</th>", table) == ["Số đến", "Trích yếu", "Người ký"]
    numbers = [f"{d.arrival_number:02d}" for d in docs]
    assert re.findall(r"<td[^>]*>(\d+)</td>", table) == numbers[:2]  # page 1 of 2, by number
    assert 'class="table-warning qlvbdh-urgent"' in table  # Khẩn stands out
    for key in COLS:
        assert re.search(rf'value="{key}"[^>]*checked', page.text), key
    assert not re.search(r'value="state"[^>]*checked', page.text)
    following = html.unescape(re.search(r'id="page-next" href="([^"]+)"', page.text).group(1))
    kept = parse_qs(urlparse(following).query)
    assert kept["cols"] == [",".join(COLS)] and kept["sort"] == ["number"]
    second = vta.get(following, timeout=60).text
    assert re.findall(r"<td[^>]*>(\d+)</td>", second.split("qlvbdh-search-results", 1)[1]) == [
        numbers[2]]

    # every field of the form, and refusals in Vietnamese on the form
    signer = vta.get(url, params={"signer": "tran thi binh"}, timeout=60).text
    assert "Tìm thấy 1 văn bản" in signer and docs[1].absolute_url().split("/plone")[1] in signer
    due = vta.get(url, params={"due_from": "02/12/2026", "due_to": "03/12/2026"},
                  timeout=60).text
    assert "Tìm thấy 2 văn bản" in due
    for bad, words in (({"arrival_number": "mười"}, "không phải là số"),
                       ({"date_from": "31/02/2026"}, "không phải là ngày"),
                       ({"due_from": "05/12/2026", "due_to": "01/12/2026"}, "sau ngày kết thúc"),
                       ({"text": '"'}, "không tìm được"),
                       ({"urgency": "gap"}, "không có trong danh sách chọn")):
        refused = vta.get(url, params=bad, timeout=60)
        assert refused.status_code == 200, bad
        message = re.search(r'id="search-error"[^>]*>([^<]+)<', refused.text).group(1)
        assert words in html.unescape(message), (bad, message)
        assert "Tìm thấy" not in refused.text
        value = html.unescape(next(iter(bad.values())))
        assert f'value="{html.escape(value)}"' in refused.text or value == "gap"
        assert 'id="search-filters" open' in refused.text or "text" in bad
        field = next(iter(bad))
        tag = re.search(rf'<(?:input|select)[^>]*id="{field}"[^>]*>', refused.text).group(0)
        assert "is-invalid" in tag or field == "urgency"  # the refused field stands out
        assert refused.text.count(message) == 1  # said once, beside the form
    kept_form = vta.get(url, params={"arrival_number": "x", "sort": "number", "cols": COLS},
                        timeout=60).text
    assert 'id="search-error"' in kept_form and '<option value="number" selected' in kept_form
    assert re.search(r'value="signer"[^>]*checked', kept_form)  # the columns stay chosen
    answer = vta.get(f"{url}.pdf", params={"arrival_number": "x"}, timeout=60)
    assert answer.status_code == 400 and "không phải là số" in answer.text

    # the register select names each register's agency where several show
    assert ">Sổ văn bản đến 2026</option>" in page.text
    root = vta.get(f"{server_url}/@@search-documents", timeout=60).text
    assert ">Sổ văn bản đến 2026 – Sở Thông tin và Truyền thông</option>" in root

    # the exports: the columns chosen, every page of rows, criteria and date
    xlsx = vta.get(f"{url}.xlsx", params=params, timeout=60)
    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    assert rows[0][0] == "KẾT QUẢ TÌM KIẾM VĂN BẢN"
    assert rows[1][0] == ("Điều kiện tìm kiếm: Từ khóa, số hoặc ký hiệu: ke hoach; "
                          "Đến/đi: Văn bản đến")
    assert rows[2][0] == "Sắp xếp theo: Số, tăng dần"
    assert any("Xuất ngày 27/11/2026; 3 văn bản." == (r[0] or "") for r in rows)
    head = rows.index(("Số đến", "Trích yếu", "Người ký"))
    assert [r[0] for r in rows[head + 1:]] == numbers
    assert [r[2] for r in rows[head + 1:]] == signers

    docx = vta.get(f"{url}.docx", params=params, timeout=60)
    assert docx.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml")
    lines, table_rows = docx_lines(docx.content)
    assert lines[0] == "KẾT QUẢ TÌM KIẾM VĂN BẢN" and "Xuất ngày 27/11/2026; 3 văn bản." in lines
    assert table_rows[0] == ["Số đến", "Trích yếu", "Người ký"]
    assert [r[0] for r in table_rows[1:]] == numbers and [r[2] for r in table_rows[1:]] == signers

    pdf = vta.get(f"{url}.pdf", params=params, timeout=60)
    assert pdf.headers["Content-Type"] == "application/pdf"
    (tmp_path / "k.pdf").write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "k.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "KẾT QUẢ TÌM KIẾM VĂN BẢN" in text and "27/11/2026" in text
    assert "Số đến" in text and "Người ký" in text and "Hạn giải quyết" not in text
    for number, name in zip(numbers, signers):
        assert re.search(rf"\b{number}\b.*{name}", text), (number, name)
    assert "Kế hoạch số 1 của huyện" not in text  # another agency's document

    # a saved search keeps the columns and the order
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    saved = vta.post(f"{url}?{urlparse(following).query}",
                     data={"name": "Kế hoạch theo số", "_authenticator": token}, timeout=60)
    link = html.unescape(re.search(r'<a href="([^"]+)">Kế hoạch theo số</a>', saved.text).group(1))
    assert parse_qs(urlparse(link).query)["cols"] == [",".join(COLS)]

    # another agency's staff: nothing of sttt in any export
    cbb = session(server_url, "cbb")
    other = cbb.get(f"{server_url}/@@search-documents.docx",
                    params={"text": "ke hoach", "cols": COLS}, timeout=60)
    assert [r[1] for r in docx_lines(other.content)[1][1:]] == []


def test_on_a_phone_on_the_agency_host(server, artifacts, tmp_path):
    """390 px on http://sttt.vpdtg.localhost: the criteria and the columns
    folded away, the table scrolling inside its own box, the page never
    wider than the phone; the exports on the agency's host."""
    from browser import chromium_page
    from browser import login as browser_login
    from nginx_proxy import free_port
    from nginx_proxy import running_nginx
    from qlvbdh_policy.agencies.vhosting import nginx_config

    portal = server["portal"]
    a, _b = make_province(portal)
    login(portal, "vta")
    for i in range(3):
        incoming(a["den-2026"], code_number=str(40 + i), signer_name=f"Người Ký Số {i}",
                 title=f"Kế hoạch {i} về việc triển khai ứng dụng công nghệ thông tin "
                       "trong hoạt động của cơ quan nhà nước giai đoạn 2026-2030")
    app = server["app"]
    if "virtual_hosting" not in app.objectIds():
        from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster
        manage_addVirtualHostMonster(app)
    transaction.commit()
    port = free_port()
    base = "vpdtg.localhost"
    site = f"http://sttt.{base}:{port}"
    every = "&".join(f"cols={c}" for c in ("kind", "arrival_number", "arrival_date", "code",
                                           "doc_date", "title", "issuer", "signer", "state"))
    with running_nginx(tmp_path, nginx_config(base, "plone", f"127.0.0.1:{server['port']}",
                                              listen=f"127.0.0.1:{port}"), port), \
            chromium_page(width=390, height=844,
                          args=[f"--host-resolver-rules=MAP *.{base} 127.0.0.1"]) as page:
        browser_login(page, site, "vta", PASSWORD)
        answer = page.goto(f"{site}/@@search-documents?text=ke+hoach&{every}")
        page.wait_for_load_state("networkidle")
        assert answer.status == 200
        assert "Tìm thấy 3 văn bản" in page.inner_text("#content")
        assert page.locator("#search-filters").get_attribute("open") is None
        assert page.locator("#search-columns").get_attribute("open") is None
        assert not page.locator("#signer").is_visible()
        assert not page.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert page.evaluate("""() => { const box = document.querySelector('.qlvbdh-search-box');
            return box.scrollWidth > box.clientWidth; }""")  # the table scrolls in its box
        docx = page.locator("#search-docx").get_attribute("href")
        assert docx.startswith(f"{site}/@@search-documents.docx?") and "cols=" in docx
        page.screenshot(path=str(artifacts / "phone-search-fields.png"), full_page=True)
        page.locator("#search-filters summary").click()
        page.fill("#signer", "nguoi ky so 1")
        page.locator("#search-button").click()
        page.wait_for_load_state("networkidle")
        assert "Tìm thấy 1 văn bản" in page.inner_text("#content")
        assert page.locator("#search-filters").get_attribute("open") is not None
        assert not page.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth")
        with page.expect_download() as download:
            page.locator("#search-docx").click()
        path = download.value.path()
        assert download.value.suggested_filename == "tim-kiem-van-ban.docx"
        lines, rows = docx_lines(open(path, "rb").read())
        assert len(rows) == 2 and rows[1][7] == "Người Ký Số 1"
