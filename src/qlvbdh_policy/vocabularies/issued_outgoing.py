"""The issued outgoing documents a handler names as his reply (issue 16),
by what the states mean rather than by their ids (issue 22).

Which states count as issued is data on the workflows (``in_book`` and
``phase`` = done, ``workflows.meanings``): NĐ 30/2020 Điều 15–16, a
document is an issued one once it is numbered and registered in the
outgoing book. A copy of the outgoing workflow made in the ZMI, whose
issued-like state has another id, is read the same way. This module sits
a floor above the other vocabularies (tests/site/test_layout.py) because
it reads the workflows; the rest of vocabularies/ stays below content/.
"""

from plone import api
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.vocabularies.content_vocabularies import outgoing_term
from qlvbdh_policy.workflows import meanings
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleVocabulary

OUTGOING = "OutgoingDocument"
LIMIT = 200


def issued_states():
    """The state ids of every outgoing workflow in use that mean issued
    (the site's and each policy's, a copy too)."""
    return meanings.query_states(OUTGOING, "issued")


@provider(IVocabularyFactory)
def AgencyOutgoing(context):
    """The agency's latest 200 issued outgoing documents (replies) that the
    current user may open: a handler names the answer he drafted or was
    shown, never one he could not open (issue 16)."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    brains = api.portal.get_tool("portal_catalog").searchResults(
        portal_type=OUTGOING, review_state=issued_states(),
        path="/".join(agency.getPhysicalPath()),
        sort_on="created", sort_order="reverse", sort_limit=LIMIT,
    )[:LIMIT]
    return SimpleVocabulary([outgoing_term(b) for b in brains])
