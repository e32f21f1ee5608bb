"""Print the nginx configuration for every agency of the site (production
reverse proxy; see vhosting.py)."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser


def main(app, argv):
    cli = parser("nginx_config")
    cli.add_argument("--base", default=None,
                     help="base domain (vpdtg.vn); by default that of the site setting "
                          "qlvbdh.public_base_url")
    cli.add_argument("--upstream", default="127.0.0.1:8080",
                     help="host:port of the Zope instances, separated by spaces or commas")
    cli.add_argument("--listen", default="80", help="nginx's listen: port or address:port")
    args = cli.parse_args(argv)
    from plone import api
    from qlvbdh_policy.rules.files import request_body_limit
    from qlvbdh_policy.rules.hosts import base_domain
    from qlvbdh_policy.validation import max_upload_bytes
    from qlvbdh_policy.vhosting import nginx_config
    from qlvbdh_policy.vhosting import site_agencies

    site = open_site(app, args.site)
    base = args.base or base_domain(
        api.portal.get_registry_record("qlvbdh.public_base_url", default=None))
    if not base:
        raise SystemExit("Set the site setting qlvbdh.public_base_url "
                         "(https://vpdtg.vn) or give --base.")
    text = nginx_config(base, args.site, args.upstream, args.listen, site_agencies(site),
                        max_body=request_body_limit(max_upload_bytes()))
    print(text)
    return text
