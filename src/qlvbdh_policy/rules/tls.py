"""The TLS policy of the front door (issue 15, security of the front door;
Quy chế Điều 5.2: the system's transmission is kept secure; Điều 6: every
agency is a subdomain of the province's domain).

Pure: the protocol versions and ciphers nginx offers, the HSTS header, the
address an HTTP request is redirected to, and the check of the certificate
and key paths an administrator gives (``make nginx-config TLS_CERT=…
TLS_KEY=…``) before they are written into nginx's configuration.
"""

import re

# TLS 1.0 and 1.1 are refused (RFC 8996); 1.2 with forward-secret AEAD
# ciphers only, 1.3 with OpenSSL's own (it does not read ssl_ciphers).
PROTOCOLS = "TLSv1.2 TLSv1.3"
CIPHERS = ":".join((
    "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
))
# A browser that once saw the site over HTTPS asks for HTTPS for a year,
# on the base domain and on every agency's host (includeSubDomains).
HSTS_MAX_AGE = 365 * 24 * 3600
HSTS = ("Strict-Transport-Security", f"max-age={HSTS_MAX_AGE}; includeSubDomains")

# a path nginx reads as one plain word: no spaces, quotes, ';', braces,
# '$' (nginx would take a variable), '#' or control characters
PLAIN_PATH = re.compile(r"/[A-Za-z0-9._/+@=,:~-]+")


def port_of(listen):
    """The port of an nginx ``listen`` value ('443', '10.0.0.5:443',
    '[::]:443', '443 ssl' are all 443)."""
    address = str(listen).split()[0] if str(listen).strip() else ""
    port = address.rsplit(":", 1)[-1]
    if not port.isdigit():
        raise ValueError(f"not a port: {listen!r}")
    return int(port)


def https_redirect(listen_https):
    """The target of the 301 from HTTP: the same host, path and query on
    HTTPS (nginx's $host has no port; the HTTPS port is written only when
    it is not 443)."""
    port = port_of(listen_https)
    return "https://$host" + ("" if port == 443 else f":{port}") + "$request_uri"


def certificate_path(path, what="TLS_CERT"):
    """``path`` as it goes into nginx's configuration; ValueError naming
    ``what`` when it is not an absolute plain path (nginx would read a
    relative one from its own folder, and a space or ';' would end the
    directive)."""
    if not path or not PLAIN_PATH.fullmatch(path):
        raise ValueError(f"{what} must be an absolute file path of letters, digits and "
                         f"._/+@=,:~- (got {path!r})")
    if "/../" in path + "/" or "/./" in path + "/":
        raise ValueError(f"{what} must not contain /./ or /../ (got {path!r})")
    return path


def certificate_pair(cert, key):
    """(cert, key) checked, or None for plain HTTP when neither is given;
    one without the other is refused."""
    if not cert and not key:
        return None
    if not cert or not key:
        missing = "TLS_CERT" if not cert else "TLS_KEY"
        raise ValueError(f"HTTPS needs both TLS_CERT and TLS_KEY; {missing} is missing")
    return certificate_path(cert, "TLS_CERT"), certificate_path(key, "TLS_KEY")
