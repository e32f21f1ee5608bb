# One agency's own export (Quy chế Điều 8.4): its register books (XLSX), every
# document's metadata (JSON) and files, an index; run inside Zope:
#   zconsole run var/etc/zope-readonly.conf scripts/export_agency.py sttt --output exports   (make export-agency)
#   bin/instance run scripts/export_agency.py sttt --output exports                  (buildout)
from qlvbdh_policy.console.export_agency import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("export_agency.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
