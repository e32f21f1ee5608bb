"""A clerk registers incoming documents through the Vietnamese add form."""

from browser import chromium_page
from browser import login
from domain_fixtures import make_agency
from plone import api

import transaction


def fill_incoming(page, register_url, title, number="45", secrecy=None):
    page.goto(f"{register_url}/++add++IncomingDocument")
    page.fill("#form-widgets-sender_name", "UBND tỉnh Tiền Giang")
    page.fill("#form-widgets-code_number", number)
    page.fill("#form-widgets-code_notation", "UBND-VP")
    page.fill("#form-widgets-doc_date", "2026-11-20")
    page.select_option("#form-widgets-doc_type", "cong_van")
    page.fill("#form-widgets-title", title)
    if secrecy:
        page.select_option("#form-widgets-secrecy", secrecy)


def test_clerk_registers_with_the_form(server, server_url, artifacts):
    portal = server["portal"]
    agency = make_agency(portal)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="vt@example.org", username="vanthu", password="demo-vanthu-2026",
                        properties={"fullname": "Nguyễn Thị Văn Thư"})
        api.group.add_user(groupname=f"{agency.getId()}-clerks", username="vanthu")
    transaction.commit()
    register_url = f"{server_url}/sttt/den-2026"

    with chromium_page(height=1600) as page:
        login(page, server_url, "vanthu", "demo-vanthu-2026")
        fill_incoming(page, register_url, "Công văn về việc triển khai phần mềm")
        page.screenshot(path=str(artifacts / "incoming-add-form.png"), full_page=True)
        body = page.locator("body").inner_text()
        assert "Vào sổ văn bản đến" in body
        assert "Trích yếu" in body and "Độ mật" in body and "Ngày đến" in body
        assert "No value" not in body
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        assert "Đã vào sổ, số đến 01." in page.locator("body").inner_text()
        first_url = page.url.removesuffix("/view")
        page.screenshot(path=str(artifacts / "incoming-view.png"), full_page=True)

        # the same document again: warned, with a link to the first one
        fill_incoming(page, register_url, "Công văn về việc triển khai phần mềm (bản chụp)")
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        assert "có thể đã được vào sổ" in page.locator("body").inner_text()
        assert page.locator(f'a[href="{first_url}"]').count() == 1
        page.screenshot(path=str(artifacts / "incoming-duplicate-warning.png"), full_page=True)
        page.check("#form-widgets-confirm_duplicate-0")
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        assert page.url != first_url and "++add++" not in page.url

        # a secret document: refused under its field, nothing stored
        fill_incoming(page, register_url, "Văn bản mật", number="99", secrecy="mat")
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        error = page.locator("#formfield-form-widgets-secrecy").inner_text()
        assert "bí mật nhà nước" in error
        page.screenshot(path=str(artifacts / "incoming-secret-refused.png"), full_page=True)

    transaction.begin()
    numbers = sorted(b.arrival_number for b in api.content.find(
        portal_type="IncomingDocument", unrestricted=True))
    assert numbers == [1, 2]
