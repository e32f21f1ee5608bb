"""Open the new year's register books (cron, just after midnight on
1 January, Vietnam time); running it again changes nothing."""

from qlvbdh_policy.console.setup_site import SITE_ID

import argparse
import datetime
import transaction


def main(app, argv):
    parser = argparse.ArgumentParser(prog="new_year")
    parser.add_argument("--site", default=SITE_ID)
    parser.add_argument("--date", help="yyyy-mm-dd; default today in Vietnam")
    args = parser.parse_args(argv)
    from qlvbdh_policy.registers.closing import last_number
    from qlvbdh_policy.registers.closing import open_new_year
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite

    app = makerequest(app)
    site = app[args.site]
    setSite(site)
    today = datetime.date.fromisoformat(args.date) if args.date else None
    done = open_new_year(site, today)
    transaction.commit()
    for old, new in done:
        print(f"{'/'.join(old.getPhysicalPath())} (last number {last_number(old)}) -> "
              f"{'/'.join(new.getPhysicalPath())}")
    print(f"New year: {len(done)} register books")
    return done
