"""1014 → 1015: the duplicate warning follows NĐ 30/2020 Phụ lục VI III.1.h
(issue 17): number, notation and issuing agency, in the same year; the
document's day no longer counts. The keys stored in the catalog carried the
day, so the index is rebuilt from the documents."""

from plone import api


def reindex_duplicate_keys(context):
    api.portal.get_tool("portal_catalog").manage_reindexIndex(ids=["duplicate_key"])
