"""What full-text search sees of a document: its summary and its number
and notation as printed ("123/UBND-VP", "03/2014/QĐ-UBND"), the issuing
agency, the signer, the receiving unit and notes. The lexicon splits the
notation into words and folds them, so "123/ubnd-vp", "UBND-VP" and
"03/2014/QD-UBND" find it (a phrase query: the words side by side)."""

from plone.indexer import indexer
from qlvbdh_policy.interfaces import IOfficialDocument


@indexer(IOfficialDocument)
def searchable_text(obj):
    fields = ("title", "description", "code", "sender_name", "signer_name",
              "recipient_unit", "notes")
    return " ".join(str(v) for v in (getattr(obj, f, None) for f in fields) if v)
