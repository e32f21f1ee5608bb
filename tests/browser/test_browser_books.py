"""A clerk's day on the register book, in Debian's Chromium, in Vietnamese:
the book's columns, a filter, the day's print, the PDF, closing the book."""

from browser import chromium_page
from browser import login
from domain_fixtures import incoming
from plone.app.testing import login as zlogin
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import transaction


def test_clerk_prints_and_closes_the_book(server, server_url, artifacts):
    portal = server["portal"]
    a, b = make_province(portal)
    zlogin(portal, "vta")
    register = a["den-2026"]
    for number, title, sender in (("10", "Công văn về việc rà soát hạ tầng mạng", "Sở Nội vụ"),
                                  ("11", "Giấy mời họp tổng kết năm", "UBND tỉnh Tiền Giang"),
                                  ("12", "Kế hoạch chuyển đổi số", "Sở Nội vụ")):
        incoming(register, title=title, sender_name=sender, code_number=number)
    transaction.commit()
    url = register.absolute_url().replace(portal.absolute_url(), server_url)

    with chromium_page(width=1400, height=1200) as page:
        login(page, server_url, "vta", PASSWORD)
        page.goto(url)
        heads = page.locator("table.qlvbdh-book thead tr").first.inner_text()
        for header in ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản",
                       "Tên loại và trích yếu nội dung văn bản", "Ký nhận", "Ghi chú"):
            assert header in heads
        assert "Sổ theo dõi giải quyết văn bản đến" in page.locator(".qlvbdh-books").inner_text()
        assert "3 văn bản trong sổ" in page.locator(".qlvbdh-book-count").inner_text()
        assert page.locator("#add-entry").inner_text().strip() == "Vào sổ văn bản"

        page.fill("#correspondent", "Sở Nội vụ")
        page.fill("#date_from", "27/11/2026")
        page.click("#filter-button")
        page.wait_for_load_state("networkidle")
        rows = page.locator("table.qlvbdh-book tbody tr")
        assert rows.count() == 2
        assert "Kế hoạch chuyển đổi số" in rows.first.inner_text()
        assert page.input_value("#date_from") == "27/11/2026"
        page.screenshot(path=str(artifacts / "register-book.png"), full_page=True)

        print_url = page.locator("#book-print").get_attribute("href")
        pdf_url = page.locator("#book-pdf").get_attribute("href")
        response = page.request.get(pdf_url)
        assert response.ok and response.headers["content-type"] == "application/pdf"
        page.goto(print_url)
        body = page.locator("body").inner_text()
        assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in body and "Từ số 01 đến số 03" in body
        assert "Giấy mời" not in body  # the filter holds in the print
        page.screenshot(path=str(artifacts / "register-book-print.png"), full_page=True)

        page.goto(f"{url}?date_from=31/02/2026")
        assert "không phải là ngày" in page.locator(".portalMessage").first.inner_text()
        page.goto(url)
        page.click("#close-register")
        page.wait_for_load_state("networkidle")
        # the confirmation says what closing does, with the number it records
        confirm = page.locator("body").inner_text()
        assert "sẽ ghi lại số cuối cùng (3)" in confirm and "không thể vào sổ thêm" in confirm
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        notice = page.locator(".qlvbdh-closed").inner_text()
        assert "Sổ đã đóng" in notice and "số cuối cùng 03" in notice
        assert page.locator("#add-entry").count() == 0
        page.screenshot(path=str(artifacts / "register-book-closed.png"), full_page=True)
