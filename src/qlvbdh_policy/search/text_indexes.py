"""The full-text indexes (SearchableText, Title, Description) on the
Vietnamese lexicon. A ZCTextIndex keeps the lexicon it was created with,
so switching means re-creating the index and reindexing it; done once, at
install and by the upgrade step, and skipped when already done.

Their word lists are kept apart (search/okapi.py): a document with a long
text no longer makes every neighbouring registration rewrite it."""

from plone import api
from qlvbdh_policy.search.okapi import SeparateOkapiIndex

LEXICON_ID = "qlvbdh_lexicon"
TEXT_INDEXES = ("SearchableText", "Title", "Description")


class _Extra:
    """The ``extra`` record ZCatalog.addIndex reads for a ZCTextIndex."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


def use_vietnamese_lexicon(catalog=None):
    """Returns the ids of the indexes it re-created (and reindexed)."""
    catalog = catalog or api.portal.get_tool("portal_catalog")
    if LEXICON_ID not in catalog.objectIds():
        raise RuntimeError(f"{LEXICON_ID} missing: import the catalog step first")
    changed = []
    for index_id in TEXT_INDEXES:
        index = catalog._catalog.indexes.get(index_id)
        if index is not None and getattr(index, "lexicon_id", None) == LEXICON_ID:
            continue
        if index is not None:
            catalog.delIndex(index_id)
        catalog.addIndex(index_id, "ZCTextIndex", _Extra(
            index_type="Okapi BM25 Rank", lexicon_id=LEXICON_ID, doc_attr=index_id))
        changed.append(index_id)
    if changed:
        keep_word_lists_apart(catalog, reindex=False)
        catalog.manage_reindexIndex(ids=changed)
    return changed


def keep_word_lists_apart(catalog=None, reindex=True):
    """Give the text indexes the index class of search/okapi.py (emptied,
    then reindexed from the documents); returns the ids it changed."""
    catalog = catalog or api.portal.get_tool("portal_catalog")
    changed = []
    for index_id in TEXT_INDEXES:
        if index_id not in catalog._catalog.indexes:
            continue
        index = catalog._catalog.getIndex(index_id)  # wrapped: it finds its lexicon
        if isinstance(index.index, SeparateOkapiIndex):
            continue
        index._index_factory = SeparateOkapiIndex
        index.clear()  # a new, empty SeparateOkapiIndex on the same lexicon
        changed.append(index_id)
    if changed and reindex:
        catalog.manage_reindexIndex(ids=changed)
    return changed
