"""Hồ sơ at a phone's width (390 px, issue 19): the case file's page with
its mục lục, the form that opens a case file, the page that puts
documents into case files and the plan's page fit the screen without
scrolling sideways; the handler ticks documents in search results and
puts them into his case file with his thumb."""

from browser import chromium_page
from browser import login
from domain_fixtures import incoming
from plone import api
from plone.app.testing import login as zlogin
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.routing import steps
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from ui_english import overflow
from urllib.parse import urlencode

import transaction


def test_case_file_pages_fit_a_phone(server, server_url, artifacts):
    portal = server["portal"]
    a, _b = make_province(portal)
    zlogin(portal, "vta")
    plan = plans.ensure_plan(a, 2026)
    entry, = plans.add_entries(plan, [{
        "code": "01.VP", "retention": "10", "responsible": "xla",
        "title": "Hồ sơ về việc triển khai chuyển đổi số và ứng dụng công nghệ thông tin "
                 "trong hoạt động của cơ quan năm 2026"}])
    docs = [incoming(a["den-2026"], code_number=str(n), title=(
        "Công văn về việc báo cáo tình hình ứng dụng chữ ký số trong cơ quan nhà nước "
        f"quý IV năm 2026, lần {n}")) for n in (45, 46, 47)]
    for doc in docs:
        steps.simple_step(doc, "submit")
    zlogin(portal, "lda")
    for doc in docs:
        steps.assign(doc, "xla")
    zlogin(portal, "xla")
    case = filing.open_case_file(a, plan_entry=entry.UID())
    filing.add_documents(case, [docs[0].UID(), docs[1].UID()])
    transaction.commit()
    local = portal.absolute_url()

    def url(obj):
        return obj.absolute_url().replace(local, server_url)

    pages = {
        "case-file": url(case),
        "open-case-file": f"{url(a)}/@@open-case-file?{urlencode({'entry': entry.UID()})}",
        "add-to-case-files": f"{url(a)}/@@add-to-case-files?" + urlencode(
            [("documents:list", d.UID()) for d in docs]),
        "file-plan": url(plan),
        "close-case-file": f"{url(case)}/@@close-case-file",
    }
    with chromium_page(width=390, height=844) as page:
        login(page, server_url, "xla", PASSWORD)
        for name, address in pages.items():
            answer = page.goto(address)
            page.wait_for_load_state("networkidle")
            assert answer.status == 200, name
            page.screenshot(path=str(artifacts / f"phone-{name}.png"), full_page=True)
            assert not overflow(page), f"{name} is wider than the phone"
        page.goto(pages["case-file"])
        rows = page.locator("table.qlvbdh-toc tbody tr")
        assert rows.count() == 2 and rows.nth(0).locator("td").nth(1).inner_text() == "1"
        # from the case file's “Thêm văn bản”: search, tick the third, put it in
        page.locator("#case-file-add").click()
        page.wait_for_load_state("networkidle")
        page.locator("#text").fill("lần 47")
        page.locator("#search-button").click()
        page.wait_for_load_state("networkidle")
        assert not overflow(page), "the search results are wider than the phone"
        page.screenshot(path=str(artifacts / "phone-search-to-case-file.png"), full_page=True)
        page.locator(f"#file-{docs[2].UID()}").check()
        page.locator("#search-file-button").click()
        page.wait_for_load_state("networkidle")
        assert "2 văn bản" not in page.content()
        assert page.locator("table.qlvbdh-toc tbody tr").count() == 3
        assert not overflow(page), "the case file is wider than the phone"
        page.screenshot(path=str(artifacts / "phone-case-file-filled.png"), full_page=True)
    transaction.begin()
    assert list(case.documents) == [d.UID() for d in docs]
    assert api.content.get_state(case) == "open"
