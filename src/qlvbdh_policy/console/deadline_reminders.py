"""Daily e-mail of overdue and due-soon documents (cron, Vietnam morning)."""

from qlvbdh_policy.console.setup_site import SITE_ID

import argparse
import datetime
import transaction


def main(app, argv):
    parser = argparse.ArgumentParser(prog="deadline_reminders")
    parser.add_argument("--site", default=SITE_ID)
    parser.add_argument("--date", help="yyyy-mm-dd; default today in Vietnam")
    args = parser.parse_args(argv)
    from plone import api
    from qlvbdh_policy.notifications import deadline_digests
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite

    app = makerequest(app)
    site = app[args.site]
    setSite(site)
    today = datetime.date.fromisoformat(args.date) if args.date else None
    with api.env.adopt_roles(["Manager"]):
        sent = deadline_digests(today)
    transaction.commit()  # the MailHost sends on commit
    print(f"Deadline reminders: {len(sent)} people")
    return sent
