"""Headless Debian Chromium driven by Playwright (no browser download)."""

from contextlib import contextmanager
from nginx_proxy import nginx  # noqa: F401 (fixture)

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=vi-VN",
]


@contextmanager
def chromium_page(width=1280, height=900, args=()):
    """``args``: extra Chromium switches (``--host-resolver-rules=…`` to
    reach agency hosts through a local nginx)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + list(args)
        )
        try:
            page = browser.new_page(
                viewport={"width": width, "height": height},
                locale="vi-VN",
                timezone_id="Asia/Ho_Chi_Minh",
            )
            yield page
        finally:
            browser.close()


def login(page, server_url, user, password):
    page.goto(f"{server_url}/login")
    page.locator("#__ac_name").fill(user)
    page.locator("#__ac_password").fill(password)
    page.locator("#__ac_password").press("Enter")
    page.wait_for_load_state("networkidle")


def record_violations(page):
    """Every CSP violation the page reports, through the DOM event, the
    console and uncaught errors (a refused eval throws)."""
    found = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI"
        " + ' ' + e.sourceFile + ':' + e.lineNumber));")
    page.on("console", lambda m: found.append(m.text) if (
        "CSP-VIOLATION" in m.text or "Content Security Policy" in m.text) else None)
    page.on("pageerror", lambda e: found.append(f"page error: {e}") if (
        "Content Security Policy" in str(e)) else None)
    return found
