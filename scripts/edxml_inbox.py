# The drop folder of received edXML messages; run inside Zope, e.g. from cron every 5 minutes:
#   zconsole run var/etc/zope.conf scripts/edxml_inbox.py --dir var/edxml-inbox   (make edxml-inbox)
#   bin/instance run scripts/edxml_inbox.py --dir var/edxml-inbox                   (buildout)
from qlvbdh_policy.console.edxml_inbox import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("edxml_inbox.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
