"""The user guide inside the site (issue 16; Quy chế Điều 10.2): one page per
role walking the shots of ``guide.shots.SHOTS`` with the screenshots the
browser test saves, a public index with the login help, the images served
on the agency hosts, and a “Hướng dẫn sử dụng” link on every page."""

from domain_fixtures import incoming
from nginx_proxy import BASE
from nginx_proxy import free_port
from nginx_proxy import get
from nginx_proxy import running_nginx
from pathlib import Path
from qlvbdh_policy.agencies.vhosting import nginx_config
from qlvbdh_policy.guide import shots
from qlvbdh_policy.guide import text
from qlvbdh_policy.guide.views import ui_labels
from qlvbdh_policy.rules.guide import guide_role
from qlvbdh_policy.rules.guide import image_names
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import html
import pytest
import requests
import struct
import sys
import transaction
import zlib

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from i18n_extract import msgids  # noqa: E402
from i18n_vi import read_po  # noqa: E402

GUIDE_LINK = "Hướng dẫn sử dụng"
PLACEHOLDER = "Ảnh minh hoạ chưa có"
# the people of routing_fixtures and the guide each one gets
READERS = {"vta": "van-thu", "lda": "lanh-dao", "xla": "chuyen-vien", "qta": "quan-tri",
           "giamsat": "giam-sat"}


def png(width, height=20):
    """A real PNG of one colour."""
    raw = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# -- the guide's rules and prose ---------------------------------------------

@pytest.mark.parametrize("groups, roles, expected", [
    (["sttt-clerks", "sttt-staff", "AuthenticatedUsers"], ["Member"], "van-thu"),
    (["sttt-leaders"], [], "lanh-dao"),
    (["sttt-vp", "sttt-staff"], [], "chuyen-vien"),
    (["sttt-vp-heads", "sttt-vp", "sttt-staff"], [], "chuyen-vien"),
    (["sttt-admins", "sttt-staff"], [], "quan-tri"),
    (["province-oversight"], [], "giam-sat"),
    ([], ["Oversight", "Member"], "giam-sat"),
    (["ubndcb-leaders", "ubndcb-staff"], [], "lanh-dao"),
    ([], ["Manager"], "quan-tri-he-thong"),
    (["sttt-staff"], ["Manager", "Member"], "quan-tri-he-thong"),
    # no "Manage portal", so not the screens the site manager's page explains
    (["sttt-staff"], ["Site Administrator", "Member"], "chuyen-vien"),
    (["clerks"], [], None),  # not an agency's group
    ((), (), None),
])
def test_the_guide_of_a_reader(groups, roles, expected):
    assert guide_role(groups, roles) == expected


def test_every_shot_has_its_prose_and_nothing_else_has():
    keys = {(role, step) for role, step, _caption in shots.SHOTS}
    assert set(text.STEPS) == keys
    assert all(text.STEPS[key] for key in keys)
    assert set(text.ROLE_INTROS) == set(shots.ROLES)
    assert set(text.STEP_PAGES) <= keys
    assert {role for role, _step, _caption in shots.SHOTS} <= set(shots.ROLES)


def test_the_prose_names_only_labels_the_interface_has():
    """A ``[[msgid]]`` of the prose is a label some page still shows, with
    its Vietnamese: a renamed or removed button fails here."""
    current = set(msgids())
    vi = read_po(ROOT / "src/qlvbdh_policy/locales/vi/LC_MESSAGES/qlvbdh_policy.po")
    paragraphs = [p for ps in text.STEPS.values() for p in ps] + list(text.INTRO) + [
        answer for _q, answer in text.FAQ]
    named = {label for p in paragraphs for label in ui_labels(p)}
    assert {"Submit to the leader", "Assign", "Issue", "Accept into a register",
            "Register a document"} <= named
    assert named <= current, sorted(named - current)
    assert all(vi.get(label) for label in named)


def test_image_names_are_the_shots_only():
    names = image_names(shots.SHOTS, shots.viewports_of, shots.screenshot_name)
    assert len(names) == len(shots.DAY_SHOTS) * len(shots.WIDTHS) + len(shots.SITE_SHOTS)
    assert names["van-thu-vao-so-phone.png"] == ("van-thu", "vao-so", "phone")
    # the site manager's shots: the ZMI at a desk, no phone
    assert names["quan-tri-he-thong-y-nghia-desktop.png"] == (
        "quan-tri-he-thong", "y-nghia", "desktop")
    assert "quan-tri-he-thong-y-nghia-phone.png" not in names
    assert all(name.endswith(".png") and "/" not in name for name in names)


# -- the pages -------------------------------------------------------------

@pytest.fixture
def screenshots(monkeypatch, tmp_path):
    """The screenshot folder the guide reads, with the desktop and phone
    shots of every role's second step and the login shots; every other shot
    is missing. Whatever the day-walk test saved stays untouched."""
    monkeypatch.setattr(shots, "SCREENSHOTS", tmp_path)
    present = set()
    for role in shots.ROLES:
        steps = [step for step, _caption in shots.shots_of(role)]
        chosen = steps[1] if len(steps) > 1 else steps[0]
        present.add((role, chosen))
    present |= {(role, step) for role, step, _c in shots.SHOTS if step == "dang-nhap"}
    for role, step in present:
        shots.screenshot_path(role, step, "desktop").write_bytes(png(1600))
        shots.screenshot_path(role, step, "phone").write_bytes(png(390))
    return present


def fetch(url, user=None, **kw):
    auth = (user, PASSWORD) if user else None
    return requests.get(url, auth=auth, timeout=60, allow_redirects=False, **kw)


def test_each_reader_gets_the_guide_of_his_role(server, server_url, screenshots):
    portal = server["portal"]
    make_province(portal)
    transaction.commit()
    agency_url = f"{server_url}/sttt"
    for user, role in READERS.items():
        base = server_url if role == "giam-sat" else agency_url
        index = fetch(f"{base}/@@huong-dan", user)
        assert index.status_code == 200, user
        # the reader's own guide is named first, and each role has its card
        mine = index.text.split('class="alert alert-primary qlvbdh-guide-mine"', 1)[1][:400]
        assert f"{base}/@@huong-dan/{role}" in mine
        assert all(f'id="role-{r}"' in index.text for r in shots.ROLES if r != shots.SITE_MANAGER)
        # the site manager's guide is his: neither shown nor given to others
        assert f'id="role-{shots.SITE_MANAGER}"' not in index.text
        refused = fetch(f"{base}/@@huong-dan/{shots.SITE_MANAGER}", user)
        assert refused.status_code != 200 and "Variables" not in refused.text, user

        page = fetch(f"{base}/@@huong-dan/{role}", user)
        assert page.status_code == 200, (user, role)
        body = html.unescape(page.text)
        assert shots.ROLES[role] in body.split("<h1", 1)[1].split("</h1>", 1)[0]
        for number, (step, caption) in enumerate(shots.shots_of(role), start=1):
            section = body.split(f'id="{role}-{step}"', 1)[1].split("</section>", 1)[0]
            assert caption in section and f"Bước {number}" in section
            image = f"{base}/@@huong-dan/anh/{shots.screenshot_name(role, step)}"
            phone = f"{base}/@@huong-dan/anh/{shots.screenshot_name(role, step, 'phone')}"
            if (role, step) in screenshots:
                assert f'src="{image}"' in section and f'href="{phone}"' in section
                assert PLACEHOLDER not in section
            else:
                assert PLACEHOLDER in section and "<img" not in section
        # a step's own page, where the guide is read
        if role == "quan-tri":
            assert f'qlvbdh-guide-open" href="{base}/@@accounts"' in body
        if role == "giam-sat":
            assert f'qlvbdh-guide-open" href="{base}/@@usage-statistics"' in body
        # the buttons named as the pages name them
        if role == "van-thu":
            assert '<strong class="qlvbdh-guide-ui">Trình lãnh đạo</strong>' in body
            assert "Điều 3 khoản 2" in body and "Điều 22 khoản 2" in body
    # the footer's link leads each reader to his own role's page
    for user, role in READERS.items():
        base = server_url if role == "giam-sat" else agency_url
        mine = fetch(f"{base}/@@huong-dan/cua-toi", user)
        assert mine.status_code == 302 and mine.headers["Location"] == f"{base}/@@huong-dan/{role}"
    visitor = fetch(f"{agency_url}/@@huong-dan/cua-toi")
    assert visitor.headers["Location"] == f"{agency_url}/@@huong-dan#dang-nhap"
    # another role's page is readable too: the guide hides nothing
    assert fetch(f"{agency_url}/@@huong-dan/lanh-dao", "vta").status_code == 200
    image = fetch(f"{agency_url}/@@huong-dan/anh/{shots.screenshot_name('lanh-dao', 'phan-cong')}",
                  "vta")
    assert image.status_code == 200 and image.headers["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    # a shot not saved yet, a name not of a shot, a path climbing out
    for path in ("anh/lanh-dao-ky-desktop.png", "anh/nothing.png", "anh/van-thu-vao-so.png",
                 "anh", "van-thu/anh", "cua-toi/van-thu", "khong-co"):
        assert fetch(f"{agency_url}/@@huong-dan/{path}", "vta").status_code == 404, path


def test_visitors_read_the_login_help_and_are_sent_to_log_in_for_the_rest(
        server, server_url, screenshots):
    portal = server["portal"]
    a, _b = make_province(portal)
    doc = incoming(a["den-2026"], title="Công văn về việc dùng thử hướng dẫn sử dụng")
    transaction.commit()
    agency_url = f"{server_url}/sttt"
    index = fetch(f"{agency_url}/@@huong-dan")
    assert index.status_code == 200
    login = index.text.split('id="dang-nhap"', 1)[1].split("</section>", 1)[0]
    assert "Đăng nhập trên tên miền của đơn vị" in login
    assert f"{agency_url}/@@huong-dan/anh/van-thu-dang-nhap-desktop.png" in login
    assert f'href="{agency_url}/login"' in login
    assert "Điều 6 khoản 2" in login  # the account names' rule
    assert "qlvbdh-guide-mine" not in index.text
    role = fetch(f"{agency_url}/@@huong-dan/van-thu")
    assert role.status_code == 302 and "require_login" in role.headers["Location"]
    public = fetch(f"{agency_url}/@@huong-dan/anh/van-thu-dang-nhap-desktop.png")
    assert public.status_code == 200 and public.headers["Content-Type"] == "image/png"
    private = fetch(f"{agency_url}/@@huong-dan/anh/van-thu-trang-chu-desktop.png")
    assert private.status_code == 302 and "require_login" in private.headers["Location"]
    # the help link on a document's page, in the footer of every page
    page = fetch(doc.absolute_url().replace(portal.absolute_url(), server_url), "vta")
    assert page.status_code == 200
    footer = page.text.split('id="portal-footer-wrapper"', 1)[1]
    assert f'href="{agency_url}/@@huong-dan/cua-toi"' in footer and GUIDE_LINK in footer
    # the support contact the footer shows, on the guide too
    from plone import api
    api.portal.set_registry_record("plone.email_from_name", "Trung tâm CNTT-TT Tiền Giang")
    api.portal.set_registry_record("plone.email_from_address", "hotro@vpdtg.vn")
    transaction.commit()
    support = fetch(f"{agency_url}/@@huong-dan").text.split('id="ho-tro"', 1)[1]
    assert "Trung tâm CNTT-TT Tiền Giang" in support and "mailto:hotro@vpdtg.vn" in support
    assert "Điều 10 khoản 2" in support


@pytest.fixture
def nginx(server, tmp_path):
    """nginx with the generated configuration in front of the server layer
    (as test_agency_hosts: its own folder, not the screenshots')."""
    make_province(server["portal"])
    app = server["app"]
    if "virtual_hosting" not in app.objectIds():
        from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster
        manage_addVirtualHostMonster(app)
    transaction.commit()
    port = free_port()
    body = nginx_config(BASE, "plone", f"127.0.0.1:{server['port']}", listen=f"127.0.0.1:{port}")
    folder = tmp_path / "nginx"
    folder.mkdir()
    with running_nginx(folder, body, port):
        yield port


def test_the_guide_on_an_agency_host(nginx, screenshots):
    """Through nginx as in production: the login page of the agency's host
    links to the guide, whose pages and images answer on that host; at a
    phone's width the link is visible and the guide does not scroll
    sideways, whatever the width of its screenshots."""
    from browser import chromium_page

    port = nginx
    host = f"sttt.{BASE}:{port}"
    login = get(port, host, "/login")
    assert login.status_code == 200
    assert f'href="http://{host}/@@huong-dan/cua-toi"' in login.text and GUIDE_LINK in login.text
    index = get(port, host, "/@@huong-dan")
    assert index.status_code == 200
    image_url = f"http://{host}/@@huong-dan/anh/van-thu-dang-nhap-desktop.png"
    assert f'src="{image_url}"' in index.text
    image = get(port, host, "/@@huong-dan/anh/van-thu-dang-nhap-desktop.png")
    assert image.status_code == 200 and image.headers["Content-Type"] == "image/png"
    step = get(port, host, "/@@huong-dan/anh/van-thu-trang-chu-desktop.png", auth=("vta", PASSWORD))
    assert step.status_code == 200 and step.content.startswith(b"\x89PNG")
    page = get(port, host, "/@@huong-dan/van-thu", auth=("vta", PASSWORD))
    assert page.status_code == 200
    assert f'src="http://{host}/@@huong-dan/anh/van-thu-trang-chu-desktop.png"' in page.text

    wider = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    resolver = f"--host-resolver-rules=MAP *.{BASE} 127.0.0.1"
    with chromium_page(width=390, height=844, args=[resolver]) as browser:
        browser.goto(f"http://{host}/login")
        link = browser.locator(".action-item-user_guide a")
        assert link.is_visible() and link.inner_text().strip() == GUIDE_LINK
        link.click()
        browser.wait_for_load_state("networkidle")
        assert browser.url == f"http://{host}/@@huong-dan#dang-nhap"
        assert browser.locator("h1").inner_text().strip() == GUIDE_LINK
        shot = browser.locator("#dang-nhap img").first
        assert shot.evaluate("img => img.complete && img.naturalWidth") == 1600
        offenders = browser.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            .slice(0, 10)""")
        assert not browser.evaluate(wider), f"the guide is wider than the phone: {offenders}"
