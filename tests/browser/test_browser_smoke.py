"""Smoke test in a real browser: open the site, log in, see the Vietnamese home."""

from browser import chromium_page
from plone import api

import transaction


def test_login_and_vietnamese_home(server, server_url, artifacts):
    portal = server["portal"]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="vanthu@example.vpdtg.vn",
            username="vanthu",
            password="demo-vanthu-2026",
            properties={"fullname": "Nguyễn Thị Văn Thư"},
        )
    transaction.commit()
    assert portal.portal_membership.getMemberById("vanthu")

    with chromium_page() as page:
        page.goto(server_url)
        assert page.locator("html").get_attribute("lang") == "vi"
        page.get_by_role("link", name="Đăng nhập").first.click()
        page.locator("#__ac_name").fill("vanthu")
        page.locator("#__ac_password").fill("demo-vanthu-2026")
        page.locator("#__ac_password").press("Enter")
        page.wait_for_load_state("networkidle")
        page.goto(server_url)
        body = page.locator("body").inner_text()
        page.screenshot(path=str(artifacts / "smoke-home.png"), full_page=True)

    assert "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang" in body
    assert "Nguyễn Thị Văn Thư" in body  # the personal bar shows who is logged in
    assert "Đăng nhập" not in body
