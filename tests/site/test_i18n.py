"""Every English msgid of the add-on has a Vietnamese translation, and the
standard tool (i18ndude's rebuild-pot, as Plone add-ons extract their
messages) reads every one of them from the code: none is built at run time
or hidden in a variable the tool cannot see."""

from pathlib import Path

import pytest
import subprocess
import sys

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from i18n_extract import LOCALES  # noqa: E402
from i18n_extract import msgids  # noqa: E402
from i18n_vi import read_po  # noqa: E402


def test_pot_is_current():
    pot = read_po(LOCALES / "qlvbdh_policy.pot")
    missing = set(msgids()) - set(pot)
    assert not missing, (
        f"msgids missing from the .pot (run scripts/i18n_extract.py --pot): {sorted(missing)}"
    )


def test_vi_translates_every_msgid():
    vi = read_po(LOCALES / "vi" / "LC_MESSAGES" / "qlvbdh_policy.po")
    untranslated = sorted(m for m in msgids() if not vi.get(m))
    assert not untranslated, f"no Vietnamese for: {untranslated}"
    stale = set(vi) - set(msgids())
    assert not stale, f"stale msgids in vi (run scripts/i18n_vi.py): {stale}"


PO = LOCALES / "vi" / "LC_MESSAGES" / "qlvbdh_policy.po"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The msgids i18ndude's rebuild-pot finds in the package (Python,
    page templates, ZCML, GenericSetup XML)."""
    pot = tmp_path_factory.mktemp("i18ndude") / "qlvbdh_policy.pot"
    i18ndude = Path(sys.executable).parent / "i18ndude"
    done = subprocess.run([str(i18ndude), "rebuild-pot", "--pot", str(pot),
                           "--create", "qlvbdh_policy", str(LOCALES.parent)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and pot.exists(), done.stdout + done.stderr
    msgids = set(read_po(pot))
    assert len(msgids) > 400  # the tool read the package, not an empty folder
    return msgids


def test_the_standard_tool_finds_every_msgid_of_the_pot(extracted):
    pot = set(read_po(LOCALES / "qlvbdh_policy.pot"))
    unseen = sorted(pot - extracted)
    assert not unseen, (
        "msgids the code uses but i18ndude cannot see (wrap each where it is written "
        f"as a literal _(\"…\")): {unseen}")
    unknown = sorted(extracted - pot)
    assert not unknown, f"msgids i18ndude finds that the .pot lacks: {unknown}"


def test_every_msgid_the_standard_tool_finds_is_in_vietnamese(extracted):
    vi = read_po(PO)
    untranslated = sorted(m for m in extracted if not vi.get(m))
    assert not untranslated, f"no Vietnamese for: {untranslated}"


def test_no_msgid_holds_a_line_break():
    """i18ndude writes such a msgid unescaped, an invalid .pot: a text of
    several paragraphs is one msgid per paragraph (the mails, README.txt)."""
    broken = [m for m in read_po(LOCALES / "qlvbdh_policy.pot") if "\n" in m]
    assert not broken, broken


def test_workflow_titles_in_plone_domain():
    plone_vi = read_po(LOCALES / "vi" / "LC_MESSAGES" / "plone.po")
    assert plone_vi.get("Issued") == "Đã phát hành"
    assert all(plone_vi.values())


def test_translation_domain_serves_vietnamese(portal):
    from zope.i18n import translate

    assert (
        translate(
            "Document management and executive system",
            domain="qlvbdh_policy",
            target_language="vi",
        )
        == "Quản lý văn bản và điều hành"
    )


@pytest.mark.parametrize("msgid, default, expected", [
    ("heading_change_password", "Time to change your password!", "Đổi mật khẩu"),
    ("statusmessage_mtype_info", "Info:", "Thông báo:"),
    ("you_are_now_logged_in", "Welcome! You are now logged in.", "Bạn đã đăng nhập"),
    ("trouble_logging_in", "Trouble logging in?", "Không đăng nhập được?"),
    ("label_change_note", "Change Note", "Ghi chú thay đổi"),
    ("title_personal_information_form", "Personal Information", "Thông tin cá nhân"),
    ("narrow_search_options", "Filter", "Lọc kết quả"),
    ("sort_by", "Sort by", "Sắp xếp theo"),
    # the toolbar's pin buttons, its actions, the search link (issue 18)
    ("Pin", "Pin", "Ghim thanh công cụ"),
    ("Unpin", "Unpin", "Bỏ ghim thanh công cụ"),
    ("URL Management", "URL Management", "Quản lý địa chỉ URL"),
    ("title_search_this_site", "Search this site", "Tìm kiếm trong hệ thống"),
    ("title_change_portlets", "Change the portlets of this item", "Thay đổi các khối phụ"),
    # a file field in an edit form, and the kind of a file beside its name
    ("file_keep", "Keep existing file", "Giữ tệp hiện có"),
    ("file_replace", "Replace with new file", "Thay bằng tệp mới"),
    ("PDF document", "PDF document", "Tài liệu PDF"),
    ("Zip archive", "Zip archive", "Tệp nén ZIP"),
])
def test_plones_own_staff_messages_in_vietnamese(portal, msgid, default, expected):
    """Messages of Plone's own pages that plone.app.locales leaves in
    English, as staff meet them (issue 16): ours win over the empty ones."""
    from zope.i18n import translate
    from zope.i18nmessageid import Message

    text = translate(Message(msgid, domain="plone", default=default), target_language="vi")
    assert expected in text and default not in text


def test_making_plone_po_again_keeps_its_hand_written_part():
    """scripts/i18n_vi.py makes plone.po's workflow titles from the
    catalogue; the Vietnamese of Plone's own untranslated messages, written
    by hand below them, survives (it was dropped before)."""
    from i18n_vi import HAND_WRITTEN
    from i18n_vi import plone_po_text
    from i18n_vi import PO

    current = (PO.parent / "plone.po").read_text(encoding="utf-8")
    assert HAND_WRITTEN in current
    assert plone_po_text(read_po(PO), current) == current
    assert 'msgid "statusmessage_mtype_info"' in plone_po_text(read_po(PO), current)
    assert HAND_WRITTEN not in plone_po_text(read_po(PO), "")
