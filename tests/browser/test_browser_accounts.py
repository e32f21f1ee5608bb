"""The agency admin's accounts page in Debian's Chromium, in Vietnamese:
the “Tài khoản” tab, a new account with its one-time password, a refusal
naming the field, disabling an account."""

from browser import chromium_page
from browser import login
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import transaction


def test_admin_manages_accounts_in_the_browser(server, server_url, artifacts):
    make_province(server["portal"])
    transaction.commit()
    with chromium_page(width=1400, height=1200) as page:
        login(page, server_url, "qta", PASSWORD)
        page.goto(f"{server_url}/sttt")
        page.click("#contentview-agency_accounts a, a#contentview-agency_accounts")
        page.wait_for_load_state("networkidle")
        assert page.url.split("?")[0].endswith("/sttt/@@accounts")
        assert "Tài khoản của Sở Thông tin và Truyền thông" in page.locator("h1").inner_text()

        form = page.locator("form.qlvbdh-new-account")
        form.locator("input[name=full_name]").fill("Nguyễn Thanh Phúc")
        form.locator("input[name=birth_year]").fill("1976")
        form.locator("input[name=email]").fill("phuc@example.vn")
        form.locator("select[name=kind]").select_option("department_head")
        form.locator("select[name=department]").select_option("vp")
        form.locator("button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        created = page.locator(".qlvbdh-created").inner_text()
        assert "nguyenthanhphuc@sttt" in created and "Mật khẩu dùng một lần" in created
        one_time = page.locator(".qlvbdh-created code.one-time").inner_text()
        # never in the status message, which travels in a cookie
        assert one_time not in page.locator(".portalMessage").first.inner_text()
        assert page.locator("form.qlvbdh-new-account input[name=full_name]").input_value() == ""
        row = page.locator("tr[id='account-nguyenthanhphuc@sttt']")
        assert row.locator("select[name=kind]").input_value() == "department_head"
        assert "Chờ đổi mật khẩu lần đầu" in row.inner_text()
        page.screenshot(path=str(artifacts / "accounts.png"), full_page=True)

        form = page.locator("form.qlvbdh-new-account")
        form.locator("input[name=full_name]").fill("Lê Văn Tám")
        form.locator("input[name=email]").fill("tam@example.vn")
        form.locator("select[name=kind]").select_option("department_head")
        form.locator("button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        refusal = page.locator(".qlvbdh-refusal").inner_text()
        assert "Phòng" in refusal and "lãnh đạo phòng phải thuộc một phòng" in refusal
        assert page.locator("tr[id='account-levantam@sttt']").count() == 0

        row = page.locator("tr[id='account-nguyenthanhphuc@sttt']")
        row.locator("button[value=disable]").click()
        page.wait_for_load_state("networkidle")
        row = page.locator("tr[id='account-nguyenthanhphuc@sttt']")
        assert "Đã vô hiệu hóa" in row.inner_text()
        assert row.locator("button[value=enable]").inner_text().strip() == "Kích hoạt lại"
