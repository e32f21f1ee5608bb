# The digital signatures of stored documents checked in bulk; run inside Zope, e.g. from cron
# each night and after a trust root was installed or removed:
#   zconsole run var/etc/zope.conf scripts/verify_signatures.py [--agency sttt]
#       [--since 2026-01-01] [--only-unchecked] [--all] [--batch 20]      (make verify-signatures)
#   bin/instance run scripts/verify_signatures.py                          (buildout)
from qlvbdh_policy.console.verify_signatures import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("verify_signatures.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
