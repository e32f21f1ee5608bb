"""1022 → 1023: the print mark's site setting ``qlvbdh.stamp_document_pdfs``
(off: a document's own PDF is downloaded as filed) and the place written
on the reports ``qlvbdh.report_place`` (Tiền Giang); issue 18, NĐ 30/2020
Phụ lục VI III.6.k, Phụ lục I II.4."""

from qlvbdh_policy.upgrades.v1002 import import_registry_file


def add_printing_records(context):
    import_registry_file(context, "printing.xml")
