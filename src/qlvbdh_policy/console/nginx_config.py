"""Print the nginx configuration for every agency of the site (production
reverse proxy; see vhosting.py)."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser


def main(app, argv):
    cli = parser("nginx_config")
    cli.add_argument("--base", default="vpdtg.vn", help="base domain (vpdtg.vn)")
    cli.add_argument("--upstream", default="127.0.0.1:8080",
                     help="host:port of the Zope instances, comma-separated")
    cli.add_argument("--listen", default="80")
    args = cli.parse_args(argv)
    from qlvbdh_policy.vhosting import nginx_config
    from qlvbdh_policy.vhosting import site_agencies

    site = open_site(app, args.site)
    text = nginx_config(args.base, args.site, site_agencies(site), args.upstream, args.listen)
    print(text)
    return text
