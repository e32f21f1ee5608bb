"""The archive reads the documents of the case files given to it (NĐ
30/2020 Điều 30.3.b, Điều 31: the archive checks a case file before it
accepts it, and keeps and serves it afterwards).

From the moment a case file is handed over, and while it is accepted,
the agency's group of archivists (``<abbr>-archivists``) holds the role
ArchiveReader on each of its documents: View and Access contents
information in every state of the document workflows, never a change.
The grant is recorded with its cause (``routing.role_assignments``, the
cause naming the case file), so a returned case file takes back only its
own: a document that another handed-over or accepted case file holds stays
readable. Only the documents whose roles changed are reindexed. A case
file deleted takes its grant with it: the documents stay, the archive's
read of them through that case file does not. An agency merged into
another brings its archive along: the receiving agency's archivists read
what the merged one's did, and the merged group's grants are taken back.
"""

from plone import api
from qlvbdh_policy import roles as R
from qlvbdh_policy.agencies.abbreviations import receiving_agency
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.casefiles.handover import GIVEN_STATES
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.rules.group_names import archivists_group_id

CAUSE = "archive:"


def cause_of(case_file):
    return CAUSE + case_file.UID()


def _documents(case_file):
    uids = list(case_file.documents or ())
    if not uids:
        return []
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uids)
    return [b._unrestrictedGetObject() for b in brains]


def _current_mapping(doc):
    """A document left since before the role existed (upgrade 1031 touches
    only those the archive already reads) gets its workflow's permissions
    now. Returns whether they changed."""
    changed = False
    for workflow in api.portal.get_tool("portal_workflow").getWorkflowsFor(doc):
        changed = bool(workflow.updateRoleMappingsFor(doc)) or changed
    return changed


def keeper(agency):
    """The agency whose archive keeps the case files now: the agency itself,
    or the one it was merged into (and so on, for merges in waves)."""
    for _hop in range(20):
        receiving = receiving_agency(agency)
        if receiving is None:
            break
        agency = receiving
    return agency


def sync(case_file):
    """Grant or take back the archive's read of the case file's documents
    as its state says. Returns the documents whose roles changed."""
    agency = agency_of(case_file)
    if agency is None:
        return []
    group = archivists_group_id(keeper(agency).getId())
    cause = cause_of(case_file)
    given = api.content.get_state(case_file, default=None) in GIVEN_STATES
    changed = []
    for doc in _documents(case_file):
        if given:
            touched = set()
            for a in ra.assignments(doc, role=R.ARCHIVE_READER, cause=cause):
                if a["principal"] != group:
                    touched |= ra.revoke(doc, cause=cause, principal=a["principal"])
            touched |= ra.grant(doc, [group], R.ARCHIVE_READER, cause)
            remapped = _current_mapping(doc)
        else:
            touched, remapped = ra.revoke(doc, cause=cause), False
        if ra.apply(doc, touched):
            changed.append(doc)
        elif remapped:
            doc.reindexObjectSecurity()
            changed.append(doc)
    return changed


def on_transition(case_file, event):
    """Subscriber: a case file enters or leaves the archive's states."""
    states = {getattr(event.old_state, "id", None), getattr(event.new_state, "id", None)}
    if states & set(GIVEN_STATES):
        sync(case_file)


def revoke_all(case_file):
    """Take back every grant the case file caused. Returns the documents
    whose roles changed."""
    cause = cause_of(case_file)
    changed = []
    for doc in _documents(case_file):
        if ra.apply(doc, ra.revoke(doc, cause=cause)):
            changed.append(doc)
    return changed


def on_removed(case_file, event):
    """Subscriber: a case file deleted (not moved) ends the archive's read
    it caused."""
    revoke_all(case_file)


def on_agency_moved(agency, event):
    """Subscriber: an agency merged into another (``merging.move_inside``)
    hands its given case files' readers over to the receiving archive."""
    if event.oldParent is None or event.newParent is None or event.oldParent == event.newParent:
        return
    if receiving_agency(agency) is None:
        return
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="CaseFile", review_state=list(GIVEN_STATES),
        path="/".join(agency.getPhysicalPath()))
    for brain in brains:
        sync(brain._unrestrictedGetObject())
