# Creates or updates the site; run inside Zope, which gives ``app``:
#   zconsole run ZOPE_CONF scripts/setup_site.py [--demo DIR]   (make run)
#   bin/instance run scripts/setup_site.py [--demo DIR]         (buildout)
from qlvbdh_policy.console.setup_site import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("setup_site.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
