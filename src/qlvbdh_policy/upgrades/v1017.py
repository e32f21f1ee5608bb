"""1016 → 1017: the search form's fields (issue 16, NĐ 30/2020 Phụ lục VI
§III.6.d): words of the issuing agency, of the signer and of the number
and notation, on the Vietnamese lexicon. Only these indexes are added and
filled; the others are left as they are."""

from plone import api
from qlvbdh_policy.search.text_indexes import _Extra
from qlvbdh_policy.search.text_indexes import LEXICON_ID

# index id → the attribute (or indexer) it reads; as in catalog.xml
SEARCH_INDEXES = (("issuer_text", "issuer"), ("signer_text", "signer_name"),
                  ("code_text", "document_code"))


def add_search_indexes(context=None):
    """Returns the ids of the indexes it added (and filled)."""
    catalog = api.portal.get_tool("portal_catalog")
    added = []
    for index_id, attribute in SEARCH_INDEXES:
        if index_id in catalog._catalog.indexes:
            continue
        catalog.addIndex(index_id, "ZCTextIndex", _Extra(
            index_type="Okapi BM25 Rank", lexicon_id=LEXICON_ID, doc_attr=attribute))
        added.append(index_id)
    if added:
        catalog.manage_reindexIndex(ids=added)
    return added
