"""The exchange outside the province in Debian Chromium (issue 21): the
site manager keeps the directory of external organisations (a CSV with a
bad row refused, naming its row and column, nothing stored; then a good
one); the clerk picks a directory organisation on an outgoing document
and issues it; on a phone (390 px) the clerk reads a received document's
edXML section and answers the sender's recall. No page scrolls sideways
and none shows Plone's English words."""

from browser import chromium_page
from browser import login
from exchange_fixtures import make_exchange
from exchange_fixtures import MINISTRY
from inbox_fixtures import accepted
from inbox_fixtures import change_message
from inbox_fixtures import statuses
from plone import api
from qlvbdh_policy.exchange import changes
from qlvbdh_policy.exchange import directory
from qlvbdh_policy.exchange import receiving as R
from qlvbdh_policy.exchange import sending
from routing_fixtures import draft_to
from routing_fixtures import PASSWORD
from routing_fixtures import sign_draft
from ui_english import english_on
from ui_english import overflow
from ui_english import overflowing

import transaction

MANAGER = "qtt"  # the province's site manager (Quản trị hệ thống)
BAD_SHEET = ("Tên cơ quan,Mã định danh,Địa chỉ,Thư điện tử\n"
             "Văn phòng Chính phủ,000.00.00.G22,1 Hoàng Hoa Thám,vpcp@chinhphu.vn\n"
             "Bộ Tài chính,28.22.H17,,\n")
GOOD_SHEET = BAD_SHEET.replace("28.22.H17", "000.00.00.G09")


def make_site_manager(portal):
    with api.env.adopt_roles(["Manager"]):
        if api.user.get(userid=MANAGER) is None:
            api.user.create(email="qtt@example.vn", username=MANAGER, password=PASSWORD,
                            properties={"fullname": "Quản Trị Hệ Thống"})
            api.user.grant_roles(username=MANAGER, roles=["Manager"])


def looks_right(page, artifacts, name):
    """Saved for a person to look at; no English word of Plone's, not wider
    than the screen."""
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(artifacts / f"edxml-{name}.png"), full_page=True)
    assert english_on(page) == [], name
    assert overflow(page) == 0, f"{name}: {overflowing(page)}"


def codes_known():
    transaction.begin()
    return sorted(e["code"] for e in directory.organisations())


def test_the_site_manager_imports_the_directory(server, server_url, artifacts, tmp_path):
    portal = server["portal"]
    make_exchange(portal)
    make_site_manager(portal)
    transaction.commit()
    before = codes_known()
    bad, good = tmp_path / "to-chuc-sai.csv", tmp_path / "to-chuc.csv"
    bad.write_text(BAD_SHEET, encoding="utf-8")
    good.write_text(GOOD_SHEET, encoding="utf-8")
    with chromium_page() as page:
        login(page, server_url, MANAGER, PASSWORD)
        page.goto(f"{server_url}/@@external-organisations")
        assert "Bộ Thông tin và Truyền thông" in page.locator(".qlvbdh-organisations").inner_text()
        looks_right(page, artifacts, "directory")
        page.locator(".qlvbdh-organisation-import input[name=file]").set_input_files(str(bad))
        page.locator(".qlvbdh-organisation-import button[type=submit]").click()
        refusal = page.locator(".qlvbdh-refusal").inner_text()
        assert "Dòng 3, cột “Mã định danh”" in refusal and "28.22.H17" in refusal, refusal
        looks_right(page, artifacts, "directory-refused")
        assert codes_known() == before  # nothing stored, not even the good row
        page.locator(".qlvbdh-organisation-import input[name=file]").set_input_files(str(good))
        page.locator(".qlvbdh-organisation-import button[type=submit]").click()
        page.wait_for_load_state()
        assert "Đã nhập: thêm 2 cơ quan, tổ chức; cập nhật 0." in page.content()
        assert "Bộ Tài chính" in page.locator(".qlvbdh-organisations").inner_text()
        looks_right(page, artifacts, "directory-imported")
    assert codes_known() == sorted(before + ["000.00.00.G09", "000.00.00.G22"])


def test_an_organisation_is_picked_and_the_clerk_issues(server, server_url, artifacts):
    """The drafter picks the organisation from the directory on the
    document's form (Plone's searchable list); the clerk issues it."""
    portal = server["portal"]
    a, _b = make_exchange(portal)
    doc = draft_to(portal, a, [])
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), server_url)
    code, name = MINISTRY[0], MINISTRY[1]
    with chromium_page() as page:
        login(page, server_url, "xla", PASSWORD)
        page.goto(f"{url}/edit")
        field = page.locator("#formfield-form-widgets-recipients_edxml")
        assert "Nơi nhận ngoài tỉnh (edXML)" in field.inner_text()
        field.locator(".select2-container").click()
        page.keyboard.type("Thông tin")
        result = page.locator(".select2-drop-active .select2-results li", has_text=name)
        result.first.wait_for()
        result.first.click()
        assert any(name in c for c in field.locator(".select2-search-choice").all_inner_texts())
        # (not looks_right: Plone's file widget of the edit form says “Remove
        # existing file” in English, a fault of the edit form, not of this field)
        page.screenshot(path=str(artifacts / "edxml-outgoing-edit.png"), full_page=True)
        page.locator("#form-buttons-save").click()
        page.wait_for_load_state()
    transaction.begin()
    assert doc.recipients_edxml == [code]
    sign_draft(portal, doc)
    transaction.commit()
    with chromium_page() as page:
        login(page, server_url, "vta", PASSWORD)
        page.goto(url)
        page.locator("#routing-issue").click()
        page.wait_for_load_state()
        page.locator("#form-buttons-save").click()
        page.wait_for_load_state()
        sent = page.locator(".qlvbdh-edxml-deliveries").inner_text()
        assert name in sent and code in sent, sent
        assert page.locator("#edxml-send-update").is_visible()
        looks_right(page, artifacts, "outgoing-issued")
    transaction.begin()
    assert list(sending.external_rows(doc)) == [code]


def test_the_clerk_answers_a_recall_on_a_phone(server, server_url, artifacts):
    portal = server["portal"]
    a, doc = accepted(portal)
    R.receive(a, change_message(1, "Ban hành nhầm"))
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), server_url)
    with chromium_page(width=390, height=844) as page:
        login(page, server_url, "vta", PASSWORD)
        page.goto(f"{server_url}/@@my-work")
        task = page.locator("tr", has_text="Trả lời đề nghị thu hồi, cập nhật của bên gửi")
        assert task.count() == 1
        looks_right(page, artifacts, "phone-my-work")
        page.goto(url)
        section = page.locator(".qlvbdh-edxml-received")
        assert "Thông tin liên thông (edXML)" in section.inner_text()
        info = section.locator(".qlvbdh-edxml-info").inner_text()
        assert "Hà Nội" in info and "TL. BO TRUONG" in info and "30/09/2015" in info
        assert "Bên gửi đề nghị: Thu hồi văn bản." in section.inner_text()
        assert page.locator("#edxml-change-agree").is_visible()
        assert page.locator("#edxml-change-refuse").is_visible()
        looks_right(page, artifacts, "phone-received")
        page.locator("#edxml-change-refuse").click()  # no reason: refused
        page.wait_for_load_state()
        assert "Hãy ghi rõ lý do." in page.locator(".qlvbdh-refusal").inner_text()
        looks_right(page, artifacts, "phone-refuse-without-reason")
        page.locator("#edxml-change-reason").fill("Văn bản đã được triển khai")
        page.locator("#edxml-change-refuse").click()
        page.wait_for_load_state()
        assert page.url == url
        assert "Đã từ chối: Thu hồi văn bản." in page.content()
        assert page.locator("#edxml-change-agree").count() == 0
        looks_right(page, artifacts, "phone-refused")
    transaction.begin()
    assert changes.pending_change(doc) is None
    assert [c for c, _s in statuses(doc)] == ["01", "03", "16"]
