"""The pages of a round of comments in Debian's Chromium (issue 20): the
drafter asks on the draft's page, a person asked opens the answer form
from the draft, is refused without an opinion, then sends comments with a
file; the drafter's page shows the answer and the summary files."""

from clock import TEST_TODAY
from consultation_fixtures import make_draft
from plone import api
from plone.app.testing import login
from qlvbdh_policy.consultation import rounds
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import transaction

DEADLINE = (TEST_TODAY + datetime.timedelta(days=5)).strftime("%d/%m/%Y")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def text_of(page):
    page.wait_for_load_state("networkidle")
    return page.locator("body").inner_text()


def test_in_chromium_the_drafter_asks_and_a_person_answers_with_a_file(
        server, server_url, tmp_path, artifacts):
    from browser import chromium_page
    from browser import login as browser_login

    portal = server["portal"]
    _a, b = make_province(portal)
    draft = make_draft(portal)
    transaction.commit()
    url = draft.absolute_url().replace(portal.absolute_url(), server_url)

    with chromium_page() as page:
        browser_login(page, server_url, "xla", PASSWORD)
        page.goto(url)
        page.click(".qlvbdh-comments-link")
        assert "Lấy ý kiến góp ý dự thảo" in text_of(page)
        page.fill("#comment-deadline", DEADLINE)
        page.check("#people-pha")
        page.check(f"#agency-{b.UID()}")
        page.fill("#comment-message", "Đề nghị góp ý trước ngày họp")
        page.click("button[name='form.buttons.ask']")
        text = text_of(page)
        assert "Đã gửi đề nghị góp ý" in text
        assert "0/2 đã trả lời, 2 chưa trả lời." in text and DEADLINE in text

    answer_file = tmp_path / "Góp ý Văn phòng.pdf"
    answer_file.write_bytes(PDF)
    with chromium_page() as page:
        browser_login(page, server_url, "pha", PASSWORD)
        page.goto(url)
        page.click(".qlvbdh-comment-answer-link")
        assert "Góp ý dự thảo" in text_of(page)
        page.fill("#comment-text", "Đề nghị sửa Điều 2")
        page.click("button[name='form.buttons.answer']")  # no opinion chosen
        assert "Hãy chọn nhất trí với dự thảo hoặc có ý kiến góp ý." in text_of(page)
        page.check("#verdict-comments")
        page.fill("#comment-text", "Đề nghị sửa Điều 2 về thời hạn")
        page.set_input_files("#comment-file", str(answer_file))
        page.click("button[name='form.buttons.answer']")
        assert f"Đã lưu ý kiến; có thể thay đổi đến hết ngày {DEADLINE}." in text_of(page)
        page.screenshot(path=str(artifacts / "comment-answer.png"), full_page=True)

    transaction.begin()
    answer = rounds.current(draft)["answers"]["user:pha"]
    assert answer["verdict"] == "comments" and answer["text"] == "Đề nghị sửa Điều 2 về thời hạn"
    assert answer["filename"] == "Góp ý Văn phòng.pdf" and answer["file"].data == PDF

    with chromium_page() as page:
        browser_login(page, server_url, "xla", PASSWORD)
        page.goto(f"{url}/@@comments")
        text = text_of(page)
        assert "1/2 đã trả lời, 1 chưa trả lời." in text
        row = page.locator("table.qlvbdh-comments-summary tr.qlvbdh-answered").inner_text()
        assert "Võ Phối Hợp" in row and "Có ý kiến góp ý" in row and "Góp ý Văn phòng.pdf" in row
        late = page.locator("table.qlvbdh-comments-summary tr.qlvbdh-late").inner_text()
        assert "Ủy ban nhân dân huyện Cái Bè" in late and "Chưa có ý kiến" in late
        with page.expect_download() as download:
            page.click("text=Bảng tổng hợp (DOCX)")
        assert download.value.suggested_filename.endswith(".docx")
    login(portal, "xla")
    assert api.content.get_state(draft) == "draft"
