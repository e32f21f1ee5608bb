"""The Sharing tab under the agency's rules (``rules.sharing``): which roles
a user may give or take away there, refusing the rest out loud, and the
record of every change made through it.

Plone's own extension point decides what is offered: each role on the tab
is an ``ISharingPageRole`` utility whose ``required_permission`` the user
must hold on the object (``roles.py``: the roles that open documents need
``permissions.DelegateDocumentRoles``, held by site managers only;
Plone's Reader/Editor/Contributor/Reviewer need their "Sharing page:
Delegate … role" permissions, given by ``rolemap.xml`` to site managers
only). Stock Plone drops a role that is not offered without a word, and
plone.restapi answers 204; ``check`` turns such a request into a refusal
(HTTP 403, JSON naming the role), and refuses a change of one's own roles.

Every change is kept in the agency's log of access changes (``access_log``)
with who made it, when, where, for whom, which roles were added and
removed; on a document it is also flagged to the agency's admins until
one confirms it (``access_flags``, NĐ 30/2020 Phụ lục VI III.3.c).
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.rules import access_changes
from qlvbdh_policy.rules import sharing as rules
from qlvbdh_policy.stats import access_flags
from qlvbdh_policy.stats import access_log
from qlvbdh_policy.vietnamese import in_vietnamese

DELEGATE_DOCUMENT_ROLES = permissions.DelegateDocumentRoles
AUTHENTICATED = "AuthenticatedUsers"

MSG_NOT_DELEGABLE = _(
    "Sharing: you may not give or take away the role “${role}” of ${principal} here. "
    "Who opens the agency's documents follows from the accounts' roles and from routing; "
    "only site managers change these roles on the Sharing tab.")
MSG_OWN_ROLES = _(
    "Sharing: you may not change your own roles (“${role}” of ${principal}); another "
    "administrator of the agency or a site manager does.")
MESSAGES = {rules.NOT_DELEGABLE: MSG_NOT_DELEGABLE, rules.OWN_ROLES: MSG_OWN_ROLES}


class SharingRefused(ForbiddenRefusal):
    """A change asked on the Sharing tab that the agency's rules refuse;
    ``errors`` names each role."""

    def __init__(self, msgid, mapping=None, field="entries", rule=None, errors=None):
        super().__init__(msgid, mapping, field, rule)
        self.errors = errors or []


def own_principals():
    """The acting user, his groups (nested) and everyone; none for a site
    manager, who may give himself any role anyway."""
    user = api.user.get_current()
    if api.user.has_permission(DELEGATE_DOCUMENT_ROLES, obj=api.portal.get()):
        return frozenset()
    return frozenset({user.getId(), AUTHENTICATED, *user.getGroups()})


def check(context, offered, entries):
    """Refuse (``SharingRefused``) any change of ``entries`` — [(principal,
    {role: value})] as posted — that the rules refuse. ``offered``: the roles
    the Sharing tab offers this user here."""
    own = own_principals()
    errors, first = [], None
    for principal, asked in entries:
        held = set(context.get_local_roles_for_userid(principal))
        for role, _grant in rules.changes(rules.wanted_roles(asked, offered), held):
            reason = rules.refusal(principal, role, offered, own)
            if reason is None:
                continue
            mapping = {"role": access_log.role_title(role), "principal": principal}
            errors.append({"field": "entries", "role": role, "principal": principal,
                           "message": in_vietnamese(_(MESSAGES[reason], mapping=mapping))})
            first = first or (MESSAGES[reason], mapping)
    if errors:
        raise SharingRefused(first[0], first[1], errors=errors)


def record(context, before, after):
    """Keep the changes between ``before`` and ``after`` ({principal: local
    roles}) in the access log of the context's agency (``access_log``)."""
    path = "/".join(context.getPhysicalPath())
    holder = access_log.holder_of(context)
    document = IOfficialDocument.providedBy(context)
    for principal in sorted(set(before) | set(after)):
        added, removed = rules.role_delta(before.get(principal, ()), after.get(principal, ()))
        if added or removed:
            access_log.append(holder, access_changes.SHARING, principal, path=path,
                              added=added, removed=removed)
            if document:  # who may read it changed outside routing
                access_flags.raise_flag(context, principal, added, removed)


def record_inherit(context, inherit):
    """The document stopped (or started again) inheriting the agency's
    roles on its Sharing tab: logged, and flagged to the agency's admins."""
    if IOfficialDocument.providedBy(context):
        access_log.append(access_log.holder_of(context), access_changes.SHARING,
                          access_flags.INHERIT, path="/".join(context.getPhysicalPath()),
                          added=[], removed=[], inherit=inherit)
        access_flags.raise_flag(context, access_flags.INHERIT, inherit=inherit)
