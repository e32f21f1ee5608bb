"""An agency's host serves that agency only.

``AgencyHosts`` (a WSGI filter, used by `make run` where no proxy stands in
front) maps <abbr>.<base> to the agency's folder and the base domain to the
site, through Zope's VirtualHostMonster, as the nginx configuration of
``vhosting`` does in production. ``refuse_foreign_objects`` then answers 404
when a request on an agency's host reaches, by acquisition, anything that
is not inside that agency (another agency's folder, a site tool), or when
the virtual root is not an agency at all.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules.hosts import AGENCY
from qlvbdh_policy.rules.hosts import parse_host
from qlvbdh_policy.rules.hosts import split_port
from zExceptions import NotFound

ENVIRON_KEY = "HTTP_X_QLVBDH_AGENCY"  # set here, and by nginx, never by clients
NOT_FOUND = b"Not Found"
LOGIN_MACHINERY = "acl_users"  # the site's login (require_login, cookie plugin)
# the site's own login pages, shown under the agency's host
LOGIN_VIEWS = frozenset({"login", "logout", "logged-out", "login-help", "mail-password",
                         "passwordreset", "insufficient-privileges", "require_login"})


class AgencyHosts:
    def __init__(self, app, base, site_id="qlvbdh"):
        self.app, self.base, self.site_id = app, base.lower(), site_id

    def __call__(self, environ, start_response):
        environ.pop(ENVIRON_KEY, None)
        host = environ.get("HTTP_HOST", "")
        name, port = split_port(host)
        if name is None or not (name == self.base or name.endswith("." + self.base)):
            return self.app(environ, start_response)  # 127.0.0.1:8080 and the like
        parsed = parse_host(host, self.base)
        if parsed is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [NOT_FOUND]
        kind, abbr = parsed
        root = self.site_id
        if kind == AGENCY:
            root = f"{self.site_id}/{abbr}"
            environ[ENVIRON_KEY] = abbr
        scheme = environ.get("wsgi.url_scheme", "http")
        port = port or environ.get("SERVER_PORT") or ("443" if scheme == "https" else "80")
        path = environ.get("PATH_INFO", "") or "/"
        environ["PATH_INFO"] = f"/VirtualHostBase/{scheme}/{name}:{port}/{root}/VirtualHostRoot{path}"
        return self.app(environ, start_response)


def make_filter(global_conf, base="vpdtg.localhost", site_id="qlvbdh"):
    """PasteDeploy filter factory (zope.ini: ``use = call:…:make_filter``)."""
    return lambda app: AgencyHosts(app, base, site_id)


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
    if not vroot or vroot[-1] != abbr:
        raise NotFound(abbr)
    published = request.get("PUBLISHED")
    if getattr(published, "__name__", None) in LOGIN_VIEWS:
        return
    target = _published_object(published)
    root = request.get("PARENTS", [None])[-1]
    agency = root.unrestrictedTraverse(vroot, None) if root is not None else None
    if agency is None or not IAgency.providedBy(agency):
        raise NotFound(abbr)
    if getattr(aq_base(target), "_p_jar", None) is None:
        return  # a static resource or theme file, a view of nothing stored
    path = tuple(aq_inner(target).getPhysicalPath())
    if path[: len(vroot)] != vroot and LOGIN_MACHINERY not in path:
        raise NotFound(abbr)
