"""Catalog indexers of the case files: which case files hold a document
(a document may be in several, Phụ lục VI III.4.e)."""

from plone.indexer import indexer
from qlvbdh_policy.interfaces import ICaseFile


@indexer(ICaseFile)
def case_file_documents(obj):
    return list(obj.documents or ())
