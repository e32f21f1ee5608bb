# Run by `zconsole run ZOPE_CONF scripts/setup_site.py [--demo DIR]`, which
# gives ``app`` and leaves sys.argv as zconsole received it.
import sys

from qlvbdh_policy.console.setup_site import main

main(app, sys.argv[4:])  # noqa: F821
