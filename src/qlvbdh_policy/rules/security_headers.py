"""The HTTP headers every answer of the site carries (issue 14: responses
carry nosniff, a Content-Security-Policy, a Referrer-Policy and frame
protection).

- ``X-Content-Type-Options: nosniff``: a browser takes a file for what its
  Content-Type says, never for what its bytes look like (an uploaded
  attachment is not run as a script or page).
- ``Content-Security-Policy``: scripts only from the site itself (no inline
  script, nothing from another origin), no plugins, no <base> elsewhere,
  frames only from the site, and ``frame-ancestors 'self'``:
  no other site frames these pages (clickjacking). Styles may be inline:
  Plone Classic's pages and TinyMCE write ``style`` attributes; images and
  fonts may be data: URIs (Plone's icons, TinyMCE's skin). The tightest
  policy under which the login page, a document, the add form with TinyMCE
  and its date fields, a register book and the search page run in Chromium
  with no violation (tests/security/test_security_headers.py).
  ``'unsafe-eval'`` is the one allowance for scripts, and it cannot be
  avoided while Plone Classic's pattern library is what it is: mockup
  compiles its underscore templates with ``new Function`` for every
  pat-plone-modal (the login pop-up, the toolbar's delete, rename and
  workflow dialogs) and for the folder contents page (measured in
  Chromium; upstream: plone/mockup#1306, open). Inline scripts, injected
  ``<script>`` elements, ``on*=`` attributes and scripts from other
  origins stay refused: an HTML injection still runs nothing.
- ``Referrer-Policy: strict-origin-when-cross-origin``: a link out of the
  site tells the other site the host only, never a document's address
  (which names the agency, the register and the document's title).
- ``X-Frame-Options: SAMEORIGIN``: frame protection for browsers that do
  not read frame-ancestors (plone.protect sets the same on HTML pages,
  from PLONE_X_FRAME_OPTIONS).
"""

CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("frame-ancestors", "'self'"),
)
CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES)

HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "SAMEORIGIN"),
)


def missing(present):
    """The (name, value) pairs of HEADERS whose name is not in ``present``
    (names compared case-insensitively): an answer that set its own keeps
    it."""
    have = {name.lower() for name in present}
    return [(name, value) for name, value in HEADERS if name.lower() not in have]


# A PDF shown in the browser (the document's file in its frame, issue 16):
# Chromium draws it with its PDF viewer, a plugin the site's ``object-src
# 'none'`` would refuse inside the PDF's own answer. That answer runs no
# script of the site and loads nothing, so it gets its own policy: nothing
# but the file itself as an embedded object, framed by the site only.
PDF_CSP_DIRECTIVES = (
    ("default-src", "'none'"),
    ("object-src", "'self'"),
    ("style-src", "'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
    ("frame-ancestors", "'self'"),
)
PDF_CONTENT_SECURITY_POLICY = "; ".join(f"{n} {v}" for n, v in PDF_CSP_DIRECTIVES)
