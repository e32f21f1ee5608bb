"""Which agency a request's host names (Quy chế Điều 6.1: <abbr>.vpdtg.vn).

Pure: ``parse_host`` reads a Host header against the base domain; anything
that is not exactly the base domain or one label in front of it is refused
(``None``), so a malformed or foreign host never reaches an agency.
"""

from qlvbdh_policy.rules.domain_names import PATTERN

import re

LABEL = PATTERN  # the agency's domain abbreviation
PORTAL = "portal"
AGENCY = "agency"


def split_port(host):
    host = (host or "").strip().lower().rstrip(".")
    if host.count(":") == 1:
        name, port = host.split(":")
        if not port.isdigit():
            return None, None
        return name.rstrip("."), port
    if ":" in host:  # IPv6 literals are not agency hosts
        return None, None
    return host, None


def parse_host(host, base):
    """(PORTAL, None) for the base domain, (AGENCY, abbr) for <abbr>.<base>,
    None for anything else."""
    name, _ = split_port(host)
    base = (base or "").strip().lower().rstrip(".")
    if not name or not base or not re.fullmatch(r"[a-z0-9.-]+", name):
        return None
    if name == base:
        return PORTAL, None
    if not name.endswith("." + base):
        return None
    label = name[: -len(base) - 1]
    if not LABEL.match(label):  # also refuses a.b.<base>
        return None
    return AGENCY, label


def public_url(base_url, abbr=None, path=""):
    """The address people use: ``base_url`` is the portal's
    (``https://vpdtg.vn``, ``http://vpdtg.localhost:8080``); an agency's
    objects live on ``<abbr>.`` in front of its host."""
    scheme, sep, rest = (base_url or "").rstrip("/").partition("://")
    if not sep:
        raise ValueError(f"not a base URL: {base_url!r}")
    host = f"{abbr}.{rest}" if abbr else rest
    path = path.strip("/")
    return f"{scheme}://{host}/{path}" if path else f"{scheme}://{host}"


def base_domain(base_url):
    """The base domain of the portal's public address
    ('https://vpdtg.vn' → 'vpdtg.vn'); None when it names none."""
    scheme, sep, rest = (base_url or "").partition("://")
    if not sep or scheme not in ("http", "https"):
        return None
    name, _port = split_port(rest.split("/", 1)[0])
    return name or None


# Plone's static files and the JavaScript message catalog: the same for
# every agency and holding nothing of one. On an agency's host they are
# served from the site, so that the login page of a visitor who may not
# yet see the agency's folder gets its CSS and JavaScript (issue 16).
SITE_WIDE = ("++webresource++", "++plone++", "++theme++", "++resource++", "plonejsi18n")


def site_wide_path(path):
    """True for a path whose first segment is one of ``SITE_WIDE`` and that
    does not climb out of it ('..' would reach the agencies from the site)."""
    segments = [s for s in (path or "").split("/") if s and s != "."]
    if not segments or ".." in segments:
        return False
    first = segments[0].lstrip("@")
    return any(first.startswith(prefix) for prefix in SITE_WIDE)
