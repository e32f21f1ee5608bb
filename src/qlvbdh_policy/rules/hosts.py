"""Which agency a request's host names (Quy chế Điều 6.1: <abbr>.vpdtg.vn).

Pure: ``parse_host`` reads a Host header against the base domain; anything
that is not exactly the base domain or one label in front of it is refused
(``None``), so a malformed or foreign host never reaches an agency.
"""

import re

LABEL = re.compile(r"^[a-z][a-z0-9]{1,30}$")  # the agency's domain abbreviation
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
