"""Draft to delivery and back-status in the Classic UI, in Chromium: the
recipient's clerk accepts the delivered document into a register and the
sender sees “Đã tiếp nhận” with the arrival number."""

from browser import chromium_page
from browser import login
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from plone.app.testing import login as zlogin
from plone.app.uuid.utils import uuidToObject
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import steps
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import transaction


def test_recipient_accepts_in_the_browser(server, server_url, artifacts):
    portal = server["portal"]
    a, b = make_province(portal)
    zlogin(portal, "vta")
    doc = outgoing(a["di-2026"], title="Công văn về việc triển khai chữ ký số",
                   file=pdf(), recipients_internal=[b.UID()])
    with api.env.adopt_roles(["Manager"]):
        for step in ("submit_review", "approve", "sign"):
            steps.simple_step(doc, step)
    transaction.commit()
    local = portal.absolute_url()

    with chromium_page(height=1400) as page:
        login(page, server_url, "vta", PASSWORD)
        page.goto(doc.absolute_url().replace(local, server_url))
        page.click("#routing-issue")
        page.wait_for_load_state("networkidle")
        assert "Phát hành" in page.locator("h1").inner_text() or "Phát hành" in page.content()
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        body = page.locator("body").inner_text()
        assert "Tình trạng gửi đến các cơ quan trong tỉnh" in body and "Đã đến" in body
        transaction.begin()
        assert doc.code and f"Đã phát hành số {doc.code}." in body  # says the number given

    transaction.begin()  # see what the server committed
    copy_uid = delivery.deliveries(doc)[b.UID()]["copy_uid"]
    with chromium_page(height=1400) as page:
        login(page, server_url, "vtb", PASSWORD)
        # the inbox lists what a clerk decides on, not a folder listing
        page.goto(f"{server_url}/ubndcb/cho-tiep-nhan")
        inbox = page.locator("table.qlvbdh-inbox tbody tr").inner_text()
        assert "Sở Thông tin và Truyền thông" in inbox or a.title in inbox
        assert doc.code.split("/")[0] in inbox and "Công văn về việc triển khai chữ ký số" in inbox
        assert "Tiếp nhận vào sổ" in inbox and "Trả lại nơi gửi" in inbox
        page.goto(f"{server_url}/@@my-work")
        row = page.locator("table.qlvbdh-my-work tbody tr")
        assert "Tiếp nhận hoặc trả lại" in row.inner_text()
        row.locator("a").click()
        page.wait_for_load_state("networkidle")
        assert "Chờ tiếp nhận" in page.locator("body").inner_text()
        page.click("#routing-accept")
        page.wait_for_load_state("networkidle")
        page.select_option("#form-widgets-register", "den-2026")
        page.screenshot(path=str(artifacts / "accept-form.png"), full_page=True)
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        body = page.locator("body").inner_text()
        transaction.begin()
        accepted = uuidToObject(copy_uid, unrestricted=True)
        assert (f"Đã tiếp nhận vào {accepted.aq_parent.Title()}, số đến "
                f"{accepted.arrival_number}." in body) and "Đã vào sổ" in body
        assert "/ubndcb/den-2026/" in page.url

    with chromium_page(height=1400) as page:
        login(page, server_url, "vta", PASSWORD)
        page.goto(doc.absolute_url().replace(local, server_url))
        table = page.locator("table.qlvbdh-deliveries").inner_text()
        assert "Ủy ban nhân dân huyện Cái Bè" in table and "Đã tiếp nhận" in table
        assert "\t1\t" in table or " 1 " in table or "\n1\n" in table
        page.screenshot(path=str(artifacts / "delivery-status.png"), full_page=True)
    assert copy_uid
