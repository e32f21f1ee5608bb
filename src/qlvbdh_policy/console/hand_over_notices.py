"""Daily notice of case files due for hand-over to the agency's archive,
30 days before their deadline (NĐ 30/2020 Phụ lục VI III.5.b), once per
case file (cron, Vietnam morning: ``make hand-over-notices``)."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import transaction


def main(app, argv):
    args = parser("hand_over_notices", with_date=True).parse_args(argv)
    from plone import api
    from qlvbdh_policy.casefiles.handover import send_notices

    open_site(app, args.site)
    with api.env.adopt_roles(["Manager"]):
        sent = send_notices(args.date)
    transaction.commit()  # the mails are queued on commit (mail_queue)
    mailhost = api.portal.get_tool("MailHost")
    left = mailhost.send_queued_now() if hasattr(mailhost, "send_queued_now") else 0
    print(f"Hand-over notices: {len(sent)} case files" + (f", {left} mails queued" if left else ""))
    return sent
