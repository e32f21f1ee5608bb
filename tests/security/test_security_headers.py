"""Every answer carries nosniff, a Content-Security-Policy, a
Referrer-Policy and frame protection (issue 14), and Plone's own pages run
under that policy in Chromium with no violation."""

from browser import chromium_page
from browser import login
from browser import record_violations
from domain_fixtures import incoming
from nginx_proxy import nginx  # noqa: F401 (fixture)
from plone.app.testing import login as zlogin
from qlvbdh_policy.agencies.hosts import AgencyHosts
from qlvbdh_policy.rules import security_headers
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import pytest
import requests
import transaction

EXPECTED = dict(security_headers.HEADERS)


def assert_protected(response):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (name, response.url, response.status_code)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp and "script-src 'self'" in csp
    # scripts from the site only: never inline, never from elsewhere; eval
    # only because Plone's pattern library needs it (rules.security_headers)
    assert "script-src 'self' 'unsafe-eval';" in csp and "unsafe-inline' " not in csp.split(
        "style-src")[0]


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    a, _ = make_province(portal)
    zlogin(portal, "vta")
    doc = incoming(a["den-2026"], title="Công văn về việc rà soát hạ tầng mạng")
    transaction.commit()
    return server_url, doc.absolute_url().replace(portal.absolute_url(), server_url)


def test_headers_on_every_kind_of_answer(site):
    base, doc = site
    clerk = ("vta", PASSWORD)
    answers = [
        requests.get(f"{base}/login", timeout=60),  # the login page, anonymous
        requests.get(doc, auth=clerk, timeout=60),  # a page
        requests.get(doc, auth=clerk, headers={"Accept": "application/json"}, timeout=60),
        requests.post(f"{base}/sttt/den-2026", data=b"[1]", auth=clerk, timeout=60,
                      headers={"Accept": "application/json",
                               "Content-Type": "application/json"}),  # a REST error
        requests.get(f"{base}/++plone++static/plone-compiled.css", timeout=60),
        requests.get(f"{base}/++resource++plone-logo.svg", timeout=60),  # a resource
        requests.get(f"{base}/no-such-page", auth=clerk, timeout=60),  # 404
        requests.get(f"{base}/no-such-page", auth=clerk, timeout=60,
                     headers={"Accept": "application/json"}),
        requests.get(doc, timeout=60, allow_redirects=False),  # anonymous: to the login
    ]
    statuses = [r.status_code for r in answers]
    assert statuses[:4] == [200, 200, 200, 400] and statuses[6:8] == [404, 404], statuses
    assert statuses[8] in (302, 401), statuses
    for r in answers:
        assert_protected(r)


def test_unknown_host_answer_of_the_wsgi_filter():
    seen = []

    def start_response(status, headers):
        seen.append((status, dict(headers)))

    hosts = AgencyHosts(lambda e, s: [], "vpdtg.localhost", "qlvbdh")
    hosts({"HTTP_HOST": "a.b.vpdtg.localhost", "PATH_INFO": "/"}, start_response)
    status, headers = seen[0]
    assert status.startswith("404")
    for name, value in EXPECTED.items():
        assert headers[name] == value




def test_plone_pages_run_under_the_policy(site, server, artifacts):
    base, doc = site
    with chromium_page(width=1400, height=1100) as page:
        violations = record_violations(page)
        page.goto(f"{base}/login")
        page.wait_for_load_state("networkidle")
        login(page, base, "vta", PASSWORD)
        visited = []
        for url in (base, doc, f"{base}/sttt/den-2026", f"{base}/sttt/den-2026/++add++IncomingDocument",
                    f"{base}/sttt/@@search-documents?text=123", f"{base}/sttt/den-2026/@@book-print"):
            response = page.goto(url)
            page.wait_for_load_state("networkidle")
            visited.append((url, response.status))
        # the add form's scripts ran: its date field has its pattern's widget
        page.goto(f"{base}/sttt/den-2026/++add++IncomingDocument")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(artifacts / "csp-add-form.png"), full_page=True)
        scripts_ran = page.evaluate("() => !!(window.jQuery || window.requirejs || document.querySelector('[class*=pat-]'))")
        assert all(status == 200 for _, status in visited), visited
        assert scripts_ran
        assert violations == [], violations

        # the listener hears a violation: an inline script is refused
        page.set_content("<p>x</p>")  # about:blank has no policy; use a site page
        page.goto(doc)
        page.wait_for_load_state("networkidle")
        page.evaluate("""() => { const s = document.createElement('script');
                                 s.textContent = 'window.__ran = 1';
                                 document.body.appendChild(s); }""")
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__ran") is None
        assert any("script-src" in v for v in violations), violations


def test_headers_through_nginx_once(nginx):
    """Production: nginx's own answers carry them, and Zope's are not doubled."""
    from nginx_proxy import BASE
    from nginx_proxy import get

    port = nginx
    answers = [get(port, f"unknown.host.example:{port}"),  # nginx's catch-all 404
               get(port, f"sttt.{BASE}:{port}", "/login"),  # the login page on an agency host
               get(port, f"sttt.{BASE}:{port}", "/den-2026", auth=("vta", PASSWORD))]
    assert [r.status_code for r in answers] == [404, 200, 200]
    for r in answers:
        assert_protected(r)
        for name in EXPECTED:
            assert len(r.raw.headers.getlist(name)) == 1, (name, r.raw.headers.getlist(name))


def login_through_the_popup(page, home, user, password):
    """Plone's own flow: the home page's "Đăng nhập" opens the login form
    in a pop-up (pat-plone-modal, which compiles its templates with eval)."""
    page.goto(home)
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Đăng nhập").first.click()
    page.locator("#__ac_name").fill(user, timeout=15000)
    assert page.url.rstrip("/") == home.rstrip("/")  # a pop-up over the home page
    page.locator("#__ac_password").fill(password)
    page.locator("#__ac_password").press("Enter")
    # logged in: the page is drawn again, without the login link
    page.locator("#personaltools-login").wait_for(state="detached", timeout=30000)
    page.wait_for_load_state("networkidle")


def test_login_under_the_policy_on_base_and_agency_hosts(nginx, artifacts):  # noqa: F811
    """The smoke flow, anonymous, through the production nginx: on the base
    domain the home page's pop-up logs in; an agency's host sends an
    anonymous visitor to its login page; logged in, the agency's home and
    a register book run. No violation anywhere."""
    from nginx_proxy import BASE

    port = nginx
    resolve = f"--host-resolver-rules=MAP {BASE} 127.0.0.1,MAP *.{BASE} 127.0.0.1"
    base, agency = f"http://{BASE}:{port}", f"http://sttt.{BASE}:{port}"
    with chromium_page(width=1400, height=1100, args=[resolve]) as page:
        violations = record_violations(page)
        login_through_the_popup(page, f"{base}/", "vta", PASSWORD)
        page.goto(f"{base}/")
        page.wait_for_load_state("networkidle")
        body = page.locator("body").inner_text()
        page.screenshot(path=str(artifacts / "csp-login-popup-base.png"))
        assert "Nguyễn Thị Văn Thư" in body and "Đăng nhập" not in body, body[:500]
        assert violations == [], violations

    with chromium_page(width=1400, height=1100, args=[resolve]) as page:
        violations = record_violations(page)
        page.goto(f"{agency}/")
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(f"{agency}/login"), page.url
        login(page, agency, "vta", PASSWORD)
        for url in (f"{agency}/", f"{agency}/den-2026"):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            assert "Nguyễn Thị Văn Thư" in page.locator("body").inner_text(), url
        assert page.evaluate("() => !!window.jQuery")  # Plone's scripts ran here
        page.screenshot(path=str(artifacts / "csp-agency-host.png"))
        assert violations == [], violations


def test_add_forms_under_the_policy(site, server, artifacts):
    """A clerk's IncomingDocument add form with its date widgets, and the site
    owner's Document add form with TinyMCE: the text typed in the editor is
    saved, and nothing is refused."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    base, doc = site
    with chromium_page(width=1400, height=1400) as page:
        violations = record_violations(page)
        login(page, base, "vta", PASSWORD)
        page.goto(f"{base}/sttt/den-2026/++add++IncomingDocument")
        page.wait_for_load_state("networkidle")
        date = page.locator("#form-widgets-doc_date")
        date.fill("2026-11-20")
        assert date.input_value() == "2026-11-20"
        page.screenshot(path=str(artifacts / "csp-incoming-add-form.png"), full_page=True)
        assert violations == [], violations

    with chromium_page(width=1400, height=1400) as page:
        violations = record_violations(page)
        login(page, base, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        page.goto(f"{base}/++add++Document")
        page.wait_for_load_state("networkidle")
        page.fill("#form-widgets-IDublinCore-title", "Hướng dẫn sử dụng")
        editor = page.frame_locator(".tox-edit-area iframe").locator("body")
        editor.click()
        editor.type("Nội dung soạn bằng TinyMCE")
        page.screenshot(path=str(artifacts / "csp-document-tinymce.png"), full_page=True)
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        assert "Nội dung soạn bằng TinyMCE" in page.locator("#content-core").inner_text()
        assert violations == [], violations

    transaction.begin()
    saved = server["portal"]["huong-dan-su-dung"]
    assert "Nội dung soạn bằng TinyMCE" in saved.text.raw
