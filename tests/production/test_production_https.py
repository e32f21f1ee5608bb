"""HTTPS at the front door (issue 15, security of the front door; Quy chế
Điều 5.2, Điều 6): `make nginx-config TLS_CERT=… TLS_KEY=…` on a real
instance as `make run` makes it (FileStorage, waitress, the province and
the demo data, an upload limit of 1 MB), with a certificate for
vpdtg.localhost and *.vpdtg.localhost made by Debian's openssl, served by
Debian's nginx in front of the running instance.

An agency's host answers its own pages over HTTPS with https links (REST
@id, HTML), registration and login included; plain HTTP answers 301 to the
same host, path and query on HTTPS; HSTS and the security headers come
once on every answer, Zope's and nginx's own; TLS 1.1 is refused (and a
control shows the client here can speak it); a body above the site's limit
is refused with 413 before anything reaches Zope.

*.localhost does not resolve on every machine: the client connects to
127.0.0.1 and names the host in SNI, in the certificate check and in Host."""

from demo_instance import ENV
from demo_instance import render
from demo_instance import Server
from demo_instance import VENV
from demo_instance import YEAR
from nginx_proxy import free_port
from nginx_proxy import running_nginx
from nginx_proxy import wait_for
from pathlib import Path
from qlvbdh_policy.agencies.vhosting import nginx_config
from qlvbdh_policy.rules import security_headers

import base64
import http.client
import json
import pytest
import socket
import ssl
import subprocess
import time
import warnings

ROOT = Path(__file__).resolve().parents[2]
BIN = VENV / "bin"
BASE = "vpdtg.localhost"  # render.py's default base domain
CLERK = ("vanthu", "demo-vanthu-2026")
MAX_UPLOAD_MB = 1
HSTS = "Strict-Transport-Security"
JSON = {"Accept": "application/json"}
SET_UPLOAD_LIMIT = f"""
from plone import api
from qlvbdh_policy.console import open_site
import transaction
open_site(app, "qlvbdh")
api.portal.set_registry_record("qlvbdh.max_upload_mb", {MAX_UPLOAD_MB})
transaction.commit()
"""


def make_certificate(folder):
    """A self-signed certificate for the base domain and every agency host."""
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={BASE}",
                    "-addext", f"subjectAltName=DNS:{BASE},DNS:*.{BASE}"],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def nginx_config_of_make(var, port, **variables):
    """The Makefile's own target on this venv; -o: its install step is not
    run again (the venv is the one the tests run in)."""
    return subprocess.run(["make", "-s", "-C", str(ROOT), "-o", f"{VENV}/.installed",
                           "nginx-config", f"VENV={VENV}", f"VAR={var}", f"PORT={port}",
                           *(f"{k}={v}" for k, v in variables.items())],
                          env=ENV, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    folder = tmp_path_factory.mktemp("https")
    var = folder / "var"
    port, http_port, https_port = free_port(), free_port(), free_port()
    subprocess.run([str(BIN / "python"), str(ROOT / "scripts" / "preflight.py"), "var", str(var)],
                   check=True, env=ENV, timeout=60)  # as `make run` does first
    render(var, port)
    subprocess.run([str(BIN / "zconsole"), "run", str(var / "etc" / "zope.conf"),
                    str(ROOT / "scripts" / "setup_site.py"),
                    "--province", str(ROOT / "profiles" / "province"),
                    "--demo", str(ROOT / "profiles" / "demo"),
                    "--public-url", f"https://{BASE}:{https_port}"],
                   check=True, env=ENV, timeout=600, capture_output=True)
    (folder / "limit.py").write_text(SET_UPLOAD_LIMIT)
    subprocess.run([str(BIN / "zconsole"), "run", str(var / "etc" / "zope.conf"),
                    str(folder / "limit.py")], check=True, env=ENV, timeout=300,
                   capture_output=True)
    cert, key = make_certificate(folder)
    # one without the other is refused, naming what is missing; neither: plain HTTP, said
    refused = nginx_config_of_make(var, port, TLS_CERT=cert)
    assert refused.returncode != 0 and "TLS_KEY is missing" in refused.stderr, refused.stderr
    plain = nginx_config_of_make(var, port)
    assert plain.returncode == 0 and "plain HTTP only" in plain.stderr, plain.stderr[-3000:]
    assert "listen 80 default_server;" in plain.stdout and " ssl" not in plain.stdout
    made = nginx_config_of_make(var, port, TLS_CERT=cert, TLS_KEY=key,
                                HTTP_LISTEN=f"127.0.0.1:{http_port}",
                                HTTPS_LISTEN=f"127.0.0.1:{https_port}")
    assert made.returncode == 0, made.stderr[-3000:]
    assert "plain HTTP" not in made.stderr and "public_base_url" not in made.stderr
    config = made.stdout
    assert "client_max_body_size 3m;" in config  # 1 MB of file: base64 and 1 MB around it
    server = Server(var, port)
    nginx = folder / "nginx"
    nginx.mkdir()
    try:
        with running_nginx(nginx, config, https_port):
            wait_for(http_port)
            yield {"http": http_port, "https": https_port, "cert": cert, "nginx": nginx,
                   "config": config}
    finally:
        server.stop()


class NamedHTTPS(http.client.HTTPSConnection):
    """HTTPS to ``host`` (SNI and certificate check) at 127.0.0.1."""

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def verified(cert):
    return ssl.create_default_context(cafile=str(cert))


class Answer:
    def __init__(self, response):
        self.status = response.status
        self.headers = response.getheaders()
        self.body = response.read()

    def header(self, name):
        """Every value of ``name``, as many as were sent."""
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        return json.loads(self.body)

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def call(front, host, path="/", method="GET", body=None, headers=None, auth=None,
         https=True, sni=None):
    """One request; over HTTPS to the name in ``host`` (or ``sni``)."""
    headers = {"Host": host, **(headers or {})}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(
            ":".join(auth).encode()).decode()
    if https:
        connection = NamedHTTPS(sni or host.split(":")[0], front["https"],
                                context=verified(front["cert"]), timeout=120)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", front["http"], timeout=120)
    try:
        connection.request(method, path, body=body, headers=headers)
        return Answer(connection.getresponse())
    finally:
        connection.close()



def pdf(tag, size):
    return b"%PDF-1.4\n% " + tag.encode() + b"\n" + bytes(range(256)) * (size // 256) + b"\n%%EOF\n"


def registration(tag, number, size):
    return json.dumps({
        "@type": "IncomingDocument", "title": f"Công văn {tag} qua HTTPS",
        "sender_name": "Sở Nội vụ", "code_number": str(number), "code_notation": "SNV-VP",
        "doc_date": f"{YEAR}-01-05", "doc_type": "cong_van",
        "file": {"filename": f"{tag}.pdf", "content-type": "application/pdf",
                 "encoding": "base64", "data": base64.b64encode(pdf(tag, size)).decode()}})


def test_agency_pages_over_https_carry_https_links(front):
    agency = f"sttt.{BASE}:{front['https']}"
    home = f"https://{agency}"
    book = call(front, agency, f"/den-{YEAR}", auth=CLERK, headers=JSON)
    assert book.status == 200, book.text[:2000]
    assert book.json()["@id"] == f"{home}/den-{YEAR}"
    page = call(front, agency, f"/den-{YEAR}", auth=CLERK)
    assert page.status == 200
    assert f'href="{home}/den-{YEAR}' in page.text
    assert "http://" + agency.split(":")[0] not in page.text
    assert "/qlvbdh/" not in page.text.split("<body", 1)[1]
    portal = call(front, f"{BASE}:{front['https']}", "/", auth=CLERK, headers=JSON)
    assert portal.json()["@id"] == f"https://{BASE}:{front['https']}"
    assert f"https://{BASE}:{front['https']}/sttt" in [i["@id"] for i in portal.json()["items"]]
    health = call(front, agency, "/@@health")
    assert (health.status, health.json()) == (200, {"status": "ok"})
    # another agency's folder by acquisition stays unreachable under this host
    other = call(front, agency, f"/ubndcb/den-{YEAR}", auth=CLERK)
    assert other.status in (302, 401, 403, 404)
    assert all(to.startswith(f"{home}/") for to in other.header("Location"))
    # an agency-shaped host the site does not know: the site's 404
    assert call(front, f"unknown.{BASE}:{front['https']}", "/").status == 404


def test_registration_and_login_over_https(front):
    agency = f"sttt.{BASE}:{front['https']}"
    done = call(front, agency, f"/den-{YEAR}", "POST", registration("https-1", 12, 20_000),
                headers={**JSON, "Content-Type": "application/json"}, auth=CLERK)
    assert done.status == 201, done.text[:2000]
    document = done.json()["@id"]
    assert document.startswith(f"https://{agency}/den-{YEAR}/")
    path = document[len(f"https://{agency}"):]
    download = call(front, agency, f"{path}/@@download/file", auth=CLERK)
    assert download.status == 200 and download.body == pdf("https-1", 20_000)
    login = call(front, agency, "/login", "POST", headers={
        "Content-Type": "application/x-www-form-urlencoded"},
        body=f"__ac_name={CLERK[0]}&__ac_password={CLERK[1]}&buttons.login=login"
             f"&came_from=https%3A%2F%2F{agency}%2Fden-{YEAR}")
    assert login.status == 302, login.text[:2000]
    assert login.header("Location")[0].startswith(f"https://{agency}/")
    cookie = [c for c in login.header("Set-Cookie") if c.startswith("__ac=")]
    assert cookie and "; secure" in cookie[0].lower(), login.header("Set-Cookie")
    session = cookie[0].split(";")[0]
    register = call(front, agency, f"/den-{YEAR}", headers={"Cookie": session, **JSON})
    assert register.status == 200 and register.json()["@id"] == f"https://{agency}/den-{YEAR}"


@pytest.mark.parametrize("host, path", [
    ("sttt", f"/den-{YEAR}?b_start:int=20&sort_on=arrival_number"),
    ("sttt", "/@@search?SearchableText=c%C3%B4ng%20v%C4%83n&x=1"),
    ("ubndcb", "/"),
    ("", "/login?came_from=%2Fsttt"),
])
def test_plain_http_is_redirected_to_the_same_address_on_https(front, host, path):
    name = f"{host}.{BASE}" if host else BASE
    answer = call(front, f"{name}:{front['http']}", path, https=False)
    assert answer.status == 301
    assert answer.header("Location") == [f"https://{name}:{front['https']}{path}"]
    assert answer.header(HSTS) == []  # never over plain HTTP


def test_plain_http_of_a_foreign_host_is_not_redirected(front):
    """nginx knows the shape of an agency host, not which agencies exist (the
    site answers an unknown one with 404, over HTTPS); a host of another
    shape is refused on port 80 itself, never sent to HTTPS."""
    for host in ("example.org", f"a.sttt.{BASE}", f"s.{BASE}", f"sttt.{BASE}.example.org"):
        answer = call(front, f"{host}:{front['http']}", "/", https=False)
        assert answer.status == 404 and answer.header("Location") == [], host


def assert_headers_once(answer, hsts):
    for name, value in security_headers.HEADERS:
        assert answer.header(name) == [value], (answer.status, name, answer.header(name))
    assert len(answer.header(HSTS)) == (1 if hsts else 0), answer.header(HSTS)
    if hsts:
        max_age = int(answer.header(HSTS)[0].split("max-age=")[1].split(";")[0])
        assert max_age >= 365 * 24 * 3600 and "includeSubDomains" in answer.header(HSTS)[0]


def test_hsts_and_security_headers_once_on_every_answer(front):
    agency = f"sttt.{BASE}:{front['https']}"
    zope = [call(front, agency, f"/den-{YEAR}", auth=CLERK),                # a page
            call(front, agency, f"/den-{YEAR}", auth=CLERK, headers=JSON),  # REST
            call(front, agency, "/login"),                                   # anonymous
            call(front, agency, "/no-such-page", auth=CLERK),                # Zope's 404
            call(front, agency, "/@@health")]                                # the filter's
    assert [a.status for a in zope] == [200, 200, 200, 404, 200]
    too_big = call(front, agency, f"/den-{YEAR}", "POST", b"x" * (4 * 1048576),
                   headers={**JSON, "Content-Type": "application/json"}, auth=CLERK)
    assert too_big.status == 413
    for answer in zope + [too_big]:
        assert_headers_once(answer, hsts=True)
    # nginx's own answers to foreign hosts and to plain HTTP: no HSTS there
    for answer in (call(front, f"example.org:{front['https']}", sni=f"sttt.{BASE}"),
                   call(front, f"{agency.split(':')[0]}:{front['http']}", https=False),
                   call(front, f"example.org:{front['http']}", https=False)):
        assert answer.status in (301, 404)
        assert_headers_once(answer, hsts=False)


def handshake(port, version, server_name):
    """The TLS version agreed with a client offering only ``version`` (and
    every cipher OpenSSL has, so that the server's choice is what counts),
    or the error the server's alert gave."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        context.minimum_version = context.maximum_version = version
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw, \
                context.wrap_socket(raw, server_hostname=server_name) as tls:
            return tls.version()
    except ssl.SSLError as error:
        return str(error)


def test_only_tls_12_and_13(front):
    port = front["https"]
    for name in (f"sttt.{BASE}", BASE, None):
        refused = handshake(port, ssl.TLSVersion.TLSv1_1, name)
        assert "ALERT_PROTOCOL_VERSION" in refused, (name, refused)
        assert handshake(port, ssl.TLSVersion.TLSv1_2, name) == "TLSv1.2"
        assert handshake(port, ssl.TLSVersion.TLSv1_3, name) == "TLSv1.3"


def test_the_client_here_can_speak_tls_11(front, tmp_path):
    """Control of the test above: the same generated configuration with TLS
    1.1 (and its ciphers) allowed, and the same client gets TLS 1.1."""
    port = free_port()
    config = front["config"].replace(f"127.0.0.1:{front['https']}", f"127.0.0.1:{port}")
    config = config.replace(f"listen 127.0.0.1:{front['http']}", f"listen 127.0.0.1:{free_port()}")
    widened = config.replace("ssl_protocols TLSv1.2 TLSv1.3;",
                             "ssl_protocols TLSv1.1 TLSv1.2 TLSv1.3;")
    widened = widened.replace("ssl_ciphers ECDHE", "ssl_ciphers DEFAULT:@SECLEVEL=0:ECDHE")
    assert widened.count("TLSv1.1") == 3
    with running_nginx(tmp_path, widened, port):
        assert handshake(port, ssl.TLSVersion.TLSv1_1, f"sttt.{BASE}") == "TLSv1.1"


def test_a_body_above_the_upload_limit_is_refused_before_zope(front):
    """client_max_body_size follows qlvbdh.max_upload_mb (1 MB here): nginx
    answers 413 from the Content-Length alone, without waiting for the body
    (which never comes): Zope never sees the request. A body within the
    limit reaches Zope, which refuses the file itself with its own
    sentence, and registers nothing either."""
    agency = f"sttt.{BASE}:{front['https']}"
    before = call(front, agency, f"/den-{YEAR}", auth=CLERK, headers=JSON).json()["items_total"]
    log = front["nginx"] / "logs" / "error.log"
    logged = log.read_text().count("client intended to send too large body")
    context = verified(front["cert"])
    auth = base64.b64encode(":".join(CLERK).encode()).decode()
    with socket.create_connection(("127.0.0.1", front["https"]), timeout=10) as raw, \
            context.wrap_socket(raw, server_hostname=f"sttt.{BASE}") as tls:
        tls.sendall(f"POST /den-{YEAR} HTTP/1.1\r\nHost: {agency}\r\n"
                    f"Authorization: Basic {auth}\r\nAccept: application/json\r\n"
                    f"Content-Type: application/json\r\nContent-Length: {3 * 1048576 + 1}\r\n"
                    "\r\n".encode())
        started = time.monotonic()
        head = tls.recv(200)
    assert head.startswith(b"HTTP/1.1 413 "), head
    assert time.monotonic() - started < 5
    assert log.read_text().count("client intended to send too large body") == logged + 1
    # within the limit: Zope answers, naming the rule (1.4 MB file, 1 MB allowed)
    within = call(front, agency, f"/den-{YEAR}", "POST", registration("lon", 13, 1_400_000),
                  headers={**JSON, "Content-Type": "application/json"}, auth=CLERK)
    assert within.status == 400, (within.status, within.text[:2000])
    message = within.json()["message"]
    assert "lon.pdf" in message and "tối đa cho phép là 1 MB" in message, message
    after = call(front, agency, f"/den-{YEAR}", auth=CLERK, headers=JSON).json()["items_total"]
    assert after == before


def test_the_configuration_loads_in_debians_nginx_conf(tmp_path):
    """The file goes into /etc/nginx/sites-available beside Debian's own
    nginx.conf, whose http block sets ssl_protocols too (TLS 1.0 and 1.1
    included): nginx accepts it there (`nginx -t`), and Debian's default
    site must go (its default_server on port 80)."""
    cert, key = make_certificate(tmp_path)
    (tmp_path / "qlvbdh.conf").write_text(nginx_config(BASE, "qlvbdh", tls=(str(cert), str(key))))
    (tmp_path / "default").write_text(Path("/etc/nginx/sites-available/default").read_text())
    debian = Path("/etc/nginx/nginx.conf").read_text()
    assert "ssl_protocols TLSv1 TLSv1.1" in debian

    def check(sites):
        text = debian.replace("include /etc/nginx/sites-enabled/*;", sites)
        text = text.replace("pid /run/nginx.pid;", f"pid {tmp_path}/nginx.pid;")
        text = text.replace("/var/log/nginx/", f"{tmp_path}/")
        (tmp_path / "nginx.conf").write_text(text)
        return subprocess.run(["/usr/sbin/nginx", "-t", "-c", str(tmp_path / "nginx.conf"),
                               "-e", str(tmp_path / "error.log")],
                              capture_output=True, text=True, timeout=60)

    alone = check(f"include {tmp_path}/qlvbdh.conf;")
    assert alone.returncode == 0, alone.stderr
    both = check(f"include {tmp_path}/qlvbdh.conf; include {tmp_path}/default;")
    assert both.returncode != 0 and "duplicate default server" in both.stderr
