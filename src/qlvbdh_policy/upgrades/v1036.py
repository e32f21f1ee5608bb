"""1035 → 1036: digital signatures (issue 21, ``signatures/``).

- the catalog metadata ``signature_status`` (the register book's column),
  added empty: no stored document is verified by the step, as reading
  every PDF of a province takes long; a document is checked when its
  files change or when someone asks "Kiểm tra lại" on its page (REST
  ``POST <document>/@signatures``);
- the Site Setup entry "Chứng thư số gốc tin cậy" (``@@trust-roots``)."""

from plone import api
from qlvbdh_policy import PROFILE_ID

COLUMN = "signature_status"


def add_signatures(context=None):
    catalog = api.portal.get_tool("portal_catalog")
    if COLUMN not in catalog.schema():
        catalog.addColumn(COLUMN)
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(f"profile-{PROFILE_ID}", "controlpanel",
                                   run_dependencies=False)
