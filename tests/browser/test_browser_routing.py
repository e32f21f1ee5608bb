"""A leader directs a document and the handler finds it in “Việc của tôi”,
in Debian's Chromium, in Vietnamese."""

from browser import chromium_page
from browser import login
from domain_fixtures import incoming
from plone.app.testing import login as zlogin
from qlvbdh_policy.routing import steps
from qlvbdh_policy.timeutil import vietnam_today
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import transaction


def test_leader_assigns_and_handler_sees_it(server, server_url, artifacts):
    portal = server["portal"]
    a, b = make_province(portal)
    zlogin(portal, "vta")
    doc = incoming(a["den-2026"], title="Công văn về việc báo cáo chuyển đổi số quý IV")
    steps.simple_step(doc, "submit")
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), server_url)
    due = vietnam_today() + datetime.timedelta(days=2)

    with chromium_page(height=1600) as page:
        login(page, server_url, "lda", PASSWORD)
        page.goto(url)
        body = page.locator("body").inner_text()
        assert "Đã trình lãnh đạo" in body
        assert "Chưa có nội dung" not in body  # a document is not shown as a folder
        page.click("#routing-assign")
        page.wait_for_load_state("networkidle")
        body = page.locator("body").inner_text()
        assert "Xử lý chính" in body and "Phối hợp" in body and "Hạn giải quyết" in body
        page.select_option("#form-widgets-handler", "xla")
        page.check("input[name='form.widgets.co_handlers:list'][value='pha']")
        page.fill("#form-widgets-due_date", due.isoformat())
        page.fill("#form-widgets-instruction", "Đề nghị tham mưu báo cáo trước hạn")
        page.screenshot(path=str(artifacts / "assign-form.png"), full_page=True)
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        body = page.locator("body").inner_text()
        assert "Đã phân công" in body
        assert "Quá trình xử lý" in body and "Đề nghị tham mưu báo cáo trước hạn" in body
        assert "Lê Minh Hiếu" in body and due.strftime("%d/%m/%Y") in body
        page.screenshot(path=str(artifacts / "assigned-document.png"), full_page=True)

    with chromium_page(height=1200) as page:
        login(page, server_url, "xla", PASSWORD)
        page.goto(server_url)
        link = page.locator(".qlvbdh-my-work-link")
        assert "Việc của tôi" in link.inner_text()
        assert link.locator(".my-work-count").inner_text() == "1"
        link.locator("a").click()
        page.wait_for_load_state("networkidle")
        row = page.locator("table.qlvbdh-my-work tbody tr")
        assert row.count() == 1
        assert "Xử lý" in row.inner_text() and "sắp đến hạn" in row.inner_text()
        assert "due-soon" in row.get_attribute("class")
        page.screenshot(path=str(artifacts / "my-work.png"), full_page=True)
