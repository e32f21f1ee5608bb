# Nightly pruning of the documents' access log; run inside Zope, e.g. from cron at 02:30:
#   zconsole run var/etc/zope.conf scripts/prune_access_log.py   (make prune-access-log)
#   bin/instance run scripts/prune_access_log.py                  (buildout)
from qlvbdh_policy.console.prune_access_log import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("prune_access_log.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
