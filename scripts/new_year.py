# The new year's register books; run inside Zope from cron at 00:05 on 1 January (Vietnam time):
#   zconsole run var/etc/zope.conf scripts/new_year.py   (make new-year)
#   bin/instance run scripts/new_year.py                  (buildout)
# With the instance running (FileStorage), POST <site>/@new-year as a site manager instead.
from qlvbdh_policy.console.new_year import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("new_year.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
