"""1003 → 1004: Vietnamese search. Full-text search folds every Vietnamese
letter: the Vietnamese lexicon, then SearchableText, Title and Description
re-created on it and reindexed (existing content becomes findable without
marks; documents' full text now carries their number and notation). Titles
of agencies, departments, registers and documents sort in Vietnamese
order; outgoing documents are dated by their issue date in the catalog."""

from plone import api
from qlvbdh_policy import PROFILE_ID
from qlvbdh_policy.search.text_indexes import use_vietnamese_lexicon

# their full text and sort order changed
SORTED_TYPES = ["Agency", "Department", "Register", "IncomingDocument", "OutgoingDocument"]


def apply_vietnamese_lexicon(context):
    context.runImportStepFromProfile("profile-" + PROFILE_ID, "catalog", run_dependencies=False)
    use_vietnamese_lexicon()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=SORTED_TYPES):
        brain._unrestrictedGetObject().reindexObject(
            idxs=["SearchableText", "sortable_title", "doc_date"])
