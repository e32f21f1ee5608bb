"""Each role's day on the agency hosts, through Debian's nginx, in Chromium
(issue 16): the clerk logs in and registers an incoming document with its
PDF, submits it; the leader directs it to a handler; the handler handles
it and drafts the answer; the leader approves and signs; the clerk issues
it to another agency, whose clerk accepts it from “Văn bản chờ tiếp nhận”;
the handler searches; the clerk exports the register to XLSX; the agency's
administrator opens the accounts and the province's oversight the
statistics. Every count and message is read as a person reads it.

Every page is seen at a desktop's width, where the day is done, and again
at a phone's (390 px), logged in as the same person in a second browser
context: no page may show Plone's English words (ui_english) or be wider
than its screen. The user guide's screenshots (guide.shots) are taken at
the moments its captions name, at both widths."""

from browser import CHROMIUM
from browser import CHROMIUM_ARGS
from domain_fixtures import incoming
from domain_fixtures import outgoing
from domain_fixtures import pdf
from guide_shooting import MAX_BYTES
from guide_shooting import save_shot
from nginx_proxy import BASE
from nginx_proxy import nginx as agency_nginx
from plone import api
from plone.app.testing import login as zlogin
from qlvbdh_policy.guide.shots import DAY_SHOTS
from qlvbdh_policy.guide.shots import screenshot_path
from qlvbdh_policy.guide.shots import WIDTHS
from qlvbdh_policy.routing import steps
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import VIETNAM
from qlvbdh_policy.timeutil import vietnam_today
from routing_fixtures import PASSWORD
from routing_fixtures import PEOPLE
from ui_english import english_in
from ui_english import english_on
from ui_english import overflow
from ui_english import overflowing

import datetime
import io
import re
import transaction

nginx = agency_nginx  # Debian's nginx in front of the server: a fixture here too

EMPTY_FOLDER = "Chưa có nội dung nào trong thư mục này"
HEIGHTS = {"desktop": 900, "phone": 844}
AGENCY_TITLES = {"sttt": "Sở Thông tin và Truyền thông", "ubndcb": "Ủy ban nhân dân huyện Cái Bè"}
TIME_ZONES = {"desktop": "UTC", "phone": "Asia/Ho_Chi_Minh"}
ROLE_OF = {"vta": "van-thu", "lda": "lanh-dao", "xla": "chuyen-vien", "qta": "quan-tri",
           "giamsat": "giam-sat", "vtb": "van-thu"}
INCOMING_TITLE = "Công văn về việc triển khai nền tảng chia sẻ dữ liệu của tỉnh"
REPLY_TITLE = "Công văn về việc báo cáo kết quả triển khai nền tảng chia sẻ dữ liệu"
def official_letter_pdf():
    """A real one-page công văn (the guide's screenshots show it in the
    browser's viewer), set in the books' Vietnamese font."""
    from qlvbdh_policy.registers import pdf as book_pdf
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    import io

    book_pdf._register_fonts()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    lines = [
        (book_pdf.BOLD, 11, "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG"),
        (book_pdf.REGULAR, 11, "Số: 45/UBND-VP"),
        (book_pdf.BOLD, 13, "V/v triển khai nền tảng chia sẻ dữ liệu của tỉnh"),
        (book_pdf.REGULAR, 12, "Kính gửi: Sở Thông tin và Truyền thông."),
        (book_pdf.REGULAR, 12, "Ủy ban nhân dân tỉnh đề nghị Sở chủ trì triển khai nền tảng,"),
        (book_pdf.REGULAR, 12, "báo cáo kết quả trước ngày 15 tháng 12 năm 2026."),
    ]
    y = 780
    for font, size, text in lines:
        page.setFont(font, size)
        page.drawString(60, y, text)
        y -= 28
    page.showPage()
    page.save()
    return out.getvalue()


PDF_BYTES = official_letter_pdf()


def arrange(portal):
    """What waits before the day starts, so each home shows counts to check:
    at the Sở a registered document not yet submitted, one submitted to the
    leader, one past its deadline with the handler; a document from the
    huyện waiting in the Sở's inbox."""
    a, b = portal["sttt"], portal["ubndcb"]
    zlogin(portal, "vta")
    register = a["den-2026"]
    incoming(register, title="Giấy mời dự hội nghị tổng kết năm", code_number="7")
    waiting = incoming(register, title="Kế hoạch kiểm tra an toàn thông tin", code_number="8")
    steps.simple_step(waiting, "submit")
    late = incoming(register, title="Báo cáo tình hình chuyển đổi số quý III", code_number="9")
    steps.simple_step(late, "submit")
    zlogin(portal, "lda")
    steps.assign(late, "xla", due_date=vietnam_today() + datetime.timedelta(days=5))
    late.due_date = datetime.date(2026, 11, 2)  # long past
    late.reindexObject()
    zlogin(portal, "vtb")
    sent = outgoing(b["di-2026"], title="Công văn về việc phối hợp tổ chức tập huấn",
                    file=pdf("cv-tap-huan.pdf"), recipients_internal=[a.UID()])
    with api.env.adopt_roles(["Manager"]):
        for step in ("submit_review", "approve", "sign", "issue"):
            steps.simple_step(sent, step)
    transaction.commit()


class Day:
    """One browser; each person has a desktop context where the work is
    done and a phone context that looks at the same pages."""

    def __init__(self, browser, port, tmp_path):
        self.browser, self.port, self.tmp_path = browser, port, tmp_path
        self.people = {}
        self.seen = []  # (role, step, viewport) of the shots taken
        self.visited = 0

    def host(self, abbr=None):
        return f"http://{abbr + '.' if abbr else ''}{BASE}:{self.port}"

    def context(self, viewport):
        # the desktop's clock in UTC, as on many computers: the pages say
        # Vietnam time whatever the browser's time zone
        return self.browser.new_context(
            viewport={"width": WIDTHS[viewport], "height": HEIGHTS[viewport]},
            locale="vi-VN", timezone_id=TIME_ZONES[viewport], accept_downloads=True)

    def person(self, userid, abbr="sttt", shot=None):
        """Log ``userid`` in on the login form of the agency's host at both
        widths; the desktop page is returned, logged in."""
        host = self.host(abbr)
        pages = {}
        for viewport in WIDTHS:
            page = self.context(viewport).new_page()
            # on an agency's host an anonymous visitor is sent to the login page
            page.goto(f"{host}/" if abbr else f"{host}/login")
            page.wait_for_load_state("networkidle")
            assert "/login" in page.url, page.url
            assert "Đăng nhập" in page.locator("#content").inner_text()
            assert page.locator("#portal-logo-wrapper").count() == 1  # the theme drew it
            brand = page.locator("#portal-logo").inner_text()
            assert "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang" in brand
            if abbr:  # the agency's name on its host, before anyone logs in
                assert AGENCY_TITLES[abbr] in brand, brand
            self.check(page, viewport)
            if shot:
                self.shot(page, ROLE_OF[userid], shot, viewport)
            page.locator("#__ac_name").fill(userid)
            page.locator("#__ac_password").fill(PASSWORD)
            page.locator("#__ac_password").press("Enter")
            page.wait_for_load_state("networkidle")
            # logged in: the person's name in the toolbar (folded away on a phone)
            assert PEOPLE[userid][2] in page.locator("#edit-zone").inner_html(), page.url
            pages[viewport] = page
        self.people[userid] = pages
        return pages["desktop"]

    def check(self, page, viewport):
        self.visited += 1
        words = english_on(page)
        assert not words, f"English on {page.url} at {viewport} width: {words}"
        # a document or a book is not an empty folder listing
        assert EMPTY_FOLDER not in page.locator("body").inner_text(), page.url
        wider = overflow(page)
        assert wider <= 0, (f"{page.url} is {wider}px wider than the {viewport} screen",
                            overflowing(page))

    def shot(self, page, role, step, viewport):
        """The viewport as the guide shows it (guide_shooting)."""
        save_shot(page, role, step, viewport)
        self.seen.append((role, step, viewport))

    def look(self, userid, shot=None, focus=None):
        """The page the person's desktop shows now, checked (and shot, with
        the ``focus`` element scrolled into view); then the same address on
        the phone."""
        page = self.people[userid]["desktop"]
        page.wait_for_load_state("networkidle")
        self.check(page, "desktop")
        role = ROLE_OF[userid]
        if shot:
            if focus:
                page.locator(focus).first.scroll_into_view_if_needed()
            self.shot(page, role, shot, "desktop")
        phone = self.people[userid]["phone"]
        answer = phone.goto(page.url)
        phone.wait_for_load_state("networkidle")
        assert answer.status == 200, (phone.url, answer.status)
        self.check(phone, "phone")
        if shot:
            if focus:
                phone.locator(focus).first.scroll_into_view_if_needed()
            self.shot(phone, role, shot, "phone")
        return page

    def go(self, userid, url, shot=None, focus=None):
        page = self.people[userid]["desktop"]
        answer = page.goto(url)
        assert answer.status == 200, (url, answer.status)
        return self.look(userid, shot, focus)


def click(page, selector):
    page.click(selector)
    page.wait_for_load_state("networkidle")


def message(page):
    return " ".join(page.locator(".portalMessage").all_inner_texts())


def card(page, css, title=None):
    """(count, href) of a card of the home page."""
    cards = page.locator(css)
    if title is not None:  # the card's title exactly ("Xử lý", not "Phối hợp xử lý")
        cards = cards.filter(has=page.locator("div", has_text=re.compile(f"^{title}$")))
    assert cards.count() == 1, (css, title, page.locator("#content").inner_text())
    count = int(cards.locator(".display-6").inner_text().strip())
    return count, cards.get_attribute("href")


def follow(day, userid, href, expect_in_list):
    """A card is a link to its list: the list names what was counted."""
    page = day.go(userid, href)
    text = page.locator("#content").inner_text()
    for title in expect_in_list:
        assert title in text, (href, title, text[:800])
    return page


def choose(page, select, name):
    """Pick a person or agency by the label shown, whatever else the label
    carries (department, position) and whatever the option's value."""
    option = page.locator(f"{select} option", has_text=name)
    assert option.count() == 1, (select, name)
    page.select_option(select, option.get_attribute("value"))


def pick_recipient(page, name):
    """The outgoing form's recipient agencies: Plone's searchable list
    (pat-select2), searched as one types, the agency picked by its name."""
    field = page.locator("#formfield-form-widgets-recipients_internal")
    field.locator(".select2-container").click()
    page.keyboard.type(name.rsplit(" ", 2)[-2])  # "Cái" of "… huyện Cái Bè"
    result = page.locator(".select2-drop-active .select2-results li", has_text=name)
    result.first.wait_for()
    result.first.click()
    chosen = field.locator(".select2-search-choice").all_inner_texts()
    assert any(name in c for c in chosen), chosen


def test_plones_words_are_found_as_whole_words():
    assert english_in("Người tạo: Nguyễn Thị Văn Thư — cập nhật lần cuối 01/12/2026") == []
    assert english_in("Công văn 45/UBND-VP; Kế hoạch; Đăng nhập; cv-byte.pdf") == []
    found = english_in("by Nguyễn Thị Văn Thư\naria-label=Toggle navigation\nLog in")
    assert [word for word, _around in found] == ["by", "Toggle", "Log in"]
    assert english_in("Powered by Plone")[0][0] == "Powered by Plone"


def test_a_day_of_each_role_on_the_agency_hosts(server, nginx, tmp_path):
    from playwright.sync_api import sync_playwright

    portal = server["portal"]
    arrange(portal)
    port = nginx
    sttt, ubndcb = f"http://sttt.{BASE}:{port}", f"http://ubndcb.{BASE}:{port}"
    resolve = f"--host-resolver-rules=MAP {BASE} 127.0.0.1,MAP *.{BASE} 127.0.0.1"
    pdf_file = tmp_path / "Công văn 45-UBND.pdf"
    pdf_file.write_bytes(PDF_BYTES)
    today = vietnam_today().strftime("%d/%m/%Y")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=CHROMIUM_ARGS + [resolve])
        day = Day(browser, port, tmp_path)

        # -- the clerk: login, home counts, registering, submitting ------------
        clerk = day.person("vta", shot="dang-nhap")
        assert clerk.url.rstrip("/") == sttt
        assert "Đã đăng nhập" in message(clerk) or "Chào mừng" in message(clerk)
        day.look("vta", "trang-chu")
        assert card(clerk, ".qlvbdh-home-inbox")[0] == 1
        assert card(clerk, ".qlvbdh-home-today")[0] == 3
        assert card(clerk, ".qlvbdh-home-task", "Trình lãnh đạo")[0] == 1
        # the copy to accept is the inbox's card, not a second one
        assert clerk.locator(".qlvbdh-home-task", has_text="Tiếp nhận hoặc trả lại").count() == 0
        assert re.search(r"Việc của tôi\s*2\b", clerk.locator("#portal-globalnav").inner_text())
        home_cards = {name: card(clerk, css, title)[1] for name, css, title in (
            ("inbox", ".qlvbdh-home-inbox", None), ("today", ".qlvbdh-home-today", None),
            ("submit", ".qlvbdh-home-task", "Trình lãnh đạo"))}
        follow(day, "vta", home_cards["inbox"], ["Công văn về việc phối hợp tổ chức tập huấn"])
        listed = follow(day, "vta", home_cards["today"], [
            "Giấy mời dự hội nghị tổng kết năm", "Kế hoạch kiểm tra an toàn thông tin",
            "Báo cáo tình hình chuyển đổi số quý III"])
        assert "3 văn bản" in listed.locator("#content").inner_text()
        assert listed.input_value("#date_from") == today == listed.input_value("#date_to")
        follow(day, "vta", home_cards["submit"], ["Giấy mời dự hội nghị tổng kết năm"])

        day.go("vta", f"{sttt}/")
        clerk.get_by_role("link", name="Sổ văn bản đến 2026").click()
        day.look("vta")
        click(clerk, "#add-entry")
        day.look("vta")
        clerk.fill("#form-widgets-sender_name", "UBND tỉnh Tiền Giang")
        clerk.fill("#form-widgets-code_number", "45")
        clerk.fill("#form-widgets-code_notation", "UBND-VP")
        clerk.fill("#form-widgets-doc_date", "2026-11-20")
        clerk.select_option("#form-widgets-doc_type", "cong_van")
        clerk.select_option("#form-widgets-urgency", "khan")
        clerk.fill("#form-widgets-title", INCOMING_TITLE)
        clerk.set_input_files("#form-widgets-file-input", str(pdf_file))
        day.shot(clerk, "van-thu", "vao-so", "desktop")
        phone = day.people["vta"]["phone"]
        phone.goto(clerk.url)
        phone.wait_for_load_state("networkidle")
        phone.fill("#form-widgets-title", INCOMING_TITLE)
        day.check(phone, "phone")
        day.shot(phone, "van-thu", "vao-so", "phone")
        click(clerk, "#form-buttons-save")
        assert "Đã vào sổ, số đến 04." in message(clerk)
        doc_url = clerk.url.removesuffix("/view")
        day.look("vta")
        shown = clerk.locator("#content").inner_text()
        assert INCOMING_TITLE in shown and "45" in shown and "Khẩn" in shown
        assert "Công văn 45-UBND.pdf" in shown
        # the toolbar's last change in Vietnam time, as the pages (the browser is in UTC)
        transaction.begin()
        registered = portal["sttt"]["den-2026"][doc_url.rsplit("/", 1)[1]]
        changed = registered.modified().asdatetime().astimezone(VIETNAM)
        toolbar_time = clerk.locator("#contentview-history time").inner_text().strip()
        assert toolbar_time == format_datetime(changed), toolbar_time

        day.go("vta", f"{sttt}/den-2026", "so-van-ban")
        book = clerk.locator("table.qlvbdh-book tbody").inner_text()
        assert INCOMING_TITLE in book and "04" in book
        assert "4 văn bản trong sổ" in clerk.locator(".qlvbdh-book-count").inner_text()

        day.go("vta", doc_url)
        click(clerk, "#routing-submit")
        day.look("vta", "trinh")
        clerk.fill("#form-widgets-comment", "Kính trình lãnh đạo cho ý kiến chỉ đạo")
        click(clerk, "#form-buttons-save")
        assert "Trình lãnh đạo" in message(clerk)
        day.look("vta")
        assert "Đã trình lãnh đạo" in clerk.locator("body").inner_text()

        # -- the leader: home counts, directing ------------------------------------
        leader = day.person("lda")
        day.look("lda", "trang-chu")
        direct, direct_url = card(leader, ".qlvbdh-home-task", "Cho ý kiến chỉ đạo")
        assert direct == 2
        overdue, overdue_url = card(leader, ".qlvbdh-home-overdue")
        assert overdue == 1
        # the follow-up book: the late document's number, its handler, how late
        follow(day, "lda", overdue_url, ["9/QĐ-UBND", "Lê Minh Hiếu", "Quá hạn 25 ngày"])
        follow(day, "lda", direct_url, [INCOMING_TITLE, "Kế hoạch kiểm tra an toàn thông tin"])
        leader.get_by_role("link", name=INCOMING_TITLE).click()
        day.look("lda")
        click(leader, "#routing-assign")
        due = vietnam_today() + datetime.timedelta(days=10)
        choose(leader, "#form-widgets-handler", "Lê Minh Hiếu")
        leader.fill("#form-widgets-due_date", due.isoformat())
        leader.fill("#form-widgets-instruction", "Giao phòng tham mưu báo cáo trước hạn")
        day.look("lda", "phan-cong")
        click(leader, "#form-buttons-save")
        assert "Đã phân công" in message(leader)
        day.look("lda")
        body = leader.locator("#content").inner_text()
        assert "Lê Minh Hiếu" in body and due.strftime("%d/%m/%Y") in body
        assert "Giao phòng tham mưu báo cáo trước hạn" in body

        # -- the handler: my work, handling, drafting --------------------------------
        handler = day.person("xla")
        day.look("xla")
        handle, handle_url = card(handler, ".qlvbdh-home-task", "Xử lý")
        assert handle == 2
        assert "1 quá hạn" in handler.locator(".qlvbdh-home-task", has_text="Xử lý").inner_text()
        follow(day, "xla", handle_url, [INCOMING_TITLE, "Báo cáo tình hình chuyển đổi số quý III"])
        day.look("xla", "viec-cua-toi")
        row = handler.locator("table.qlvbdh-my-work tbody tr", has_text=INCOMING_TITLE)
        assert due.strftime("%d/%m/%Y") in row.inner_text()
        row.get_by_role("link", name=INCOMING_TITLE).click()
        day.look("xla")
        click(handler, "#routing-start")
        click(handler, "#form-buttons-save")
        assert "Bắt đầu xử lý" in message(handler)
        day.look("xla", "xu-ly", focus=".qlvbdh-routing")
        assert "Đang xử lý" in handler.locator("body").inner_text()

        day.go("xla", f"{sttt}/di-2026")
        day.go("xla", f"{sttt}/di-2026/++add++OutgoingDocument")
        handler.select_option("#form-widgets-doc_type", "cong_van")
        handler.fill("#form-widgets-title", REPLY_TITLE)
        pick_recipient(handler, "Ủy ban nhân dân huyện Cái Bè")
        handler.set_input_files("#form-widgets-file-input", str(pdf_file))
        day.look("xla", "du-thao")
        click(handler, "#form-buttons-save")
        draft_url = handler.url.removesuffix("/view")
        assert REPLY_TITLE in handler.locator("h1").inner_text()
        assert "Ủy ban nhân dân huyện Cái Bè" in handler.locator("#content").inner_text()
        day.look("xla")
        click(handler, "#routing-submit_review")
        click(handler, "#form-buttons-save")
        day.look("xla")
        assert "Trình duyệt" in message(handler) or "Đã thực hiện" in message(handler)

        # the incoming document is done, answered by the draft
        day.go("xla", doc_url)
        click(handler, "#routing-complete")
        handler.fill("#form-widgets-result", "Đã tham mưu văn bản trả lời")
        day.look("xla")
        click(handler, "#form-buttons-save")
        day.look("xla")
        assert "Hoàn thành" in handler.locator("body").inner_text()

        # -- the leader approves and signs ------------------------------------------
        day.go("lda", f"{sttt}/")
        review, review_url = card(leader, ".qlvbdh-home-task", "Duyệt dự thảo")
        assert review == 1
        follow(day, "lda", review_url, [REPLY_TITLE])
        leader.get_by_role("link", name=REPLY_TITLE).click()
        day.look("lda")
        click(leader, "#routing-approve")
        click(leader, "#form-buttons-save")
        day.look("lda")
        click(leader, "#routing-sign")
        day.look("lda", "ky")
        click(leader, "#form-buttons-save")
        assert "Ký" in message(leader)
        day.look("lda")
        assert "Đã ký" in leader.locator("body").inner_text()

        # -- the clerk issues ------------------------------------------------------
        day.go("vta", f"{sttt}/")
        issue, issue_url = card(clerk, ".qlvbdh-home-task", "Phát hành")
        assert issue == 1
        follow(day, "vta", issue_url, [REPLY_TITLE])
        day.go("vta", draft_url)
        click(clerk, "#routing-issue")
        day.look("vta", "phat-hanh")
        click(clerk, "#form-buttons-save")
        transaction.begin()
        reply = portal["sttt"]["di-2026"][draft_url.rsplit("/", 1)[1]]
        assert reply.code and f"Đã phát hành số {reply.code}." in message(clerk)
        day.look("vta")
        deliveries = clerk.locator("table.qlvbdh-deliveries").inner_text()
        assert "Ủy ban nhân dân huyện Cái Bè" in deliveries and "Đã đến" in deliveries

        # -- the huyện's clerk accepts --------------------------------------------------
        other = day.person("vtb", abbr="ubndcb")
        inbox, inbox_url = card(other, ".qlvbdh-home-inbox")
        assert inbox == 1
        day.look("vtb")
        follow(day, "vtb", inbox_url, [REPLY_TITLE, reply.code])
        row = other.locator("table.qlvbdh-inbox tbody tr", has_text=REPLY_TITLE)
        assert "Sở Thông tin và Truyền thông" in row.inner_text()
        row.get_by_role("link", name="Tiếp nhận vào sổ").click()
        day.look("vtb")
        choose(other, "#form-widgets-register", "Sổ văn bản đến 2026")
        day.look("vtb", "tiep-nhan")
        click(other, "#form-buttons-save")
        assert re.search(r"Đã tiếp nhận vào Sổ văn bản đến 2026, số đến 0?1\.", message(other))
        day.look("vtb")
        assert other.url.startswith(f"{ubndcb}/den-2026/")

        # the sender sees it accepted
        day.go("vta", draft_url)
        assert "Đã tiếp nhận" in clerk.locator("table.qlvbdh-deliveries").inner_text()

        # -- search and export ---------------------------------------------------------
        day.go("xla", f"{sttt}/")
        handler.locator("#searchGadget").fill("chia sẻ dữ liệu")
        handler.locator("#searchGadget").press("Enter")
        day.look("xla", "tim-kiem")
        found = handler.locator("#content").inner_text()
        assert INCOMING_TITLE in found and REPLY_TITLE in found
        assert "Giấy mời dự hội nghị" not in found

        day.go("vta", f"{sttt}/den-2026")
        with clerk.expect_download() as download:
            clerk.locator("a", has_text="XLSX").first.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.suffix == ".xlsx"
        from openpyxl import load_workbook
        cells = [str(c) for row in load_workbook(io.BytesIO(saved.read_bytes())).active.values
                 for c in row if c is not None]
        assert any(INCOMING_TITLE in c for c in cells), cells[:40]

        # -- the agency's administrator ---------------------------------------------
        admin = day.person("qta")
        day.look("qta")
        accounts, accounts_url = card(admin, ".qlvbdh-home-accounts")
        assert accounts == sum(1 for abbr, _s, _n in PEOPLE.values() if abbr == "sttt")
        follow(day, "qta", accounts_url, ["Lê Minh Hiếu", "Trần Văn Lãnh Đạo"])
        day.look("qta", "tai-khoan")

        # -- the province's oversight ------------------------------------------------
        day.person("giamsat", abbr=None)
        day.go("giamsat", f"{day.host()}/@@usage-statistics", "thong-ke")
        figures = day.people["giamsat"]["desktop"].locator("#content").inner_text()
        assert "Sở Thông tin và Truyền thông" in figures and "Ủy ban nhân dân huyện Cái Bè" in figures

        browser.close()

    wanted = {(role, step, viewport) for role, step, _c in DAY_SHOTS for viewport in WIDTHS}
    assert wanted - set(day.seen) == set(), "shots the guide shows and the walk did not take"
    assert all(screenshot_path(*s).stat().st_size < MAX_BYTES for s in wanted)
    assert day.visited > 60
