"""Reverse-proxy configuration for production: one nginx server per agency
host, rewriting to Zope's VirtualHostMonster so that every URL Plone writes
(pages, plone.restapi @id, e-mails) carries the agency's own host; the base
domain serves the province portal; any other host gets a plain 404. And
the public address of an object where no request tells the host (cron
mails)."""

from plone import api
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules.hosts import public_url
from qlvbdh_policy.vocabularies.content_vocabularies import children

SERVER = """\
server {{
    listen {listen};
    server_name {names};
    client_max_body_size 1024m;
    location / {{
        proxy_pass http://qlvbdh_zope/VirtualHostBase/$scheme/$host:$server_port/{root}/VirtualHostRoot$request_uri;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Qlvbdh-Agency "{abbr}";
        proxy_read_timeout 600s;
    }}
}}
"""
UPSTREAM = """\
upstream qlvbdh_zope {{
    server {upstream};
}}
"""
CATCH_ALL = """\
server {{
    listen {listen} default_server;
    server_name _;
    return 404;
}}
"""
REDIRECT = """\
server {{
    listen {listen};
    server_name {names};
    return 301 $scheme://{target}:$server_port$request_uri;
}}
"""


def nginx_config(base, site_id, agencies, upstream="127.0.0.1:8080", listen=80):
    """``agencies``: [(abbr, [old abbreviations that now redirect])];
    ``upstream``: host:port of the Zope instance (or several, comma-separated)."""
    parts = [f"# qlvbdh: {len(agencies)} agencies under {base}\n",
             UPSTREAM.format(upstream=";\n    server ".join(upstream.split(","))),
             CATCH_ALL.format(listen=listen),
             SERVER.format(listen=listen, names=base, root=site_id, abbr="")]
    for abbr, old in sorted(agencies):
        parts.append(SERVER.format(listen=listen, names=f"{abbr}.{base}",
                                   root=f"{site_id}/{abbr}", abbr=abbr))
        if old:
            parts.append(REDIRECT.format(listen=listen, target=f"{abbr}.{base}",
                                         names=" ".join(f"{o}.{base}" for o in old)))
    return "\n".join(parts)


def site_agencies(site):
    """[(abbr, old abbreviations)] of the site's agencies."""
    return [(a.getId(), list(getattr(a, "former_abbrs", None) or ()))
            for a in children(site, "Agency")]



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
        return public_url(base, parts[0], "/".join(parts[1:]))
    return public_url(base, None, "/".join(parts))


def public_url_of(obj):
    return public_url_of_path(obj.getPhysicalPath()) or obj.absolute_url()
