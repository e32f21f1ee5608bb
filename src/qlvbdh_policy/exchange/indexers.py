"""The catalog index ``edxml_document_id``: the DocumentId of a document
received as an edXML message (``inbox``), so a second copy of the same
message is found without reading the agency's documents."""

from plone.indexer import indexer
from qlvbdh_policy.interfaces import IIncomingDocument


@indexer(IIncomingDocument)
def edxml_document_id(obj):
    value = getattr(obj, "edxml_document_id", None)
    if not value:
        raise AttributeError("edxml_document_id")
    return value
