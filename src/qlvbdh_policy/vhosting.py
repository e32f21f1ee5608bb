"""Reverse-proxy configuration for production: one nginx server per agency
host, rewriting to Zope's VirtualHostMonster so that every URL Plone writes
(pages, plone.restapi @id, e-mails) carries the agency's own host; the base
domain serves the province portal; any other host gets a plain 404. And
the public address of an object where no request tells the host (cron
mails)."""

from plone import api
from qlvbdh_policy.agencies import domain_abbr
from qlvbdh_policy.agencies import former_abbrs
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules import security_headers
from qlvbdh_policy.rules.files import request_body_limit
from qlvbdh_policy.rules.hosts import public_url
from qlvbdh_policy.vocabularies.content_vocabularies import children

import math

SERVER = """\
server {{
    listen {listen};
    server_name {names};
    client_max_body_size {max_body};
{headers}    location / {{
        proxy_pass http://qlvbdh_zope/VirtualHostBase/$scheme/$host:$server_port/{root}/VirtualHostRoot$request_uri;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Qlvbdh-Agency "{abbr}";
        proxy_read_timeout 600s;
        proxy_next_upstream error timeout http_503;
    }}
}}
"""
# Passive health checks (open-source nginx has no active ones): an
# instance that fails MAX_FAILS requests (no connection, a timeout, or 503,
# which its health URL and Zope answer when the database cannot be read)
# within FAIL_TIMEOUT gets no requests for FAIL_TIMEOUT, then is tried
# again and taken back when it answers. A request that failed so is passed
# to the next instance unless it is a POST (never sent twice).
MAX_FAILS = 2
FAIL_TIMEOUT = "10s"
UPSTREAM = """\
upstream qlvbdh_zope {{
    server {upstream};
}}
"""
SERVER_OPTIONS = f" max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT}"
CATCH_ALL = """\
server {{
    listen {listen} default_server;
    server_name _;
{headers}    return 404;
}}
"""
# One server for every agency: the site finds the agency by its
# abbreviation (vhosting's AgencyNamespace), so agencies added or renamed
# through the web are served without a new configuration, and the old host
# of a renamed agency is redirected by the site.
AGENCY_NAMES = '"~^(?<qlvbdh_agency>[a-z][a-z0-9]{{1,30}})\\.{base}$"'


def security_header_lines():
    """nginx's own answers (413, 502, the catch-all 404) carry the site's
    security headers too; Zope's copies are hidden so none is doubled."""
    return "".join(f"    proxy_hide_header {name};\n    add_header {name} \"{value}\" always;\n"
                   for name, value in security_headers.HEADERS)


def nginx_config(base, site_id, upstream="127.0.0.1:8080", listen=80, agencies=(),
                 max_body=request_body_limit(50 * 1048576)):
    """``upstream``: host:port of the Zope instance (or several, separated
    by spaces or commas: `make nginx-config UPSTREAMS=...`); ``agencies``:
    [(abbr, former abbreviations)], listed in a comment for the reader;
    ``max_body``: bytes of the largest request (rules.files.request_body_limit
    of the site's upload limit)."""
    listing = "".join(f"#   {abbr}.{base}" + (f" (formerly {', '.join(old)})" if old else "")
                      + "\n" for abbr, old in sorted(agencies))
    headers = security_header_lines()
    max_body = f"{math.ceil(max_body / 1048576)}m"
    parts = [f"# qlvbdh: agencies under {base}, served as <abbr>.{base}\n{listing}",
             UPSTREAM.format(upstream=";\n    server ".join(
                 u + SERVER_OPTIONS for u in upstream.replace(",", " ").split())),
             CATCH_ALL.format(listen=listen, headers=headers),
             SERVER.format(listen=listen, names=base, root=site_id, abbr="", headers=headers,
                           max_body=max_body),
             SERVER.format(listen=listen, headers=headers, max_body=max_body,
                           names=AGENCY_NAMES.format(base=base.replace(".", "\\.")),
                           root=f"{site_id}/++agency++$qlvbdh_agency",
                           abbr="$qlvbdh_agency")]
    return "\n".join(parts)


def site_agencies(site):
    """[(abbr, former abbreviations)] of the site's agencies."""
    return [(domain_abbr(a), list(former_abbrs(a))) for a in children(site, "Agency")]


def public_url_of_path(physical_path):
    """The public address of a stored object by its physical path, from
    the site setting ``qlvbdh.public_base_url``; None when it is not set
    (then the object's own absolute_url is all there is)."""
    base = api.portal.get_registry_record("qlvbdh.public_base_url", default=None)
    if not base:
        return None
    site = api.portal.get()
    parts = [p for p in physical_path[len(site.getPhysicalPath()):] if p]
    agency = site.get(parts[0]) if parts else None
    if agency is not None and IAgency.providedBy(agency):
        return public_url(base, domain_abbr(agency), "/".join(parts[1:]))
    return public_url(base, None, "/".join(parts))


def public_url_of(obj):
    return public_url_of_path(obj.getPhysicalPath()) or obj.absolute_url()
