"""1011 → 1012: storage that grows with the documents (issue 15).

The full-text indexes keep long word lists in records of their own
(search/okapi.py; emptied and reindexed from the documents, whose file
text is already stored), and each file's stored text becomes a record of
its own instead of a value inside the object's annotations
(search/text_cache.py)."""

from plone import api
from qlvbdh_policy.search.text_cache import move_apart
from qlvbdh_policy.search.text_indexes import keep_word_lists_apart


def keep_large_values_apart(context):
    keep_word_lists_apart()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
            portal_type=["IncomingDocument", "OutgoingDocument", "File"]):
        obj = brain._unrestrictedGetObject()
        move_apart(obj)
