"""Scripts run inside Zope (zconsole run / bin/instance run)."""

from qlvbdh_policy.console.setup_site import SITE_ID

import argparse
import datetime


def parser(prog, with_date=False):
    """The options every cron script shares: --site, and --date if asked."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--site", default=SITE_ID)
    if with_date:
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None,
                            help="yyyy-mm-dd; default today in Vietnam")
    return parser


def open_site(app, site_id):
    """The site with a request and its component registry, as in a web request."""
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite

    site = makerequest(app)[site_id]
    setSite(site)
    return site
