"""Headless Debian Chromium driven by Playwright (no browser download)."""

from contextlib import contextmanager

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
