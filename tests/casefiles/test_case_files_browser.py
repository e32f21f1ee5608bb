"""The hồ sơ pages in Chromium at a phone's width (390 px, issue 19): the
case file's hand-over page, the agency's list of case files due for
hand-over, its file plan and its mục lục hồ sơ are in Vietnamese (none of
Plone's English words) and the page does not scroll sideways (a table
scrolls inside its own box). The screenshots are kept in tests/artifacts/."""

from browser import chromium_page
from browser import login
from plone.app.testing import login as zlogin
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import handover
from qlvbdh_policy.casefiles import plans
from routing_fixtures import make_archivist
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from ui_english import english_on
from ui_english import overflow
from ui_english import overflowing

import datetime
import transaction

LONG = ("Hồ sơ về việc triển khai chuyển đổi số, chính quyền điện tử và đô thị thông minh "
        "tại các cơ quan, đơn vị trên địa bàn tỉnh năm 2025")
# every table on the page: its right edge inside the viewport, or inside a
# box of its own that scrolls
TABLES_BOXED = """() => Array.from(document.querySelectorAll('table')).filter(t => {
    const box = t.closest('.table-responsive');
    return t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
        && !(box && getComputedStyle(box).overflowX === 'auto');
}).length"""
# the width of the case file's title in the table (a column of single words
# at 390 px before the stylesheet gave it a readable width)
TITLE_WIDTH = """() => {
    const cell = Array.from(document.querySelectorAll('table td'))
        .find(td => td.innerText.startsWith('Hồ sơ về việc triển khai'));
    return cell ? Math.round(cell.getBoundingClientRect().width) : null;
}"""
TITLED = {"hand-over-list", "file-plan", "case-files"}


def case_file_handed_over(portal):
    """sttt's plans of 2025 and 2026; xla's case file of 2025, closed
    15/12/2025, handed over (due 15/12/2026)."""
    a, _b = make_province(portal)
    make_archivist(portal)
    zlogin(portal, "vta")
    entries = [{"code": "01.VP", "title": LONG, "retention": "10", "department": "vp",
                "responsible": "xla", "notes": "Lãnh đạo Văn phòng theo dõi, đôn đốc"},
               {"code": "02.VP", "title": "Hồ sơ hội nghị tổng kết", "retention": "permanent",
                "responsible": "pha"}]
    plan = plans.ensure_plan(a, 2025)
    plans.add_entries(plan, entries)
    plans.add_entries(plans.ensure_plan(a, 2026), entries)
    zlogin(portal, "xla")
    case = filing.open_case_file(a, plan_entry=plans.entries(plan)[0].UID(),
                                 opened=datetime.date(2025, 3, 1))
    filing.close(case, closed="2025-12-15", page_count=12, notes="Đủ thành phần")
    handover.hand_over(case)
    transaction.commit()
    return a, case


def test_the_case_file_pages_fit_a_phone(server, server_url, artifacts):
    portal = server["portal"]
    a, case = case_file_handed_over(portal)

    def url(obj):
        return obj.absolute_url().replace(portal.absolute_url(), server_url)

    pages = {  # name → (who, address, words shown)
        "hand-over": ("lta", f"{url(case)}/@@hand-over-case-file",
                      ["Hạn nộp lưu", "15/12/2026", "Đã nộp lưu, chờ tiếp nhận"]),
        "hand-over-list": ("lta", f"{url(a)}/@@hand-over-list?year=2026",
                           ["Danh mục hồ sơ đến hạn nộp lưu năm 2026", "01.VP"]),
        "file-plan": ("vta", f"{url(a)}/@@file-plan?year=2026",
                      ["Danh mục hồ sơ năm 2026", "01.VP", "Vĩnh viễn"]),
        "case-files": ("vta", f"{url(a)}/@@case-files?year=2025",
                       ["Mục lục hồ sơ năm 2025", "01.VP", "15/12/2025"]),
    }
    seen = {}
    for who in ("lta", "vta"):
        with chromium_page(width=390, height=844) as page:
            login(page, server_url, who, PASSWORD)
            for name, (_who, address, words) in pages.items():
                if _who != who:
                    continue
                answer = page.goto(address)
                page.wait_for_load_state("networkidle")
                assert answer.status == 200, name
                page.screenshot(path=str(artifacts / f"phone-case-files-{name}.png"),
                                full_page=True)
                text = page.locator("body").inner_text()
                seen[name] = [w for w in words if w not in text]
                assert english_on(page) == [], (name, english_on(page))
                assert overflow(page) <= 0, (name, overflowing(page))
                assert page.evaluate(TABLES_BOXED) == 0, name
                if name in TITLED:
                    assert page.evaluate(TITLE_WIDTH) >= 180, name
    assert seen == {name: [] for name in pages}
