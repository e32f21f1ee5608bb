"""An account's place in its agency, as group memberships.

An official has one kind (staff, department head, clerk, leader, agency
admin) and at most one department; both are written as memberships of the
agency's groups (``group_names``) and read back from them, so the groups
stay the one record routing and permissions use.
"""

from qlvbdh_policy.rules.group_names import department_group_ids
from qlvbdh_policy.rules.group_names import group_id

STAFF, DEPARTMENT_HEAD, CLERK, LEADER, ADMIN = (
    "staff", "department_head", "clerk", "leader", "admin")
KINDS = (STAFF, DEPARTMENT_HEAD, CLERK, LEADER, ADMIN)
# read back in this order: a clerk who is also in a department is a clerk
PRECEDENCE = (ADMIN, LEADER, CLERK, DEPARTMENT_HEAD, STAFF)
AGENCY_SUFFIX = {CLERK: "clerks", LEADER: "leaders", ADMIN: "admins", STAFF: "staff"}


class KindError(ValueError):
    """``field`` is the field at fault: 'kind' or 'department'."""

    def __init__(self, field, text):
        super().__init__(text)
        self.field = field


def groups_for(abbr, kind, department=None):
    """The groups an account of ``kind`` in ``department`` belongs to."""
    if kind not in KINDS:
        raise KindError("kind", f"unknown kind {kind!r}")
    if kind == DEPARTMENT_HEAD:
        if not department:
            raise KindError("department", "a department head needs a department")
        return [department_group_ids(abbr, department)[1]]
    if kind == STAFF:
        return [department_group_ids(abbr, department)[0] if department
                else group_id(abbr, "staff")]
    groups = [group_id(abbr, AGENCY_SUFFIX[kind])]
    if department and kind != LEADER:
        groups.append(department_group_ids(abbr, department)[0])
    return groups


def agency_groups(abbr, group_ids, departments):
    """Those of ``group_ids`` that are the agency's own groups."""
    own = {group_id(abbr, s) for s in AGENCY_SUFFIX.values()}
    for dept in departments:
        own.update(department_group_ids(abbr, dept))
    return [g for g in group_ids if g in own]


def read_kind(abbr, group_ids, departments):
    """(kind, department) from direct memberships; (None, None) when the
    account holds none of the agency's groups."""
    groups = set(group_ids)
    department = None
    kinds = set()
    for dept in departments:
        members, heads = department_group_ids(abbr, dept)
        if heads in groups:
            department = dept
            kinds.add(DEPARTMENT_HEAD)
        elif members in groups:
            department = department or dept
            kinds.add(STAFF)
    for kind, suffix in AGENCY_SUFFIX.items():
        if group_id(abbr, suffix) in groups:
            kinds.add(kind)
    for kind in PRECEDENCE:
        if kind in kinds:
            return kind, (None if kind == LEADER else department)
    return None, None
