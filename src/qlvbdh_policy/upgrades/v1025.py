"""1024 → 1025: the change history of documents (issue 18,
stats/change_history.py). A document's changes are seen by comparing it
with a snapshot of its fields taken when it is created; documents made
before this version have none, so their first save would only take one.
This step takes it for every incoming and outgoing document, so their
first change after the upgrade is already recorded. The history itself
starts empty: what was changed before was not kept."""

from plone import api
from qlvbdh_policy.stats import change_history
from zope.annotation.interfaces import IAnnotations

import logging
import transaction

log = logging.getLogger(__name__)
BATCH = 1000


def snapshot_documents(context=None):
    """Returns how many documents it gave a snapshot."""
    catalog = api.portal.get_tool("portal_catalog")
    done = 0
    for brain in catalog.unrestrictedSearchResults(
            portal_type=["IncomingDocument", "OutgoingDocument"]):
        doc = brain._unrestrictedGetObject()
        if change_history.SNAPSHOT_KEY in IAnnotations(doc):
            continue
        change_history.remember(doc)
        done += 1
        if done % BATCH == 0:
            transaction.savepoint(optimistic=True)
            log.info("Change history: %d documents given their snapshot", done)
    return done
