"""An agency's host serves that agency only.

``AgencyHosts`` (a WSGI filter, used by `make run` where no proxy stands in
front) maps <abbr>.<base> to ``<site>/++agency++<abbr>`` and the base domain
to the site, through Zope's VirtualHostMonster, as the nginx configuration
of ``vhosting`` does in production. ``AgencyNamespace`` finds the agency by
its abbreviation in the site's own data (so an added, renamed or removed
agency is served at once, with no mapping to keep in step), answers a
renamed agency's old host with a redirect to the new one, and makes links
to another agency's objects carry that agency's host. ``refuse_foreign_objects``
then answers 404 when a request on an agency's host reaches, by acquisition,
anything that is not inside that agency (another agency's folder, a site
tool), or when the virtual root is not an agency at all.

The same filter answers the instance's health URL (``rules.health``)
before any host rule, traversal, login or session check: 200 when a fresh
read of the database succeeds, 503 when it does not.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from plone.rest.interfaces import IAPIRequest
from plone.rest.traverse import RESTWrapper
from qlvbdh_policy.agencies.abbreviations import agency_by_abbr
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.abbreviations import receiving_agency
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.interfaces import IProvinceWide
from qlvbdh_policy.rules import health
from qlvbdh_policy.rules import security_headers
from qlvbdh_policy.rules.hosts import AGENCY
from qlvbdh_policy.rules.hosts import parse_host
from qlvbdh_policy.rules.hosts import site_wide_path
from qlvbdh_policy.rules.hosts import split_port
from zExceptions import HTTPMovedPermanently
from zExceptions import NotFound
from zope.interface import implementer
from zope.traversing.interfaces import ITraversable

import logging
import transaction

logger = logging.getLogger("qlvbdh_policy.health")

ENVIRON_KEY = "HTTP_X_QLVBDH_AGENCY"  # set here, and by nginx, never by clients
NOT_FOUND = b"Not Found"
LOGIN_MACHINERY = "acl_users"  # the site's login (require_login, cookie plugin)
# the site's own login pages, shown under the agency's host
LOGIN_VIEWS = frozenset({"login", "logout", "logged-out", "login-help", "mail-password",
                         "passwordreset", "insufficient-privileges", "require_login"})


def database_readable(db, site_id):
    """Read the database afresh: a new transaction polls the storage for
    changes (RelStorage asks PostgreSQL), then the Zope root and the site
    are loaded. Done in the WSGI filter, not in a view: a view is only
    reached through traversal, which reads the database itself, and an
    error there would answer 500 (or a login page), never 503."""
    if db is None:
        return False
    manager = transaction.TransactionManager()
    connection = None
    try:
        connection = db.open(manager)
        manager.begin()  # syncs the storage: a real round trip
        application = connection.root()["Application"]
        site = application._getOb(site_id)
        site._p_activate()
        connection._storage.load(site._p_oid)  # past the connection's object cache
        return site.getId() == site_id
    except Exception:
        logger.exception("health: the database cannot be read")
        return False
    finally:
        try:
            manager.abort()
            if connection is not None:
                connection.close()
        except Exception:
            logger.exception("health: closing the connection failed")


def zope_database():
    import Zope2
    return getattr(Zope2, "DB", None)


class AgencyHosts:
    def __init__(self, app, base, site_id="qlvbdh", database=zope_database):
        self.app, self.base, self.site_id = app, base.lower(), site_id
        self.database = database

    def health(self, start_response):
        status, body = health.answer(database_readable(self.database(), self.site_id))
        start_response(status, [("Content-Type", "application/json"),
                                ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store"), *security_headers.HEADERS])
        return [body]

    def __call__(self, environ, start_response):
        environ.pop(ENVIRON_KEY, None)
        if health.is_health_path(environ.get("PATH_INFO", "")):
            return self.health(start_response)
        host = environ.get("HTTP_HOST", "")
        name, port = split_port(host)
        if name is None or not (name == self.base or name.endswith("." + self.base)):
            return self.app(environ, start_response)  # 127.0.0.1:8080 and the like
        parsed = parse_host(host, self.base)
        if parsed is None:
            start_response("404 Not Found",
                           [("Content-Type", "text/plain"), *security_headers.HEADERS])
            return [NOT_FOUND]
        kind, abbr = parsed
        root = self.site_id
        path = environ.get("PATH_INFO", "") or "/"
        if kind == AGENCY and not site_wide_path(path):
            root = f"{self.site_id}/++agency++{abbr}"
            environ[ENVIRON_KEY] = abbr
        scheme = environ.get("wsgi.url_scheme", "http")
        port = port or environ.get("SERVER_PORT") or ("443" if scheme == "https" else "80")
        environ["PATH_INFO"] = f"/VirtualHostBase/{scheme}/{name}:{port}/{root}/VirtualHostRoot{path}"
        return self.app(environ, start_response)


def make_filter(global_conf, base="vpdtg.localhost", site_id="qlvbdh"):
    """PasteDeploy filter factory (zope.ini: ``use = call:…:make_filter``)."""
    return lambda app: AgencyHosts(app, base, site_id)


class MovedPermanently(HTTPMovedPermanently):
    """Zope's error views set the status from the class name: this name is
    the one its table knows as 301."""


@implementer(ITraversable)
class AgencyNamespace:
    """``<site>/++agency++<abbr>``: the agency whose host is <abbr>."""

    def __init__(self, context, request=None):
        self.context, self.request = context, request

    def traverse(self, name, ignored):
        agency, current = agency_by_abbr(self.context, name)
        if agency is None:
            raise NotFound(name)
        target = receiving_agency(agency)
        if target is not None and self.request is not None:
            # merged: its records lie inside the receiving agency
            raise MovedPermanently(moved_url(self.request, name, domain_abbr(target),
                                             agency.getId()))
        if not current and self.request is not None:
            raise MovedPermanently(moved_url(self.request, name, domain_abbr(agency)))
        agency = agency.__of__(self.context)
        if self.request is None:
            return agency
        if self.request.environ.get(ENVIRON_KEY) == name:  # on the agency's own host
            other_agencies_on_their_hosts(self.request, self.context, agency)
        if site_wide_path(rest_of_path(self.request)):
            # Plone's static files and the theme hold nothing of an agency:
            # from the site, as the WSGI filter and nginx serve them. The
            # theme's own subrequest for its rules comes this way (below the
            # navigation root): for a visitor who cannot see the agency yet
            # it failed, and the login page was drawn without the theme.
            return self.context
        path = self.request.get("PATH_INFO", "")
        if IAPIRequest.providedBy(self.request) and "@@" not in path and "++view++" not in path:
            # as plone.rest's own site traverser does for any child of the
            # site, so that REST services are found below the agency
            return RESTWrapper(agency, self.request)
        return agency


VIRTUAL_HOSTING_STEPS = ("VirtualHostRoot", "virtual_hosting", "/", "")


def rest_of_path(request):
    """The path still to traverse below the current object, without the
    virtual hosting steps that lead it (``VirtualHostRoot``, ``_vh_…``, and
    the monster's own ``virtual_hosting``, ``/`` it puts back on the stack)."""
    names = list(reversed(getattr(request, "TraversalRequestNameStack", None) or []))
    while names and (names[0] in VIRTUAL_HOSTING_STEPS or names[0].startswith("_vh_")):
        names.pop(0)
    return "/" + "/".join(names)


def moved_url(request, old, new, prefix=None):
    """The same address on the agency's new host (below ``prefix`` there)."""
    server = request.get("SERVER_URL", "")
    path = request.environ.get("PATH_INFO", "").partition("/VirtualHostRoot")[2]
    if prefix:
        path = f"/{prefix}{path if path != '/' else ''}"
    query = request.environ.get("QUERY_STRING")
    url = server.replace(f"//{old}.", f"//{new}.", 1) + (path or "/")
    return f"{url}?{query}" if query else url


def other_agencies_on_their_hosts(request, site, agency):
    """On an agency's host, an object of another agency is linked on that
    agency's host (its own virtual root), never by an acquisition path
    through this one, which would answer 404. Set on this request only."""
    site_path = tuple(site.getPhysicalPath())
    own = agency.getId()
    depth = len(site_path)
    to_url = request.physicalPathToURL
    server = request.get("SERVER_URL", "")
    scheme, _sep, host = server.partition("://")
    base = host.partition(".")[2]

    def physical_path_to_url(path, relative=0):
        parts = path.split("/") if isinstance(path, str) else list(path)
        if (not relative and len(parts) > depth and tuple(parts[:depth]) == site_path
                and parts[depth] != own):
            other = site.get(parts[depth])
            if other is not None and IAgency.providedBy(other):
                rest = "/".join(parts[depth + 1:])
                return f"{scheme}://{domain_abbr(other)}.{base}" + (f"/{rest}" if rest else "")
        return to_url(path, relative)

    request.physicalPathToURL = physical_path_to_url


def _published_object(published):
    for attribute in ("context", "__self__"):
        target = getattr(published, attribute, None)
        if target is not None:
            return target
    return published


def refuse_foreign_objects(event):
    """IPubAfterTraversal: on an agency's host, only that agency's objects."""
    request = event.request
    abbr = request.environ.get(ENVIRON_KEY)
    if not abbr:
        return
    vroot = tuple(request.get("VirtualRootPhysicalPath") or ())
    if not vroot:
        raise NotFound(abbr)
    published = request.get("PUBLISHED")
    if getattr(published, "__name__", None) in LOGIN_VIEWS:
        return
    target = _published_object(published)
    root = request.get("PARENTS", [None])[-1]
    agency = root.unrestrictedTraverse(vroot, None) if root is not None else None
    if agency is None or not IAgency.providedBy(agency) or domain_abbr(agency) != abbr:
        raise NotFound(abbr)
    if getattr(aq_base(target), "_p_jar", None) is None:
        return  # a static resource or theme file, a view of nothing stored
    path = tuple(aq_inner(target).getPhysicalPath())
    if path[: len(vroot)] != vroot and LOGIN_MACHINERY not in path and not province_wide(
            root, path, len(vroot)):
        raise NotFound(abbr)


def province_wide(root, path, depth):
    """Whether ``path`` lies in an object of the whole province (at the
    site's root, beside the agencies: ``depth`` the agencies' depth)."""
    if len(path) < depth:
        return False
    top = root.unrestrictedTraverse(path[:depth], None)
    return top is not None and IProvinceWide.providedBy(top)
