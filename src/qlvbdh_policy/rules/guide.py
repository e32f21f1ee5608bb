"""Which part of the user guide a reader gets (Quy chế Điều 10.2: the IT
centre guides each agency's people in using the system).

Pure: ``guide_role`` reads a reader's groups (Plone gives them nested, so a
department's member is also in ``<abbr>-staff``) and global roles; the
first match in ``ORDER`` wins, so a clerk who is also staff reads the
clerk's day. A site manager (Manager: the IT centre that runs the
system, Quy chế Điều 10 khoản 2) reads the guide to change workflows
through the web (issue 22) before anything else.
``image_names`` lists the screenshot files a guide may serve, from the
shots' own list, so no other file name is ever answered.
"""

OVERSIGHT_GROUP = "province-oversight"
OVERSIGHT_ROLE = "Oversight"
#: the screens of changing workflows ask for "Manage portal", which Plone
#: gives to Manager only (not to Site Administrator)
SITE_MANAGER_ROLES = ("Manager",)
SITE_MANAGER = "quan-tri-he-thong"

#: (group suffix, guide role), most specific first
ORDER = (
    ("clerks", "van-thu"),
    ("leaders", "lanh-dao"),
    ("admins", "quan-tri"),
    (None, "giam-sat"),  # the province's oversight group or role
    ("staff", "chuyen-vien"),
)

#: steps of a role's day that a visitor not yet logged in may read
PUBLIC_STEPS = frozenset({"dang-nhap"})


def guide_role(groups=(), roles=()):
    """The guide role id of a reader, or None (strangers)."""
    groups = set(groups or ())
    if any(role in SITE_MANAGER_ROLES for role in roles or ()):
        return SITE_MANAGER
    for suffix, role in ORDER:
        if suffix is None:
            if OVERSIGHT_GROUP in groups or OVERSIGHT_ROLE in (roles or ()):
                return role
        elif any(g.endswith("-" + suffix) for g in groups):
            return role
    return None


def image_names(shots, viewports_of, name_of):
    """{file name: (role, step, viewport)} of every screenshot of ``shots``
    ((role, step, caption) triples) at every viewport of its role
    (``viewports_of(role)``)."""
    return {name_of(role, step, viewport): (role, step, viewport)
            for role, step, _caption in shots for viewport in viewports_of(role)}


def is_public(step):
    return step in PUBLIC_STEPS
