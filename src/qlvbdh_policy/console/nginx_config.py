"""Print the nginx configuration for every agency of the site (production
reverse proxy; see vhosting.py)."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import sys


def main(app, argv):
    cli = parser("nginx_config")
    cli.add_argument("--base", default=None,
                     help="base domain (vpdtg.vn); by default that of the site setting "
                          "qlvbdh.public_base_url")
    cli.add_argument("--upstream", default="127.0.0.1:8080",
                     help="host:port of the Zope instances, separated by spaces or commas")
    cli.add_argument("--listen", default="80", help="HTTP: port or address:port (redirected to HTTPS with a certificate)")
    cli.add_argument("--listen-https", default="443")
    cli.add_argument("--tls-cert", default="", help="certificate (full chain) file: HTTPS")
    cli.add_argument("--tls-key", default="", help="its private key file")
    args = cli.parse_args(argv)
    from qlvbdh_policy.rules.tls import certificate_pair
    from qlvbdh_policy.rules.tls import port_of

    try:
        tls = certificate_pair(args.tls_cert, args.tls_key)
        port_of(args.listen_https)
    except ValueError as error:
        raise SystemExit(f"nginx-config: {error}")
    if tls is None:
        print("nginx-config: no TLS_CERT/TLS_KEY given: plain HTTP only (behind another "
              "HTTPS front, or for trying)", file=sys.stderr)
    from plone import api
    from qlvbdh_policy.agencies.vhosting import nginx_config
    from qlvbdh_policy.agencies.vhosting import site_agencies
    from qlvbdh_policy.content.validation import max_upload_bytes
    from qlvbdh_policy.rules.files import request_body_limit
    from qlvbdh_policy.rules.hosts import base_domain

    site = open_site(app, args.site)
    public = api.portal.get_registry_record("qlvbdh.public_base_url", default=None)
    base = args.base or base_domain(public)
    if not base:
        raise SystemExit("Set the site setting qlvbdh.public_base_url "
                         "(https://vpdtg.vn) or give --base.")
    text = nginx_config(base, args.site, args.upstream, args.listen, site_agencies(site),
                        max_body=request_body_limit(max_upload_bytes()), tls=tls,
                        listen_https=args.listen_https)
    if tls and not (public or "").startswith("https://"):
        print(f"nginx-config: the site setting qlvbdh.public_base_url is {public!r}: mails "
              f"sent by cron link that address; set it to https://{base}", file=sys.stderr)
    print(text)
    return text
