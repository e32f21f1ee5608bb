"""Names of an agency's groups: <abbr>-clerks, -leaders, -admins, -staff,
-archivists (its archive unit, a duty beside the account's kind), -deputies
(deputy leaders asked for an opinion), and per
department <abbr>-<dept> with its heads <abbr>-<dept>-heads."""

ARCHIVISTS = "archivists"
#: deputy leaders giving an opinion before the head directs (issue 22: a
#: state can wait for them, ``waiting_for = group:deputies``)
DEPUTIES = "deputies"
AGENCY_GROUP_SUFFIXES = ("clerks", "leaders", "admins", "staff", ARCHIVISTS, DEPUTIES)


def agency_id_of_group(groupid):
    """'sttt-clerks', 'sttt-vp-heads' → 'sttt': the agency folder an agency's
    group is named after; None for a group of no agency ('Administrators')."""
    head, dash, _rest = (groupid or "").partition("-")
    return head if dash and head else None


def group_id(abbr, suffix):
    return f"{abbr}-{suffix}"


def department_group_ids(abbr, dept_id):
    """(members, heads) of a department."""
    return f"{abbr}-{dept_id}", f"{abbr}-{dept_id}-heads"


def agency_group_ids(abbr):
    return [group_id(abbr, s) for s in AGENCY_GROUP_SUFFIXES]


def members_group_of_heads(groupid):
    """'sttt-vp-heads' → 'sttt-vp'; None for any other group."""
    return groupid[: -len("-heads")] if groupid.endswith("-heads") else None


def archivists_group_id(abbr):
    """The group holding the agency's Archivist role (Lưu trữ cơ quan)."""
    return group_id(abbr, ARCHIVISTS)
