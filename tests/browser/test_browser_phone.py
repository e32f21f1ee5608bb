"""At a phone's width (390 px) no page of a clerk's day scrolls sideways
(issue 16): long status badges wrap, tables scroll inside their own box."""

from browser import chromium_page
from browser import login
from domain_fixtures import incoming
from domain_fixtures import pdf
from plone.app.testing import login as zlogin
from qlvbdh_policy.routing import steps
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import transaction

WIDER = """() => document.documentElement.scrollWidth > document.documentElement.clientWidth"""


def test_a_clerks_pages_fit_a_phone(server, server_url, artifacts):
    portal = server["portal"]
    a, _b = make_province(portal)
    zlogin(portal, "vta")
    doc = incoming(a["den-2026"], title="Công văn về việc báo cáo tình hình ứng dụng công nghệ "
                   "thông tin trong cơ quan nhà nước quý IV năm 2026", file=pdf())
    steps.simple_step(doc, "submit")
    transaction.commit()
    local = portal.absolute_url()
    pages = {
        "document": doc.absolute_url().replace(local, server_url),
        "register": f"{server_url}/{a.getId()}/den-2026",
        "my-work": f"{server_url}/@@my-work",
        "search": f"{server_url}/{a.getId()}/@@search-documents?text=cong+van",
        "inbox": f"{server_url}/{a.getId()}/cho-tiep-nhan",
    }
    with chromium_page(width=390, height=844) as page:
        login(page, server_url, "vta", PASSWORD)
        for name, url in pages.items():
            answer = page.goto(url)
            page.wait_for_load_state("networkidle")
            assert answer.status == 200, name
            page.screenshot(path=str(artifacts / f"phone-{name}.png"), full_page=True)
            assert not page.evaluate(WIDER), f"{name} is wider than the phone"
        page.goto(pages["document"])
        assert "Công văn về việc báo cáo" in page.locator("h1").inner_text()
