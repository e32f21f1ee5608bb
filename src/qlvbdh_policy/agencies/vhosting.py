"""Reverse-proxy configuration for production: one nginx server per agency
host, rewriting to Zope's VirtualHostMonster so that every URL Plone writes
(pages, plone.restapi @id, e-mails) carries the agency's own host; the base
domain serves the province portal; any other host gets a plain 404. And
the public address of an object where no request tells the host (cron
mails)."""

from plone import api
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.abbreviations import former_abbrs
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules import security_headers
from qlvbdh_policy.rules import tls as rules_tls
from qlvbdh_policy.rules.domain_names import ABBR
from qlvbdh_policy.rules.files import request_body_limit
from qlvbdh_policy.rules.hosts import public_url
from qlvbdh_policy.rules.hosts import SITE_WIDE

import math
import re

SERVER = """\
server {{
    listen {listen};
    server_name {names};
{tls}    client_max_body_size {max_body};
{headers}{site_wide}    location / {{
        proxy_pass http://qlvbdh_zope/VirtualHostBase/$scheme/$host:$server_port/{root}/VirtualHostRoot$request_uri;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Qlvbdh-Agency "{abbr}";
        proxy_read_timeout 600s;
        proxy_next_upstream error timeout http_503;
    }}
}}
"""
# On an agency's host, Plone's static files and message catalog come from
# the site (rules.hosts.SITE_WIDE), as the WSGI filter of `make run` does: a
# visitor not yet logged in gets the login page's CSS and JavaScript. Only
# clean paths: none that climbs out with '..' (plain or encoded).
SITE_WIDE_LOCATION = """\
    location ~ ^/({prefixes}) {{
        if ($request_uri ~* "\\.\\.|%2e|%2f|%5c") {{
            return 404;
        }}
        proxy_pass http://qlvbdh_zope/VirtualHostBase/$scheme/$host:$server_port/{root}/VirtualHostRoot$request_uri;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Qlvbdh-Agency "";
        proxy_read_timeout 60s;
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
{tls}{headers}    return 404;
}}
"""
# HTTPS (tls given): plain HTTP only redirects, to the same host, path and
# query (rules.tls.https_redirect); an unknown host still gets the 404.
REDIRECT = """\
server {{
    listen {listen};
    server_name {names};
{headers}    return 301 {target};
}}
"""
TLS = """\
    ssl_certificate {cert};
    ssl_certificate_key {key};
    ssl_protocols {protocols};
    ssl_ciphers {ciphers};
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:qlvbdh_tls:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;
"""
# On the HTTPS servers of the site: HSTS from nginx alone, and the
# session cookies Zope sets (__ac) are sent back over HTTPS only.
HTTPS_ONLY = """\
    proxy_hide_header {hsts_name};
    add_header {hsts_name} "{hsts_value}" always;
    proxy_cookie_flags ~ secure;
"""
# One server for every agency: the site finds the agency by its
# abbreviation (vhosting's AgencyNamespace), so agencies added or renamed
# through the web are served without a new configuration, and the old host
# of a renamed agency is redirected by the site.
AGENCY_NAMES = ('"~^(?<qlvbdh_agency>' + ABBR.replace("{", "{{").replace("}", "}}")
                + ')\\.{base}$"')


def header_variable(name):
    return "$qlvbdh_" + name.lower().replace("-", "_")


def security_header_maps():
    """Zope's answers carry the security headers already (security_headers.py;
    a view's own value stays): nginx adds each one only to an answer that
    has none, i.e. its own (413, 502, the redirect, the catch-all 404)."""
    return "".join(
        f"map $upstream_http_{name.lower().replace('-', '_')} {header_variable(name)} {{\n"
        f"    \"\" \"{value}\";\n    default \"\";\n}}\n"
        for name, value in security_headers.HEADERS)


def security_header_lines():
    """add_header of an empty value adds nothing (the map above)."""
    return "".join(f"    add_header {name} {header_variable(name)} always;\n"
                   for name, _value in security_headers.HEADERS)


def tls_lines(tls):
    cert, key = tls
    return TLS.format(cert=cert, key=key, protocols=rules_tls.PROTOCOLS,
                      ciphers=rules_tls.CIPHERS)


def nginx_config(base, site_id, upstream="127.0.0.1:8080", listen=80, agencies=(),
                 max_body=request_body_limit(50 * 1048576), tls=None, listen_https=443):
    """``upstream``: host:port of the Zope instance (or several, separated
    by spaces or commas: `make nginx-config UPSTREAMS=...`); ``agencies``: [(abbr, former abbreviations)], listed
    in a comment for the reader; ``max_body``: bytes of the largest request
    (rules.files.request_body_limit of the site's upload limit); ``tls``:
    (certificate path, key path) from rules.tls.certificate_pair, to serve
    HTTPS on ``listen_https`` and redirect ``listen`` to it; None serves
    plain HTTP on ``listen`` (behind another TLS terminator, or for trying)."""
    listing = "".join(f"#   {abbr}.{base}" + (f" (formerly {', '.join(old)})" if old else "")
                      + "\n" for abbr, old in sorted(agencies))
    headers = security_header_lines()
    max_body = f"{math.ceil(max_body / 1048576)}m"
    agency_names = AGENCY_NAMES.format(base=base.replace(".", "\\."))
    if tls:
        scheme = f"HTTPS on {listen_https}, HTTP on {listen} redirected"
        site_listen, tls_text = f"{listen_https} ssl", tls_lines(tls)
        site_headers = tls_text + HTTPS_ONLY.format(hsts_name=rules_tls.HSTS[0],
                                                    hsts_value=rules_tls.HSTS[1])
        front = [CATCH_ALL.format(listen=listen, tls="", headers=headers),
                 CATCH_ALL.format(listen=site_listen, tls=tls_text, headers=headers),
                 REDIRECT.format(listen=listen, names=f"{base} {agency_names}", headers=headers,
                                 target=rules_tls.https_redirect(listen_https))]
    else:
        scheme = f"plain HTTP on {listen} (no TLS_CERT/TLS_KEY)"
        site_listen, site_headers = listen, ""
        front = [CATCH_ALL.format(listen=listen, tls="", headers=headers)]
    parts = [f"# qlvbdh: agencies under {base}, served as <abbr>.{base}; {scheme}\n{listing}",
             security_header_maps(),
             UPSTREAM.format(upstream=";\n    server ".join(
                 u + SERVER_OPTIONS for u in upstream.replace(",", " ").split())),
             *front,
             SERVER.format(listen=site_listen, names=base, root=site_id, abbr="",
                           tls=site_headers, headers=headers, max_body=max_body, site_wide=""),
             SERVER.format(listen=site_listen, tls=site_headers, headers=headers,
                           max_body=max_body, names=agency_names,
                           site_wide=SITE_WIDE_LOCATION.format(root=site_id, prefixes="|".join(
                               re.escape(prefix) for prefix in SITE_WIDE)),
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
