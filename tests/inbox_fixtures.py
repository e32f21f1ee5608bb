"""Received edXML messages (exchange/receiving.py): the public samples,
an agency of the province with the code a sample is addressed to, and the
statuses queued back to the sender, read again by the edXML reader."""

from exchange_fixtures import make_exchange
from pathlib import Path
from plone import api
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.agencies.setup import ensure_inbox
from qlvbdh_policy.edxml.reader import read_edoc
from qlvbdh_policy.edxml.reader import read_status
from qlvbdh_policy.edxml.writer import write_edoc
from qlvbdh_policy.exchange import outbox

SAMPLES = Path("/work/shared/reference/edxml-samples")
#: the new-document samples → the recipient code an agency must have
NEW_SAMPLES = {"edoc_new.edxml": "28.22.H17",
               "dc0bdef0-c7a3-4aaf-b717-777303442973.edxml": "000.00.00.H41"}
VPCP_ID = "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
#: the sample NEW_SAMPLES addresses to 000.00.00.H41 (the receiving() agency's code)
NEW = "dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"


def sample(name):
    return (SAMPLES / name).read_bytes()


def receiving(portal, code="000.00.00.H41"):
    """make_exchange's two agencies, the first (sttt) with ``code``."""
    a, b = make_exchange(portal)
    with api.env.adopt_roles(["Manager"]):
        a.agency_code = code
    return a, b


def waiting(agency):
    return children(ensure_inbox(agency), "IncomingDocument")


def statuses(doc):
    """[(status code, Status)] queued about ``doc``, oldest first."""
    return [(s.status_code, s) for s in
            (read_status(m.data()) for m in outbox.messages_for(doc) if m.kind == "status")]


def store_counts(portal, agency):
    """What a refusal must leave as it was: the agency's documents, the
    outbox's messages."""
    catalog = api.portal.get_tool("portal_catalog")
    docs = len(catalog.unrestrictedSearchResults(
        portal_type="IncomingDocument", path="/".join(agency.getPhysicalPath())))
    box = outbox.outbox(portal)
    return docs, len(box.messages) if box is not None else 0


def change_message(kind, reason, **changes_):
    """The sample document NEW, as its sender's recall (1), update (2) or
    replacement (3) of it."""
    edoc = read_edoc(sample(NEW))
    edoc.business.doc_type = kind
    edoc.business.reason = reason
    edoc.business.document_id = None
    for name, value in changes_.items():
        setattr(edoc, name, value)
    return write_edoc(edoc)


def accepted(portal):
    """(agency sttt, the sample NEW received and accepted into its register
    by its clerk vta, logged in after)."""
    from plone.app.testing import login
    from qlvbdh_policy.exchange import receiving as R
    from qlvbdh_policy.routing import delivery

    a, _b = receiving(portal)
    _result, doc = R.receive(a, sample(NEW))
    login(portal, "vta")
    return a, delivery.accept(doc, a["den-2026"])
