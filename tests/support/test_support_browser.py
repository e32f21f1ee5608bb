"""The support form in Chromium (issue 20): an official reaches it from
every page (the site action), finds his name and agency filled in from his
account, chooses the kind and urgency, describes the incident, attaches a
screenshot and sends it; he lands on his tracked request HT-2026-0001.
"""

from browser import chromium_page
from browser import login
from routing_fixtures import PASSWORD
from support_fixtures import make_support_province
from ui_english import english_on

import transaction


def test_an_official_sends_a_request_with_the_form(server, server_url, artifacts, tmp_path):
    make_support_province(server["portal"])
    transaction.commit()
    shot = tmp_path / "loi.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with chromium_page(height=1600) as page:
        login(page, server_url, "xla", PASSWORD)
        page.goto(f"{server_url}/sttt")
        page.click(".action-item-support_request a")
        page.wait_for_load_state("networkidle")
        assert page.url.rstrip("/").endswith("/ho-tro")
        body = page.locator("body").inner_text()
        assert "Yêu cầu hỗ trợ" in body and "Loại yêu cầu" in body and "Mức độ khẩn" in body
        assert english_on(page) == [], english_on(page)  # every page Vietnamese
        assert page.input_value("#form-widgets-requester_name") == "Lê Minh Hiếu"
        assert page.input_value("#form-widgets-requester_agency") == server["portal"]["sttt"].title
        page.select_option("#form-widgets-kind", "incident")
        page.select_option("#form-widgets-urgency", "urgent")
        page.fill("#form-widgets-details", "Không ký số được văn bản đi từ sáng nay.")
        page.set_input_files("#form-widgets-attachment-input, input[name='form.widgets.attachment']",
                             str(shot))
        page.screenshot(path=str(artifacts / "support-form.png"), full_page=True)
        page.click("#form-buttons-submit")
        page.wait_for_load_state("networkidle")
        body = page.locator("body").inner_text()
        assert page.url.endswith("/yeu-cau-ho-tro/ht-2026-0001"), page.url
        assert "HT-2026-0001" in body and "Mới" in body and "Khẩn" in body
        assert "Không ký số được văn bản đi từ sáng nay." in body
        assert english_on(page) == [], english_on(page)
        page.screenshot(path=str(artifacts / "support-request.png"), full_page=True)
        page.goto(f"{server_url}/@@yeu-cau-cua-toi")
        assert page.locator("tr[data-number='HT-2026-0001']").count() == 1
        assert english_on(page) == [], english_on(page)
    transaction.begin()
    request = server["portal"]["yeu-cau-ho-tro"]["ht-2026-0001"]
    assert request.attachment is not None and request.attachment.filename == "loi.png"
    assert request.requester == "xla" and request.urgency == "urgent"
