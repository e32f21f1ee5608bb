"""Daily e-mail of overdue and due-soon documents (cron, Vietnam morning)."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import transaction


def main(app, argv):
    args = parser("deadline_reminders", with_date=True).parse_args(argv)
    from plone import api
    from qlvbdh_policy.routing.notifications import deadline_digests

    open_site(app, args.site)
    with api.env.adopt_roles(["Manager"]):
        sent = deadline_digests(args.date)
    transaction.commit()  # the MailHost sends on commit
    print(f"Deadline reminders: {len(sent)} people")
    return sent
