"""Print the nginx configuration for every agency of the site (production
reverse proxy; see vhosting.py)."""

from qlvbdh_policy.console.setup_site import SITE_ID

import argparse


def main(app, argv):
    parser = argparse.ArgumentParser(prog="nginx_config")
    parser.add_argument("--site", default=SITE_ID)
    parser.add_argument("--base", default="vpdtg.vn", help="base domain (vpdtg.vn)")
    parser.add_argument("--upstream", default="127.0.0.1:8080",
                        help="host:port of the Zope instances, comma-separated")
    parser.add_argument("--listen", default="80")
    args = parser.parse_args(argv)
    from qlvbdh_policy.vhosting import nginx_config
    from qlvbdh_policy.vhosting import site_agencies
    from zope.component.hooks import setSite

    site = app[args.site]
    setSite(site)
    text = nginx_config(args.base, args.site, site_agencies(site), args.upstream, args.listen)
    print(text)
    return text
