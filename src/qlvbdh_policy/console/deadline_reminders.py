"""Daily e-mail of overdue and due-soon documents (cron, Vietnam morning)."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import transaction


def main(app, argv):
    args = parser("deadline_reminders", with_date=True).parse_args(argv)
    from plone import api
    from qlvbdh_policy.routing.notifications import deadline_digests

    open_site(app, args.site)
    from qlvbdh_policy.consultation.rounds import forget_expired

    with api.env.adopt_roles(["Manager"]):
        forget_expired(args.date)  # past rounds of comments leave the lists
        sent = deadline_digests(args.date)
    transaction.commit()  # the mails are queued on commit (mail_queue)
    # sent before this process ends; what the server refuses for now stays in
    # the queue, which the running instances share and send later
    mailhost = api.portal.get_tool("MailHost")
    left = mailhost.send_queued_now() if hasattr(mailhost, "send_queued_now") else 0
    print(f"Deadline reminders: {len(sent)} people" + (f", {left} mails queued" if left else ""))
    return sent
