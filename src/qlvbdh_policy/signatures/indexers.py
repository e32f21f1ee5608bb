"""``signature_status``: the class of the document's signatures as
metadata, for the register book's column (read from the brain)."""

from plone.indexer import indexer
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.signatures.checking import status_of


@indexer(IOfficialDocument)
def signature_status(obj):
    return status_of(obj)
