"""What the register books print, indexed in the catalog: a book page and
its print render from metadata, never by waking 50,000 documents."""

from plone import api
from plone.indexer import indexer
from qlvbdh_policy import roles as R
from qlvbdh_policy.interfaces import IIncomingDocument
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.interfaces import IOutgoingDocument
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.routing import trail


@indexer(IOfficialDocument)
def book_number(obj):
    """The number the book is ordered by: số đến, or the outgoing number."""
    value = obj.arrival_number if IIncomingDocument.providedBy(obj) else obj.code_number
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def _agency_titles(uids):
    if not uids:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=list(uids))
    by_uid = {b.UID: b.Title for b in brains}
    return [by_uid[u] for u in uids if u in by_uid]


def _organisation_names(codes):
    """The names of the directory's organisations (edXML recipients)."""
    from qlvbdh_policy.exchange.directory import organisation

    return [(organisation(code) or {}).get("name") or code for code in codes or ()]


def recipient_names(doc):
    """Nơi nhận: the province's agencies, the organisations outside the
    province it went to by edXML, then the others as written."""
    names = _agency_titles(doc.recipients_internal or [])
    names += _organisation_names(getattr(doc, "recipients_edxml", None))
    return names + [line.strip() for line in doc.recipients_external or [] if line.strip()]


@indexer(IOfficialDocument)
def correspondents(obj):
    """Whom the document came from (incoming) or goes to (outgoing)."""
    if IOutgoingDocument.providedBy(obj):
        return recipient_names(obj) or None
    return [obj.sender_name] if obj.sender_name else None


@indexer(IOutgoingDocument)
def recipients(obj):
    return ", ".join(recipient_names(obj))


@indexer(IIncomingDocument)
def handlers(obj):
    return ra.principals_with(obj, R.HANDLER) or None


@indexer(IIncomingDocument)
def receiver(obj):
    """Đơn vị hoặc người nhận: as the clerk wrote it, else the handlers."""
    if obj.recipient_unit:
        return obj.recipient_unit
    return ", ".join(trail.principal_title(p) for p in ra.principals_with(obj, R.HANDLER))


@indexer(IIncomingDocument)
def completed_on(obj):
    """When the handler last reported the document done (for "late by")."""
    done = [e["when"] for e in trail.entries(obj) if e["action"] == "complete"]
    return done[-1].date() if done else None
