# Daily notice of case files due for hand-over (30 days before); run inside
# Zope, e.g. from cron at 07:00 Vietnam time:
#   zconsole run var/etc/zope.conf scripts/hand_over_notices.py   (make hand-over-notices)
#   bin/instance run scripts/hand_over_notices.py                  (buildout)
from qlvbdh_policy.console.hand_over_notices import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("hand_over_notices.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
