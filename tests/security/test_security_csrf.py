"""Forged requests (issue 14, cross-site request forgery).

A real Chromium logs a clerk in on the agency's host, served by Debian's
nginx in front of the WSGI server layer under the production base domain
(`vpdtg.vn`, mapped to this machine's loopback inside Chromium only), then
opens an attacker's page that posts into the clerk's register: once from
another site, once from a sibling agency's host — `ubndcb.vpdtg.vn` is the
same *site* as `sttt.vpdtg.vn`, so the browser sends the clerk's SameSite=Lax
session cookie with it. Nothing may be stored and no number taken. The
legitimate paths (the form with its authenticator, a JSON request from the
agency's own pages, basic auth) keep working."""

from browser import CHROMIUM
from browser import CHROMIUM_ARGS
from html import escape
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from nginx_proxy import free_port
from nginx_proxy import running_nginx
from plone import api
from qlvbdh_policy.agencies.vhosting import nginx_config
from qlvbdh_policy.rules.forgery import api_write_refusal
from qlvbdh_policy.rules.forgery import CROSS_ORIGIN
from qlvbdh_policy.rules.forgery import NOT_JSON
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import json
import pytest
import requests
import threading
import time
import transaction

BASE = "vpdtg.vn"
OWN = "https://sttt.vpdtg.vn"


# -- the rule ------------------------------------------------------------------

@pytest.mark.parametrize("method, content_type, origin, fetch_site, header_auth, expected", [
    # reads are never refused
    ("GET", None, "http://evil.example", "cross-site", False, None),
    ("HEAD", None, None, None, False, None),
    # the agency's own pages: JSON, same origin (or no Origin: a script)
    ("POST", "application/json", OWN, "same-origin", False, None),
    ("POST", "application/json; charset=utf-8", OWN, None, False, None),
    ("PATCH", "application/merge-patch+json", None, None, False, None),
    ("POST", "application/json", "https://sttt.vpdtg.vn:443", None, False, None),
    ("DELETE", None, OWN, None, False, None),
    ("DELETE", "application/json", None, None, False, None),
    # what a cross-site HTML form or a no-cors fetch can send
    ("POST", "text/plain", None, None, False, NOT_JSON),
    ("POST", "text/plain;charset=UTF-8", OWN, None, False, NOT_JSON),
    ("POST", "application/x-www-form-urlencoded", None, None, False, NOT_JSON),
    ("POST", "multipart/form-data; boundary=x", None, None, False, NOT_JSON),
    ("POST", None, None, None, False, NOT_JSON),
    ("PUT", "", None, None, False, NOT_JSON),
    ("DELETE", "text/plain", None, None, False, NOT_JSON),
    ("POST", "application/jsonp", None, None, False, NOT_JSON),
    # another origin: a sibling agency (same site), another site, a sandbox
    ("POST", "application/json", "https://ubndcb.vpdtg.vn", None, False, CROSS_ORIGIN),
    ("POST", "application/json", "http://sttt.vpdtg.vn", None, False, CROSS_ORIGIN),
    ("POST", "application/json", "https://sttt.vpdtg.vn:8443", None, False, CROSS_ORIGIN),
    ("POST", "application/json", "http://evil.example", None, False, CROSS_ORIGIN),
    ("POST", "application/json", "null", None, False, CROSS_ORIGIN),
    ("DELETE", None, "https://ubndcb.vpdtg.vn", None, False, CROSS_ORIGIN),
    ("POST", "application/json", None, "same-site", False, CROSS_ORIGIN),
    ("POST", "application/json", None, "cross-site", False, CROSS_ORIGIN),
    ("POST", "application/json", None, "none", False, None),
    # an Authorization header (basic, bearer) is not sent by a forged page
    ("POST", "text/plain", "http://evil.example", "cross-site", True, None),
])
def test_api_write_rule(method, content_type, origin, fetch_site, header_auth, expected):
    refusal = api_write_refusal(method, content_type, origin, fetch_site, OWN, header_auth)
    assert (refusal.reason if refusal else None) == expected


# -- the site behind nginx, an attacker's server, Chromium -------------------

@pytest.fixture
def site(server, tmp_path):
    """nginx in front of the WSGI server layer, serving <abbr>.vpdtg.vn."""
    portal = server["portal"]
    make_province(portal)
    app = server["app"]
    if "virtual_hosting" not in app.objectIds():
        from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster
        manage_addVirtualHostMonster(app)
    transaction.commit()
    port = free_port()
    body = nginx_config(BASE, "plone", f"127.0.0.1:{server['port']}", listen=f"127.0.0.1:{port}")
    with running_nginx(tmp_path, body, port):
        yield {"portal": portal, "port": port, "sttt": f"http://sttt.{BASE}:{port}",
               "ubndcb": f"http://ubndcb.{BASE}:{port}"}


class Attacker:
    """A plain HTTP server on loopback that serves the attacker's pages."""

    def __init__(self):
        pages = self.pages = {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = pages.get(self.path.split("?")[0], "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def attacker():
    evil = Attacker()
    yield evil
    evil.close()


def chromium(playwright):
    # vpdtg.vn and its subdomains resolve to loopback inside this browser only
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP *.{BASE} 127.0.0.1, MAP {BASE} 127.0.0.1",
              "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable"])


def log_in(page, agency_url, user="vta"):
    page.goto(f"{agency_url}/login")
    page.locator("#__ac_name").fill(user)
    page.locator("#__ac_password").fill(PASSWORD)
    page.locator("#__ac_password").press("Enter")
    page.wait_for_load_state("networkidle")
    assert any(c["name"] == "__ac" for c in page.context.cookies())


def real_form_fields(page, agency_url, title):
    """What the clerk's own add form would post, less its authenticator:
    all an attacker can know."""
    page.goto(f"{agency_url}/den-2026/++add++IncomingDocument")
    page.fill("#form-widgets-sender_name", "UBND tỉnh Tiền Giang")
    page.fill("#form-widgets-code_number", "45")
    page.fill("#form-widgets-code_notation", "UBND-VP")
    page.fill("#form-widgets-doc_date", "2026-11-20")
    page.select_option("#form-widgets-doc_type", "cong_van")
    page.fill("#form-widgets-title", title)
    fields = page.evaluate("""() => Array.from(new FormData(document.querySelector('#form')))
        .filter(([k, v]) => typeof v === 'string' && k !== '_authenticator')""")
    assert any(k == "form.widgets.title" for k, _v in fields)
    return [*fields, ["form.buttons.save", "Lưu"]]


def form_page(action, fields, enctype="multipart/form-data"):
    inputs = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
                     for k, v in fields)
    return (f'<html><body><form id="f" method="post" enctype="{enctype}" '
            f'action="{escape(action)}">{inputs}</form>'
            '<script>document.getElementById("f").submit()</script></body></html>')


def text_plain_page(action, payload):
    """The classic trick: a text/plain form whose one field spells JSON."""
    text = json.dumps(payload)[:-1] + ', "x": "'
    return form_page(action, [(text, '"}')], enctype="text/plain")


def navigate_page(url):
    return f'<html><body><script>location.href = {json.dumps(url)}</script></body></html>'


def fetch_page(url, body):
    return ("<html><body><script>fetch(" + json.dumps(url) + ", {method: 'POST', "
            "mode: 'no-cors', credentials: 'include', headers: {'Accept': 'application/json', "
            "'Content-Type': 'text/plain'}, body: " + json.dumps(body) + "})"
            ".finally(() => { document.title = 'sent' })</script></body></html>")


def attack(page, url, target):
    """Open the attacker's page; the answers the site gave to ``target``."""
    answers = []

    def keep(response):
        if response.url.split("?")[0] == target:
            answers.append(response)

    page.on("response", keep)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    time.sleep(0.5)
    page.remove_listener("response", keep)
    return answers


def refused(answers):
    """Each answer refuses: 401/403/415, or a redirect to the login form."""
    assert answers, "the attacker's request never reached the site"
    for r in answers:
        location = r.headers.get("location", "")
        assert r.status in (401, 403, 415) or (r.status in (301, 302) and "login" in location), (
            r.url, r.status, location)


def stored(portal):
    transaction.begin()
    docs = api.content.find(portal_type="IncomingDocument", unrestricted=True)
    register = portal["sttt"]["den-2026"]
    state = api.content.get_state(register)
    return len(docs), state


def next_number(site):
    """Register one document the legitimate way: the number it gets."""
    answer = requests.post(f"http://127.0.0.1:{site['port']}/den-2026",
                           headers={"Host": site["sttt"].removeprefix("http://"),
                                    "Accept": "application/json",
                                    "Content-Type": "application/json"},
                           auth=("vta", PASSWORD), timeout=60, json={
                               "@type": "IncomingDocument", "title": "Công văn thật",
                               "sender_name": "Sở Nội vụ", "code_number": "7",
                               "code_notation": "SNV-VP", "doc_date": "2026-11-20",
                               "doc_type": "cong_van"})
    assert answer.status_code == 201, answer.text
    return answer.json()["arrival_number"]


def run_attacks(site, attacker, attacker_origin, artifacts, name):
    from playwright.sync_api import sync_playwright

    sttt = site["sttt"]
    add = f"{sttt}/den-2026/++add++IncomingDocument"
    with sync_playwright() as p:
        browser = chromium(p)
        try:
            page = browser.new_page(locale="vi-VN")
            log_in(page, sttt)
            fields = real_form_fields(page, sttt, "Văn bản giả mạo")
            query = "&".join(f"{requests.utils.quote(k)}={requests.utils.quote(v)}"
                             for k, v in fields)
            attacker.pages.update({
                "/form.html": form_page(add, fields),
                "/get.html": navigate_page(f"{add}?{query}"),
                "/api.html": text_plain_page(f"{sttt}/++api++/den-2026", {
                    "@type": "IncomingDocument", "title": "Văn bản giả mạo qua API",
                    "sender_name": "Kẻ gian", "code_number": "66", "code_notation": "X-Y",
                    "doc_date": "2026-11-20", "doc_type": "cong_van"}),
                "/fetch.html": fetch_page(f"{sttt}/den-2026", json.dumps({
                    "@type": "IncomingDocument", "title": "Văn bản giả mạo qua fetch",
                    "sender_name": "Kẻ gian", "code_number": "67", "code_notation": "X-Y",
                    "doc_date": "2026-11-20", "doc_type": "cong_van"})),
                "/close.html": fetch_page(f"{sttt}/den-2026/@workflow/close", ""),
            })
            seen = {}
            for path, target in (("/form.html", add), ("/get.html", add),
                                 ("/api.html", f"{sttt}/++api++/den-2026"),
                                 ("/fetch.html", f"{sttt}/den-2026"),
                                 ("/close.html", f"{sttt}/den-2026/@workflow/close")):
                seen[path] = attack(page, f"{attacker_origin}{path}", target)
                seen[path + " page"] = page.locator("body").inner_text()
                page.screenshot(path=str(artifacts / f"csrf-{name}-{path[1:-5]}.png"))
        finally:
            browser.close()
    return seen


def test_cross_site_page_stores_nothing(site, attacker, artifacts):
    seen = run_attacks(site, attacker, f"http://127.0.0.1:{attacker.port}", artifacts,
                       "cross-site")
    assert stored(site["portal"]) == (0, "open")
    for path in ("/form.html", "/get.html", "/api.html"):
        refused(seen[path])
    # the link the browser follows with the session cookie: refused, and said so
    assert "Không có gì được lưu" in seen["/get.html page"]
    assert next_number(site) == 1


def test_sibling_agency_host_page_stores_nothing(site, attacker, artifacts):
    seen = run_attacks(site, attacker, f"http://ubndcb.{BASE}:{attacker.port}", artifacts,
                       "sibling")
    assert stored(site["portal"]) == (0, "open")
    for path in ("/form.html", "/get.html", "/api.html", "/fetch.html", "/close.html"):
        refused(seen[path])
    # the clerk is told why, in Vietnamese
    for path in ("/form.html", "/get.html"):
        assert "Không có gì được lưu" in seen[path + " page"]
    assert "trang khác" in seen["/api.html page"]
    assert next_number(site) == 1


# -- the legitimate paths over plain HTTP --------------------------------------

def test_own_pages_and_scripts_still_write(site):
    port, sttt = site["port"], site["sttt"]
    host = sttt.removeprefix("http://")
    session = requests.Session()
    done = session.post(f"http://127.0.0.1:{port}/login", headers={"Host": host},
                        data={"__ac_name": "vta", "__ac_password": PASSWORD,
                              "buttons.login": "login", "came_from": f"{sttt}/den-2026"},
                        allow_redirects=False, timeout=60)
    assert done.status_code == 302 and session.cookies.get("__ac")

    def post(headers, auth=None, **kw):
        return session.post(f"http://127.0.0.1:{port}/den-2026", auth=auth, timeout=60,
                            allow_redirects=False,
                            headers={"Host": host, "Accept": "application/json", **headers}, **kw)

    def document(n):
        return {"@type": "IncomingDocument", "title": f"Công văn số {n}",
                "sender_name": "Sở Nội vụ", "code_number": str(n), "code_notation": "SNV-VP",
                "doc_date": "2026-11-20", "doc_type": "cong_van"}

    # the agency's own page, signed in by its cookie: JSON with its Origin
    own = post({"Origin": sttt}, json=document(1))
    assert own.status_code == 201, own.text
    assert own.json()["arrival_number"] == 1
    # a script with basic auth, whatever it sends
    scripted = requests.post(f"http://127.0.0.1:{port}/den-2026", auth=("vta", PASSWORD),
                             headers={"Host": host, "Accept": "application/json",
                                      "Content-Type": "application/json"},
                             data=json.dumps(document(2)), timeout=60)
    assert scripted.status_code == 201 and scripted.json()["arrival_number"] == 2
    # the same cookie from a sibling agency's origin, or as text/plain: refused
    sibling = post({"Origin": site["ubndcb"]}, json=document(3))
    assert sibling.status_code == 403
    error = sibling.json()
    assert "trang khác" in error["message"] and error["errors"][0]["field"] == "Origin"
    plain = post({"Content-Type": "text/plain"}, data=json.dumps(document(4)))
    assert plain.status_code == 415
    assert "nội dung JSON" in plain.json()["message"]
    assert "không có gì được lưu" in plain.json()["message"]
    assert plain.json()["errors"][0]["field"] == "Content-Type"
    transaction.begin()
    numbers = sorted(b.arrival_number for b in api.content.find(
        portal_type="IncomingDocument", unrestricted=True))
    assert numbers == [1, 2]
