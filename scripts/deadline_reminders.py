# Daily deadline e-mails; run inside Zope, e.g. from cron at 07:00 Vietnam time:
#   zconsole run var/etc/zope.conf scripts/deadline_reminders.py   (make remind)
#   bin/instance run scripts/deadline_reminders.py                  (buildout)
from qlvbdh_policy.console.deadline_reminders import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("deadline_reminders.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
