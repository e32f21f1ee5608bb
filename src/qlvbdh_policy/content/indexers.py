"""Catalog indexers: register pages render from catalog metadata."""

from plone.indexer import indexer
from qlvbdh_policy.interfaces import IIncomingDocument
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.interfaces import IRegister
from qlvbdh_policy.rules.duplicates import incoming_duplicate_key


@indexer(IIncomingDocument)
def duplicate_key(obj):
    return incoming_duplicate_key(obj)


@indexer(IRegister)
def register_kind(obj):
    return obj.kind


@indexer(IOfficialDocument)
def document_code(obj):
    """Số, ký hiệu as shown in the register: '123/UBND-VP'."""
    return obj.code or None


@indexer(IOfficialDocument)
def code_number(obj):
    """As printed ('03'): a string on every document (``document_fields.
    code_number``); outgoing documents issued before upgrade 1019 may hold an
    integer until it runs."""
    return str(obj.code_number) if obj.code_number else None

