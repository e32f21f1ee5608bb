"""What full-text search sees of a document: its summary and its number
and notation as printed ("123/UBND-VP", "03/2014/QĐ-UBND"), the issuing
agency, the signer, the receiving unit and notes. The lexicon splits the
notation into words and folds them, so "123/ubnd-vp", "UBND-VP" and
"03/2014/QD-UBND" find it (a phrase query: the words side by side). The
text of the main file and of attached files is part of it.

Titles of the province's content sort in Vietnamese alphabetical order
(sortable_title), not in code-point order."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.indexer import indexer
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.interfaces import IDepartment
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.interfaces import IOutgoingDocument
from qlvbdh_policy.interfaces import IRegister
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.search.attachment_text import file_text


@indexer(IOfficialDocument)
def searchable_text(obj):
    fields = ("title", "description", "code", "sender_name", "signer_name",
              "recipient_unit", "notes")
    parts = [str(v) for v in (getattr(obj, f, None) for f in fields) if v]
    parts.append(file_text(obj, getattr(obj, "file", None)))
    for attachment in children(obj, "File"):
        parts.append(file_text(attachment, attachment.file))
    return " ".join(p for p in parts if p)



def title_sort_key(obj):
    return sort_key(obj.title)


document_sortable_title = indexer(IOfficialDocument)(title_sort_key)
agency_sortable_title = indexer(IAgency)(title_sort_key)
department_sortable_title = indexer(IDepartment)(title_sort_key)
register_sortable_title = indexer(IRegister)(title_sort_key)


def on_attachment_changed(attachment, event):
    """A file added to or replaced in a document changes what finds it."""
    parent = aq_parent(aq_inner(attachment))
    if IOfficialDocument.providedBy(parent):
        parent.reindexObject(idxs=["SearchableText"])


@indexer(IOutgoingDocument)
def outgoing_doc_date(obj):
    """An outgoing document is dated the day it is issued: one date index
    sorts and filters both kinds."""
    return obj.issued_date


@indexer(IOfficialDocument)
def issuer(obj):
    """Cơ quan ban hành: the sender of an incoming document, the agency
    itself for an outgoing one (the search form's "issuing agency")."""
    if IOutgoingDocument.providedBy(obj):
        for parent in aq_chain(obj):
            if IAgency.providedBy(parent):
                return parent.title
        return None
    return obj.sender_name or None
