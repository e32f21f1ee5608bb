"""What the oversight indicators read from the catalog (issue 18), indexed
when a document is saved or takes a step, so that a report counts index
entries and never opens a document.

- ``channels``: how an incoming document came (``electronic``: a copy
  delivered by another agency of the province and accepted; ``paper``) and
  how an outgoing one went (``electronic`` to agencies of the province,
  ``paper`` unless it is sent electronically only); ``signed`` when its
  digital signatures verified valid (signatures/checking.py).
- ``departments``: the department a document is counted for: the main
  handler's (a department given the document, or the department of the
  person handling it) for an incoming document, the drafting department
  (else the drafter's) for an outgoing one; as they stood at its last step.
- ``delivery_feedback``: whether the agencies an issued document was
  delivered to acknowledged its receipt the same working day
  (``rules.periods.feedback``).
- ``completed_on`` (registers/indexers.py): the day the handler reported
  it done.
"""

from plone.app.uuid.utils import uuidToObject
from plone.indexer import indexer
from qlvbdh_policy import roles as R
from qlvbdh_policy.accounts.directory import direct_groups
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.interfaces import IIncomingDocument
from qlvbdh_policy.interfaces import IOutgoingDocument
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.rules import account_groups
from qlvbdh_policy.rules import periods
from qlvbdh_policy.rules.group_names import members_group_of_heads
from qlvbdh_policy.rules.signatures import is_verified
from qlvbdh_policy.signatures.checking import status_of

ELECTRONIC, PAPER, SIGNED = "electronic", "paper", "signed"


def _signed(obj):
    return [SIGNED] if is_verified(status_of(obj)) else []


@indexer(IIncomingDocument)
def incoming_channels(obj):
    return [ELECTRONIC if getattr(obj, "source_uid", None) else PAPER] + _signed(obj)


@indexer(IOutgoingDocument)
def outgoing_channels(obj):
    agency = agency_of(obj)
    own = agency.UID() if agency is not None else None
    channels = []
    if any(uid != own for uid in obj.recipients_internal or ()) \
            or getattr(obj, "recipients_edxml", None):
        channels.append(ELECTRONIC)
    if not obj.electronic_only:
        channels.append(PAPER)
    return channels + _signed(obj)


def department_of(agency, principal):
    """The department id of a principal of the agency: a department's heads
    group, or a person in one; None for anyone else (a leader)."""
    abbr = agency.getId()
    members = members_group_of_heads(principal)
    if members is not None:
        return members[len(abbr) + 1:] if members.startswith(abbr + "-") else None
    dept_ids = [d.getId() for d in children(agency, "Department")]
    return account_groups.read_kind(abbr, direct_groups(principal), dept_ids)[1]


@indexer(IIncomingDocument)
def incoming_departments(obj):
    agency = agency_of(obj)
    if agency is None:
        return None
    found = {department_of(agency, p) for p in ra.principals_with(obj, R.HANDLER)} - {None}
    return sorted(found) or None


@indexer(IOutgoingDocument)
def outgoing_departments(obj):
    agency = agency_of(obj)
    if agency is None:
        return None
    dept = uuidToObject(obj.drafting_department, unrestricted=True) \
        if obj.drafting_department else None
    if dept is not None and agency_of(dept) == agency:
        return [dept.getId()]
    drafter = obj.Creator()  # who drafted it (the Creator index: the person counted)
    found = department_of(agency, drafter) if drafter else None
    return [found] if found else None


@indexer(IOutgoingDocument)
def delivery_feedback(obj):
    return periods.feedback(delivery.acknowledgements(obj))
