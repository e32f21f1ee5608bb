"""Which writes through the REST API a forged page could have sent.

plone.restapi services are not guarded by plone.protect's form
authenticator: they expect an ``Authorization`` header, which no other
page can make a browser send. But a person signed in through the login
form carries the session cookie (``__ac``, SameSite=Lax), and a browser
sends it with any request from the same *site*: every agency host
``<abbr>.vpdtg.vn`` is the same site as every other (Quy chế 03/2014,
Điều 6.1), so a page on one agency's host can post into another's
registers with the victim's session. What such a page can send without
the server's consent (no CORS preflight) is an HTML form or a ``no-cors``
fetch: a body of ``text/plain``, ``application/x-www-form-urlencoded`` or
``multipart/form-data``, or none, and always an ``Origin`` header naming
the page's own origin.

So a cookie-signed write (POST, PUT, PATCH, DELETE without an
``Authorization`` header) is refused when it comes from another origin
(``Origin``, or ``Sec-Fetch-Site`` where the browser sends it), or when
it carries a body that is not JSON. The agency's own pages send JSON
from their own origin; scripts use basic auth or a token.

Pure: no Zope import.
"""

from collections import namedtuple
from qlvbdh_policy import _
from urllib.parse import urlsplit

ForgeryRefusal = namedtuple("ForgeryRefusal", "reason field status msgid mapping")

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
OWN_SITE_FETCH = frozenset({"same-origin", "none"})  # "none": the user typed it
DEFAULT_PORTS = {"http": 80, "https": 443}

NOT_JSON = "not-json"
CROSS_ORIGIN = "cross-origin"

MSG_NOT_JSON = _(
    "A request signed in by the browser's session may write only with a JSON body "
    "(Content-Type: application/json); this one sent ${content_type}. It was refused "
    "and nothing was stored."
)
MSG_CROSS_ORIGIN = _(
    "This request comes from another page (${origin}), not from this agency's own "
    "pages. It was refused and nothing was stored."
)


def is_json(content_type):
    """``application/json`` or a ``+json`` type, parameters aside."""
    media = (content_type or "").split(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json"))


def origin_key(url):
    """(scheme, host, port) of an origin or URL; None when it is not one."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower().rstrip("."), port or DEFAULT_PORTS[scheme]


def api_write_refusal(method, content_type, origin, fetch_site, own_origin, header_auth):
    """A ForgeryRefusal for a write a forged page could have sent, else None.

    ``own_origin``: the scheme, host and port the client addressed (the
    agency's host as the browser sees it); ``header_auth``: the request
    carries an ``Authorization`` header (basic auth, a bearer token).
    """
    method = (method or "").upper()
    if method not in WRITES or header_auth:
        return None
    if origin is not None and origin.strip():
        if origin.strip() == "null" or origin_key(origin) is None \
                or origin_key(origin) != origin_key(own_origin):
            return ForgeryRefusal(CROSS_ORIGIN, "Origin", 403, MSG_CROSS_ORIGIN,
                                  {"origin": origin.strip()})
    if fetch_site and fetch_site.strip().lower() not in OWN_SITE_FETCH:
        return ForgeryRefusal(CROSS_ORIGIN, "Origin", 403, MSG_CROSS_ORIGIN,
                              {"origin": fetch_site.strip().lower()})
    if (method in WITH_BODY or content_type) and not is_json(content_type):
        return ForgeryRefusal(NOT_JSON, "Content-Type", 415, MSG_NOT_JSON,
                              {"content_type": (content_type or "").split(";")[0].strip()
                               or "—"})
    return None
