"""The front door's TLS rules (issue 15, security of the front door) and
the text of the generated nginx configuration with and without a
certificate. Pure: no nginx, no Zope (tests/production/test_production_https.py runs
them)."""

from qlvbdh_policy.agencies.vhosting import nginx_config
from qlvbdh_policy.rules import security_headers
from qlvbdh_policy.rules import tls

import pytest
import re

CERT = ("/etc/ssl/vpdtg/fullchain.pem", "/etc/ssl/vpdtg/privkey.pem")


@pytest.mark.parametrize("listen, port", [
    ("443", 443), (443, 443), ("10.0.0.5:443", 443), ("[::]:8443", 8443),
    ("127.0.0.1:18443 ssl", 18443), ("80", 80),
])
def test_port_of(listen, port):
    assert tls.port_of(listen) == port


@pytest.mark.parametrize("listen", ["", "10.0.0.5", "[::1]", "https", "443x"])
def test_port_of_refuses_what_names_no_port(listen):
    with pytest.raises(ValueError):
        tls.port_of(listen)


@pytest.mark.parametrize("listen, target", [
    ("443", "https://$host$request_uri"),
    ("10.0.0.5:443", "https://$host$request_uri"),
    ("127.0.0.1:18443", "https://$host:18443$request_uri"),
])
def test_https_redirect_keeps_host_path_and_query(listen, target):
    assert tls.https_redirect(listen) == target


@pytest.mark.parametrize("path", [
    "/etc/letsencrypt/live/vpdtg.vn/fullchain.pem",
    "/etc/ssl/private/vpdtg.vn+wildcard.key",
    "/srv/qlvbdh/tls/cert_2026-11.pem",
])
def test_plain_absolute_paths_are_kept(path):
    assert tls.certificate_path(path) == path


@pytest.mark.parametrize("path", [
    "", None, "cert.pem", "tls/cert.pem", "~/cert.pem",
    "/etc/ssl/my cert.pem",            # a space ends nginx's word
    "/etc/ssl/cert.pem; include /x",  # a directive smuggled in
    "/etc/ssl/$host.pem",             # nginx would read a variable
    "/etc/ssl/\"cert\".pem", "/etc/ssl/cert.pem\n", "/etc/ssl/{cert}.pem",
    "/etc/ssl/#cert.pem", "/etc/ssl/../../root/key.pem", "/etc/./ssl/cert.pem",
])
def test_other_paths_are_refused_naming_the_setting(path):
    with pytest.raises(ValueError, match="TLS_KEY"):
        tls.certificate_path(path, "TLS_KEY")


def test_certificate_pair():
    assert tls.certificate_pair("", "") is None
    assert tls.certificate_pair(None, None) is None
    assert tls.certificate_pair(*CERT) == CERT
    with pytest.raises(ValueError, match="TLS_KEY is missing"):
        tls.certificate_pair(CERT[0], "")
    with pytest.raises(ValueError, match="TLS_CERT is missing"):
        tls.certificate_pair("", CERT[1])
    with pytest.raises(ValueError, match="TLS_CERT"):
        tls.certificate_pair("cert.pem", CERT[1])


def test_hsts_lasts_a_year_on_every_agency_host():
    name, value = tls.HSTS
    assert name == "Strict-Transport-Security"
    assert int(re.search(r"max-age=(\d+)", value).group(1)) >= 365 * 24 * 3600
    assert "includeSubDomains" in value


def test_only_tls_12_and_13():
    assert tls.PROTOCOLS.split() == ["TLSv1.2", "TLSv1.3"]
    assert all(c.startswith("ECDHE-") and ("GCM" in c or "CHACHA20" in c)
               for c in tls.CIPHERS.split(":"))


def servers(config):
    """{first line of a server block's listen: the block's text}."""
    blocks = re.findall(r"^server \{\n(.*?)^\}\n", config, re.S | re.M)
    return [(re.search(r"listen ([^;]+);", b).group(1),
             re.search(r"server_name ([^;]+);", b).group(1), b) for b in blocks]


def test_https_configuration():
    config = nginx_config("vpdtg.vn", "qlvbdh", "127.0.0.1:8080", tls=CERT)
    blocks = servers(config)
    names = [(listen, name) for listen, name, _ in blocks]
    agencies = '"~^(?<qlvbdh_agency>[a-z][a-z0-9]{1,30})\\.vpdtg\\.vn$"'
    assert names == [("80 default_server", "_"), ("443 ssl default_server", "_"),
                     ("80", f"vpdtg.vn {agencies}"),
                     ("443 ssl", "vpdtg.vn"), ("443 ssl", agencies)]
    catch_http, catch_https, redirect, portal, agency = (b for _, _, b in blocks)
    assert "return 404;" in catch_http and "return 404;" in catch_https
    assert "return 301 https://$host$request_uri;" in redirect
    assert "proxy_pass" not in redirect and "proxy_pass" not in catch_https
    for block in (catch_https, portal, agency):
        assert f"ssl_certificate {CERT[0]};" in block
        assert f"ssl_certificate_key {CERT[1]};" in block
        assert "ssl_protocols TLSv1.2 TLSv1.3;" in block
    for block in (portal, agency):
        assert block.count("add_header Strict-Transport-Security "
                           "\"max-age=31536000; includeSubDomains\" always;") == 1
        assert "proxy_hide_header Strict-Transport-Security;" in block
        assert "proxy_cookie_flags ~ secure;" in block
        assert "client_max_body_size 68m;" in block
        assert "proxy_set_header X-Forwarded-Proto $scheme;" in block
        assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in block
        assert "/VirtualHostBase/$scheme/$host:$server_port/qlvbdh" in block
    # HSTS never over plain HTTP (browsers ignore it there), nor for unknown hosts
    for block in (catch_http, redirect, catch_https):
        assert "Strict-Transport-Security" not in block
    # every server adds the site's headers where an answer has none
    for _, _, block in blocks:
        for name, _value in security_headers.HEADERS:
            assert block.count(f"add_header {name} ") == 1


def test_security_headers_are_added_only_where_zope_sent_none():
    config = nginx_config("vpdtg.vn", "qlvbdh")
    for name, value in security_headers.HEADERS:
        variable = "$qlvbdh_" + name.lower().replace("-", "_")
        upstream = "$upstream_http_" + name.lower().replace("-", "_")
        assert f"map {upstream} {variable} {{\n    \"\" \"{value}\";\n    default \"\";\n}}" \
            in config
        assert f"add_header {name} {variable} always;" in config
        assert f"proxy_hide_header {name};" not in config


def test_plain_http_without_a_certificate():
    config = nginx_config("vpdtg.vn", "qlvbdh", "127.0.0.1:8080", listen="127.0.0.1:8000")
    names = [(listen, name) for listen, name, _ in servers(config)]
    assert [listen for listen, _ in names] == ["127.0.0.1:8000 default_server",
                                               "127.0.0.1:8000", "127.0.0.1:8000"]
    assert "plain HTTP on 127.0.0.1:8000" in config.splitlines()[0]
    for word in ("ssl", "Strict-Transport-Security", "return 301", "proxy_cookie_flags"):
        assert word not in config


def test_https_on_other_ports():
    config = nginx_config("vpdtg.vn", "qlvbdh", listen="127.0.0.1:18480", tls=CERT,
                          listen_https="127.0.0.1:18443")
    assert "return 301 https://$host:18443$request_uri;" in config
    assert "listen 127.0.0.1:18443 ssl default_server;" in config
    assert config.splitlines()[0].endswith(
        "HTTPS on 127.0.0.1:18443, HTTP on 127.0.0.1:18480 redirected")
