"""1004 → 1005: register books. A register's page is its book (Phụ lục IV
columns, filters, print, PDF, XLSX); new catalog indexes (book_number,
correspondents, handlers) and the metadata the books print, filled for
existing documents."""

from plone import api
from qlvbdh_policy import PROFILE_ID

BOOK_INDEXES = ["book_number", "correspondents", "handlers"]


def apply_register_books(context):
    for step in ("catalog", "typeinfo"):
        context.runImportStepFromProfile("profile-" + PROFILE_ID, step, run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
            portal_type=["IncomingDocument", "OutgoingDocument"]):
        # the named indexes, and the metadata row (always rewritten)
        brain._unrestrictedGetObject().reindexObject(idxs=BOOK_INDEXES)
