"""What the Sharing tab may change, and who may change it.

Quy chế 03/2014 Điều 8.4 gives the agency's software administrator the
accounts of the agency's officials and their rights of use ("cấp phát, thu
hồi tài khoản … và phân quyền sử dụng"); Điều 8.2 makes every official work
under their own account on the work assigned to them. In this system an
official's rights are their kind (văn thư, lãnh đạo, …), held as the
agency's groups (``account_groups``), and a document reaches the people
routing assigns it to (``role_assignments``). A role given by hand on the
Sharing tab bypasses both, so:

- the roles that open documents (``DOCUMENT_ROLES``: the project's Clerk,
  Leader, DepartmentHead, Handler, CoHandler, Informed, Archivist (case
  files handed over), ArchiveReader (their documents) and Plone's Reader,
  Editor, Contributor, Reviewer) and the province's Oversight are given
  or taken away on the Sharing tab by site managers only;
- an agency admin may give others, on his agency, only the roles that open
  no document (``AGENCY_ADMIN_ROLES``: Staff, AgencyAdmin);
- nobody but a site manager changes his own roles there, nor those of a
  group he belongs to (everyone, ``AuthenticatedUsers``, included): an
  admin does not make himself anything.

A refusal is decided per asked change, never silently dropped: the REST
service answers 403 naming the role.
"""

DOCUMENT_ROLES = frozenset({
    "Clerk", "Leader", "DepartmentHead", "Handler", "CoHandler", "Informed", "Archivist",
    "ArchiveReader", "Reader", "Editor", "Contributor", "Reviewer",
})
PROVINCE_ROLES = frozenset({"Oversight"})
SITE_MANAGER_ROLES = DOCUMENT_ROLES | PROVINCE_ROLES
AGENCY_ADMIN_ROLES = frozenset({"Staff", "AgencyAdmin"})

NOT_DELEGABLE = "not_delegable"
OWN_ROLES = "own_roles"


def wanted_roles(asked, offered):
    """{role: wanted?} of one principal's entry. ``asked`` is {role: value}
    as posted; an offered role left out is taken away (as Plone's sharing
    does), a role that is not offered counts only when named."""
    wanted = {role: bool(asked.get(role)) for role in offered}
    for role, value in asked.items():
        if role not in offered:
            wanted[role] = bool(value)
    return wanted


def changes(wanted, held):
    """[(role, grant?)] the entry would change, given the local roles held."""
    return sorted((role, want) for role, want in wanted.items() if want != (role in held))


def refusal(principal, role, delegable, own_principals):
    """Why changing ``role`` of ``principal`` is refused, or None.
    ``delegable``: the roles the acting user may give here;
    ``own_principals``: the user and his groups (empty for a site manager)."""
    if role not in delegable:
        return NOT_DELEGABLE
    if principal in own_principals:
        return OWN_ROLES
    return None


def role_delta(before, after):
    """(added, removed) sorted role lists between two sets of local roles."""
    return sorted(set(after) - set(before)), sorted(set(before) - set(after))
