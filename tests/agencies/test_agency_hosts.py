"""Agency hosts (Quy chế Điều 6.1): the host rule, the WSGI filter of
`make run`, and Debian's real nginx in front of the WSGI server layer with
the configuration the project generates: pages, login and REST answers
carry the agency's host; unknown hosts, acquisition into another agency
and a session taken to another agency's host are refused."""

from nginx_proxy import BASE
from nginx_proxy import get
from nginx_proxy import nginx  # noqa: F401 (fixture)
from qlvbdh_policy.agencies.hosts import AgencyHosts
from qlvbdh_policy.agencies.hosts import ENVIRON_KEY
from qlvbdh_policy.rules.hosts import AGENCY
from qlvbdh_policy.rules.hosts import parse_host
from qlvbdh_policy.rules.hosts import PORTAL
from qlvbdh_policy.rules.hosts import site_wide_path
from routing_fixtures import PASSWORD

import pytest
import requests
import socket

JSON = {"Accept": "application/json"}


@pytest.mark.parametrize("host, expected", [
    ("sttt.vpdtg.vn", (AGENCY, "sttt")),
    ("STTT.VPDTG.VN:8080", (AGENCY, "sttt")),
    ("sttt.vpdtg.vn.", (AGENCY, "sttt")),
    ("vpdtg.vn", (PORTAL, None)),
    ("vpdtg.vn:443", (PORTAL, None)),
    ("a.sttt.vpdtg.vn", None),
    ("sttt.vpdtg.vn.evil.org", None),
    ("evilvpdtg.vn", None),
    ("portal_catalog.vpdtg.vn", None),
    ("s.vpdtg.vn", None),
    ("sttt.vpdtg.vn:80x", None),
    ("", None),
    ("[::1]:8080", None),
])
def test_host_rule(host, expected):
    assert parse_host(host, "vpdtg.vn") == expected


@pytest.mark.parametrize("path, expected", [
    ("/++webresource++6aa4/++plone++static/bundle-plone/bundle.min.js", True),
    ("/++theme++barceloneta/css/barceloneta.min.css", True),
    ("/plonejsi18n", True),
    ("/++plone++static/../ubndcb/den-2026", False),
    ("/++plone++static/./../../ubndcb", False),
    ("/den-2026/++plone++static/x.js", False),
    ("/", False),
    ("", False),
    ("/login", False),
])
def test_site_wide_paths(path, expected):
    assert site_wide_path(path) is expected


def test_wsgi_filter_maps_hosts_to_virtual_roots():
    seen = []

    def app(environ, start_response):
        seen.append((environ["PATH_INFO"], environ.get(ENVIRON_KEY)))
        start_response("200 OK", [])
        return [b""]

    hosts = AgencyHosts(app, "vpdtg.localhost", "qlvbdh")

    def get(host, path="/den-2026", **extra):
        environ = {"HTTP_HOST": host, "PATH_INFO": path, "wsgi.url_scheme": "http",
                   "SERVER_PORT": "8080", **extra}
        status = []
        hosts(environ, lambda s, h: status.append(s))
        return status[0]

    assert get("sttt.vpdtg.localhost:8080") == "200 OK"
    assert seen[-1] == ("/VirtualHostBase/http/sttt.vpdtg.localhost:8080/qlvbdh/++agency++sttt/"
                        "VirtualHostRoot/den-2026", "sttt")
    get("vpdtg.localhost:8080", "/")
    assert seen[-1] == ("/VirtualHostBase/http/vpdtg.localhost:8080/qlvbdh/VirtualHostRoot/",
                        None)
    assert get("a.b.vpdtg.localhost:8080").startswith("404")
    # Plone's static files on an agency's host come from the site
    get("sttt.vpdtg.localhost:8080", "/++plone++static/bundle-plone/bundle.min.js")
    assert seen[-1] == ("/VirtualHostBase/http/sttt.vpdtg.localhost:8080/qlvbdh/"
                        "VirtualHostRoot/++plone++static/bundle-plone/bundle.min.js", None)
    get("sttt.vpdtg.localhost:8080", "/++plone++static/../../ubndcb")
    assert seen[-1][1] == "sttt" and "/++agency++sttt/" in seen[-1][0]
    # a client cannot name an agency itself; other hosts pass untouched
    get("127.0.0.1:8080", "/qlvbdh", **{ENVIRON_KEY: "sttt"})
    assert seen[-1] == ("/qlvbdh", None)


@pytest.mark.parametrize("base, abbr, path, expected", [
    ("https://vpdtg.vn", "sttt", "den-2026/cv-1", "https://sttt.vpdtg.vn/den-2026/cv-1"),
    ("http://vpdtg.localhost:8080/", "ubndcb", "/", "http://ubndcb.vpdtg.localhost:8080"),
    ("https://vpdtg.vn", None, "@@usage-statistics", "https://vpdtg.vn/@@usage-statistics"),
])
def test_public_urls(base, abbr, path, expected):
    from qlvbdh_policy.rules.hosts import base_domain
    from qlvbdh_policy.rules.hosts import public_url
    assert public_url(base, abbr, path) == expected
    assert base_domain(base) in ("vpdtg.vn", "vpdtg.localhost")
    with pytest.raises(ValueError):
        public_url("vpdtg.vn", abbr, path)
    assert base_domain("vpdtg.vn") is None and base_domain("ftp://vpdtg.vn") is None






def test_nginx_serves_each_agency_on_its_host(nginx):
    port = nginx
    sttt = f"http://sttt.{BASE}:{port}"
    page = get(port, f"sttt.{BASE}:{port}", "/den-2026", auth=("vta", PASSWORD))
    assert page.status_code == 200
    assert f'href="{sttt}/den-2026' in page.text
    assert "/plone/" not in page.text.split("<body", 1)[1]
    api = get(port, f"sttt.{BASE}:{port}", "/den-2026", auth=("vta", PASSWORD), headers=JSON)
    assert api.json()["@id"] == f"{sttt}/den-2026"
    portal = get(port, f"{BASE}:{port}", "/", auth=("vta", PASSWORD), headers=JSON)
    assert portal.json()["@id"] == f"http://{BASE}:{port}"
    assert any(i["@id"] == f"http://{BASE}:{port}/sttt" for i in portal.json()["items"])


def test_login_on_the_agency_host(nginx):
    port = nginx
    host = f"sttt.{BASE}:{port}"
    session = requests.Session()
    form = session.get(f"http://127.0.0.1:{port}/login", headers={"Host": host}, timeout=60)
    assert form.status_code == 200 and f"http://{host}/login" in form.text
    done = session.post(f"http://127.0.0.1:{port}/login", headers={"Host": host},
                        data={"__ac_name": "vta", "__ac_password": PASSWORD,
                              "buttons.login": "login", "came_from": f"http://{host}/den-2026"},
                        allow_redirects=False, timeout=60)
    assert done.status_code == 302 and done.headers["Location"].startswith(f"http://{host}/")
    cookie = session.cookies.get("__ac")
    assert cookie
    register = get(port, host, "/den-2026", cookies={"__ac": cookie})
    assert register.status_code == 200 and "Nguyễn Thị Văn Thư" in register.text
    # the same session on another agency's host reaches none of its books
    other = get(port, f"ubndcb.{BASE}:{port}", "/den-2026", cookies={"__ac": cookie})
    assert other.status_code in (302, 401, 403) or "Văn Thư Cái Bè" not in other.text
    assert "den-2026" not in other.text.split("<body", 1)[-1] or other.status_code != 200


def test_agency_host_pages_work_for_visitors_and_staff(nginx):
    """Issue 16: the login page of an agency's host has its CSS and
    JavaScript for a visitor not yet logged in; search, live search, the
    refusal page and Plone's message catalog answer there (the agency is
    a navigation root); the header's search box leads to document search."""
    import re

    port = nginx
    host = f"sttt.{BASE}:{port}"
    login = get(port, host, "/login")
    assert login.status_code == 200
    # drawn by the theme (its rules come from the site, not the agency the
    # visitor cannot see yet), with the province's emblem and the agency
    assert 'id="portal-logo-wrapper"' in login.text
    brand = login.text.split('id="portal-logo"', 1)[1].split("</a>", 1)[0]
    assert "<svg" in brand and "Sở Thông tin và Truyền thông" in brand
    resources = re.findall(r'(?:src|href)="http://' + re.escape(host)
                           + r'(/\+\+(?:webresource|plone|theme)\+\+[^"]+\.(?:js|css))"', login.text)
    assert any(r.endswith(".js") for r in resources) and any(r.endswith(".css") for r in resources)
    for path in resources:
        answer = get(port, host, path)
        assert answer.status_code == 200, path
        assert "login" not in answer.headers.get("Content-Type", "") and "<html" not in answer.text[:200]
    assert get(port, host, "/plonejsi18n?domain=widgets&language=vi").status_code == 200
    # a path that climbs out of the static files is not served from the site
    escape = get(port, host, "/++plone++static/%2e%2e/%2e%2e/ubndcb/den-2026",
                 auth=("giamsat", PASSWORD))
    assert escape.status_code in (302, 400, 401, 403, 404)
    inside = get(port, host, "/++plone++static/x/%2e%2e/%2e%2e/ubndcb/den-2026",
                 auth=("giamsat", PASSWORD))
    assert inside.status_code == 404  # not the site's path to another agency
    auth = ("vta", PASSWORD)
    home = get(port, host, "/", auth=auth)
    assert f'action="http://{host}/@@search-documents"' in home.text
    assert 'id="qlvbdh-footer"' in home.text and "Powered by Plone" not in home.text
    header = home.text.split('id="portal-logo"', 1)[1].split("</a>", 1)[0]
    assert "qlvbdh-brand" in home.text and "plone-logo" not in header
    assert "Sở Thông tin và Truyền thông" in header  # the agency's name on its host
    assert get(port, host, "/@@search?SearchableText=a", auth=auth).status_code == 200
    assert get(port, host, "/@@ajax-search?SearchableText=a", auth=auth).status_code == 200
    found = get(port, host, "/@@search-documents?SearchableText=k", auth=auth)
    assert found.status_code == 200 and 'id="text"' in found.text
    assert 'value="k"' in found.text
    refused = get(port, host, "/insufficient-privileges", auth=auth)
    assert refused.status_code == 200 and 'lang="vi"' in refused.text


def test_a_failed_login_on_the_agency_host_says_why(nginx):
    """The visitor cannot see the agency yet, so its page's viewlets are not
    drawn: the form itself carries the refusal, in Vietnamese."""
    port = nginx
    host = f"sttt.{BASE}:{port}"
    session = requests.Session()
    answer = session.post(f"http://127.0.0.1:{port}/login", headers={"Host": host},
                          data={"__ac_name": "vta", "__ac_password": "sai-mat-khau-1",
                                "buttons.login": "login"}, allow_redirects=False, timeout=60)
    assert answer.status_code == 200
    assert "Đăng nhập không thành công" in answer.text
    assert "Không đăng nhập được?" in answer.text
    assert "Trouble logging in" not in answer.text
    assert "<script>" not in answer.text.split("Đăng nhập không thành công", 1)[1][:200]


def test_host_tricks_are_refused(nginx):
    port = nginx
    auth = ("vta", PASSWORD)
    assert get(port, f"unknown.{BASE}:{port}").status_code == 404
    assert get(port, f"sttt.{BASE}.evil.org:{port}").status_code == 404
    assert get(port, f"a.sttt.{BASE}:{port}").status_code == 404
    # another agency's folder reached by acquisition under this host: not
    # found even for someone who may read it there (province oversight)
    overseer = ("giamsat", PASSWORD)
    assert get(port, f"ubndcb.{BASE}:{port}", "/den-2026", auth=overseer).status_code == 200
    assert get(port, f"sttt.{BASE}:{port}", "/ubndcb/den-2026", auth=overseer).status_code == 404
    assert get(port, f"sttt.{BASE}:{port}", "/ubndcb/den-2026", auth=auth).status_code in (
        302, 401, 403, 404)
    assert get(port, f"sttt.{BASE}:{port}", "/portal_catalog", auth=auth).status_code in (403, 404)
    # a client naming the agency itself gains nothing: nginx sets the header
    forged = get(port, f"sttt.{BASE}:{port}", "/ubndcb", auth=auth,
                 headers={"X-Qlvbdh-Agency": "ubndcb"})
    assert forged.status_code == 404
    # an absolute URL in the request line: nginx routes by it, never by Host
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"GET http://unknown.{BASE}:{port}/ HTTP/1.1\r\nHost: sttt.{BASE}:{port}\r\n"
                  "Connection: close\r\n\r\n".encode())
        assert s.recv(100).split(b"\r\n")[0].endswith(b"404 Not Found")
