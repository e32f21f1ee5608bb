"""Local roles granted by routing (and by the hand-over to the archive),
recorded with their cause.

Every routing step grants roles on one document and says why ("assign",
"forward", "co-handle", "inform", "draft"); a case file handed over to the
archive grants its documents' read to the archive's group, its cause
naming the case file (``casefiles/archive_access.py``). Recomputing a principal's local
roles from the record lets a later step revoke exactly what an earlier one
granted, without touching roles given by hand on the Sharing tab or the
Owner role. Only the document (and its attachments) is reindexed for
security: never its register.
"""

from persistent.list import PersistentList
from qlvbdh_policy import roles as R
from zope.annotation.interfaces import IAnnotations

KEY = "qlvbdh_policy.routing.role_assignments"
ROUTING_ROLES = frozenset({R.HANDLER, R.CO_HANDLER, R.INFORMED, R.DEPARTMENT_HEAD})
#: the roles whose local grants the record decides (a role given by hand on
#: the Sharing tab, Owner, the agency's roles are left alone)
MANAGED_ROLES = ROUTING_ROLES | {R.ARCHIVE_READER}


def _storage(obj, create=False):
    annotations = IAnnotations(obj)
    if KEY not in annotations and create:
        annotations[KEY] = PersistentList()
    return annotations.get(KEY, ())


def assignments(obj, role=None, cause=None):
    """The recorded assignments, as dicts {principal, role, cause}."""
    return [
        dict(a) for a in _storage(obj)
        if (role is None or a["role"] == role) and (cause is None or a["cause"] == cause)
    ]


def principals_with(obj, role):
    return sorted({a["principal"] for a in _storage(obj) if a["role"] == role})


def grant(obj, principals, role, cause):
    if role not in MANAGED_ROLES:
        raise ValueError(f"{role} is not a role granted with its cause")
    store = _storage(obj, create=True)
    touched = set()
    for principal in principals:
        entry = {"principal": principal, "role": role, "cause": cause}
        if entry not in store:
            store.append(entry)
        touched.add(principal)
    return touched


def revoke(obj, cause=None, role=None, principal=None):
    store = _storage(obj)
    keep, touched = [], set()
    for a in store:
        if ((cause is None or a["cause"] == cause) and (role is None or a["role"] == role)
                and (principal is None or a["principal"] == principal)):
            touched.add(a["principal"])
        else:
            keep.append(a)
    if touched:
        store[:] = keep
    return touched


def apply(obj, principals):
    """Make the local roles of ``principals`` match the record, then reindex
    the security of this document only. Returns whether a role changed."""
    if not principals:
        return False
    recorded = {}
    for a in _storage(obj):
        recorded.setdefault(a["principal"], set()).add(a["role"])
    changed = False
    for principal in principals:
        current = set(obj.get_local_roles_for_userid(principal))
        wanted = (current - MANAGED_ROLES) | recorded.get(principal, set())
        if wanted == current:
            continue
        if wanted:
            obj.manage_setLocalRoles(principal, sorted(wanted))
        else:
            obj.manage_delLocalRoles([principal])
        changed = True
    if changed:
        obj.reindexObjectSecurity()
    return changed
