"""1010 → 1011: the earliest accepted document date
(``qlvbdh.min_document_date``, 01/01/1945), read by the plausibility rules
of document dates (rules/plausible.py)."""

from qlvbdh_policy.upgrades.v1002 import import_registry_file


def add_min_document_date(context):
    import_registry_file(context, "documents.xml")
