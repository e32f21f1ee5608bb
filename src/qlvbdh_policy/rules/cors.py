"""Which web apps of the province may call the REST API from a browser
(CORS, plone.rest's policy): ``CORS_ORIGINS`` names them, e.g.
``https://app.tiengiang.gov.vn https://mobile.tiengiang.gov.vn``.

Each origin is a scheme, a host and an optional port, nothing else (the
browser compares exactly that). ``*`` is refused: the API is called with
the official's credentials, and a wildcard would let any site read what
an official's browser may read. Nothing given: no policy, no cross-origin
call (the default).
"""

from urllib.parse import urlsplit

import re

METHODS = "DELETE,GET,OPTIONS,PATCH,POST,PUT"
HEADERS = "Accept,Authorization,Content-Type,Lock-Token"
EXPOSE = "Content-Length,Content-Disposition"
MAX_AGE = "3600"

_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


class OriginError(ValueError):
    """An origin that cannot be allowed; ``str()`` says why."""


def origin(text):
    """The origin as browsers send it (lowercase, no default port)."""
    value = text.strip()
    if value == "*":
        raise OriginError("CORS_ORIGINS: “*” is refused; name each web app's origin, "
                          "e.g. https://app.tiengiang.gov.vn")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OriginError(f"CORS_ORIGINS: “{value}” is not an origin "
                          "(scheme://host[:port], e.g. https://app.tiengiang.gov.vn)")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise OriginError(f"CORS_ORIGINS: “{value}” has more than scheme, host and port")
    host = parts.hostname.lower()
    if not _HOST.match(host):
        raise OriginError(f"CORS_ORIGINS: “{value}” has no valid host name")
    default = {"http": 80, "https": 443}[parts.scheme]
    try:
        port = parts.port
    except ValueError:
        raise OriginError(f"CORS_ORIGINS: “{value}” has no valid port") from None
    suffix = f":{port}" if port and port != default else ""
    return f"{parts.scheme}://{host}{suffix}"


def origins(text):
    """The distinct origins of ``text`` (separated by spaces or commas)."""
    out = []
    for item in (text or "").replace(",", " ").split():
        value = origin(item)
        if value not in out:
            out.append(value)
    return out


def policy_zcml(allowed):
    """The ZCML of plone.rest's CORS policy for ``allowed`` origins ("" for none)."""
    if not allowed:
        return ""
    return (
        '  <include package="plone.rest" file="meta.zcml" />\n'
        '  <plone:CORSPolicy\n'
        f'      allow_origin="{",".join(allowed)}"\n'
        f'      allow_methods="{METHODS}"\n'
        f'      allow_headers="{HEADERS}"\n'
        f'      expose_headers="{EXPOSE}"\n'
        '      allow_credentials="true"\n'
        f'      max_age="{MAX_AGE}"\n'
        '      />\n'
    )
