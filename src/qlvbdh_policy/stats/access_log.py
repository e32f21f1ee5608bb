"""The agency's log of access changes: who may log in, as what, and who was
given which role by hand (Quy chế 03/2014 Điều 8.2, 8.4; the rules are in
``rules.access_changes``).

One log per agency (an annotation on it; the site's for objects outside an
agency), oldest first, kept for good: every account created, every change
of an account's kind, department, e-mail address or disabled state, every
password reset and move (``accounts.management``), every role given or
taken away on the Sharing tab (``sharing``), every group membership added
or removed outside the accounts page (Plone's group pages, REST
``@groups``, ``plone.api.group.add_user``: PAS's own events, see
``on_added_to_group``) and every confirmation of a flagged change of who
may read a document (``access_flags``). Each entry says when, who
acted, on which account or group, and what changed; never a password.

It is read by the agency's leaders, its admins and site managers
(``READ_PERMISSION``, REST ``GET <agency>/@access-log``); an admin reads
what he did but cannot change it: nothing in the web changes or deletes
an entry.
"""

from persistent.list import PersistentList
from plone import api
from plone.app.workflow.interfaces import ISharingPageRole
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.accounts import directory
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.rules import access_changes as rules
from qlvbdh_policy.rules import group_names
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.vietnamese import in_vietnamese
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility

import contextlib
import contextvars
import logging

log = logging.getLogger(__name__)

# persisted since the Sharing changes were logged (upgrade 1009), whose
# entries were the first: do not rename without a migration
LOG_KEY = "qlvbdh_policy.sharing_log"
READ_PERMISSION = permissions.ReadAccessLog

MSG_READ_REFUSED = _(
    "Log of access changes of ${agency}: only the agency's leaders, its administrators "
    "and site managers read it.")
ACTION_TITLES = {
    rules.CREATE: _("Account created"),
    rules.RESET_PASSWORD: _("Password reset"),
    rules.MOVE_OUT: _("Account moved to another agency"),
    rules.MOVE_IN: _("Account moved in from another agency"),
    rules.SHARING: _("Roles on the Sharing tab"),
    "kind": _("Role, department changed"),
    "email": _("E-mail address changed"),
    "disable": _("Account disabled"),
    "enable": _("Account enabled again"),
    rules.DELETE: _("Account deleted"),
    rules.GROUP_ADD: _("Added to a group"),
    rules.GROUP_REMOVE: _("Removed from a group"),
    rules.CONFIRM: _("Change of document access confirmed"),
}
FIELD_TITLES = {"kind": _("Role"), "department": _("Department"), "email": _("E-mail"),
                "disabled": _("Disabled"), "agency": _("Agency")}
LABELS = {"when": _("Time"), "actor": _("Done by"), "account": _("Account"),
          "action_title": _("Change"), "summary": _("What changed")}
MSG_SHARING = _("on ${path}: given ${added}; taken away ${removed}")
MSG_RESET = _("a new one-time password, handed over by the person who reset it")
MSG_GROUP = _("group ${group}")
MSG_INHERIT_OFF = _("stopped inheriting the agency's roles")
MSG_INHERIT_ON = _("inherits the agency's roles again")
MSG_CONFIRM = _("confirmed: on ${path}, by ${actor} at ${when}: given ${added}; taken away ${removed}")
# set while a caller that logs the change itself changes memberships
_LOGGED_BY_CALLER = contextvars.ContextVar("logged_by_caller", default=False)
YES, NO, NONE = _("yes"), _("no"), "—"


class AccessLogRefused(ForbiddenRefusal):
    """Reading the log without being one of its readers."""


def inherit_message(inherit):
    """A change of a document's inheritance of roles, in words."""
    return MSG_INHERIT_ON if inherit else MSG_INHERIT_OFF


def role_title(role):
    """A role's title on the Sharing tab, in Vietnamese."""
    found = queryUtility(ISharingPageRole, name=role)
    return in_vietnamese(found.title) if found is not None else role


def roles_text(entry):
    """(added, removed): the titles of an entry's roles, "—" for none."""
    return [", ".join(role_title(r) for r in entry.get(key) or ()) or NONE
            for key in ("added", "removed")]


def holder_of(context):
    return agency_of(context) or api.portal.get()


def log_of(holder):
    """The recorded changes, oldest first, as dicts (entries from before the
    account changes were logged are Sharing changes)."""
    return [dict({"action": rules.SHARING}, **e)
            for e in IAnnotations(holder).get(LOG_KEY, ())]


def append(holder, action, principal, **details):
    """Keep one entry, by the current user, now; returns it."""
    actor = api.user.get_current().getId()
    entry = dict(details, when=vietnam_timestamp(), actor=actor, action=action,
                 principal=principal)
    annotations = IAnnotations(holder)
    if LOG_KEY not in annotations:
        annotations[LOG_KEY] = PersistentList()
    annotations[LOG_KEY].append(entry)
    log.info("Access change in %s by %s: %s of %s %s", "/".join(holder.getPhysicalPath()),
             actor, action, principal,
             details.get("changes") or (details.get("added"), details.get("removed")))
    return dict(entry)


def record_account(agency, action, userid, before, after):
    """An account's change between two infos (``before`` None when it is
    new), if there is any for a change; returns the entry or None."""
    changes = rules.account_changes(before, after or {})
    if action == rules.CHANGE and not changes:
        return None
    return append(agency, action, userid, login=(after or before or {}).get("login") or userid,
                  kind=(after or before or {}).get("kind"), changes=changes)


# -- accounts and group memberships changed outside the accounts page ---------


@contextlib.contextmanager
def logged_by_caller():
    """Accounts created or deleted and group memberships changed inside
    are not logged one by one: the caller logs what they mean (the accounts
    page: an account created, a change of kind or department; an agency's
    creation; loading the demo's accounts)."""
    token = _LOGGED_BY_CALLER.set(True)
    try:
        yield
    finally:
        _LOGGED_BY_CALLER.reset(token)


def group_holder(group_id):
    """The agency a group is named after (``sttt-clerks`` → sttt), or the
    site for the province's and Plone's own groups."""
    site = api.portal.get()
    abbr = group_names.agency_id_of_group(group_id)
    agency = site.get(abbr) if abbr else None
    return agency if getattr(agency, "portal_type", None) == "Agency" else site


def record_membership(principal, group_id, added):
    """Keep a membership added or removed, unless its caller logs it."""
    if _LOGGED_BY_CALLER.get():
        return None
    return append(group_holder(group_id), rules.GROUP_ADD if added else rules.GROUP_REMOVE,
                  principal, login=directory.login_of(principal) or principal, group=group_id)


def login_holder(userid):
    """The agency a project account belongs to (``name@sttt`` → sttt), or
    the site for any other account."""
    site = api.portal.get()
    abbr = (userid or "").rpartition("@")[2] if "@" in (userid or "") else None
    agency = site.get(abbr) if abbr else None
    return agency if getattr(agency, "portal_type", None) == "Agency" else site


def on_principal_created(event):
    """An account created outside the accounts page (Plone's user pages,
    REST ``@users``, ``plone.api.user.create``): PAS's own event."""
    if _LOGGED_BY_CALLER.get():
        return
    userid = event.principal.getId()
    append(login_holder(userid), rules.CREATE, userid,
           login=event.principal.getUserName() or userid, kind=None, changes=[])


def on_principal_deleted(event):
    """An account deleted (PlonePAS's event; the accounts page disables,
    never deletes)."""
    if _LOGGED_BY_CALLER.get():
        return
    userid = event.principal if isinstance(event.principal, str) else event.principal.getId()
    append(login_holder(userid), rules.DELETE, userid, login=userid, changes=[])


def on_added_to_group(event):
    """PAS's event of a membership added (its group plugins fire it for
    Plone's group pages, REST ``@groups``, ``plone.api.group.add_user``)."""
    record_membership(event.principal, event.group_id, True)


def on_removed_from_group(event):
    record_membership(event.principal, event.group_id, False)


# -- reading ------------------------------------------------------------------


def check_read(agency):
    """:raises: Unauthorized for an anonymous visitor, ``AccessLogRefused``
    (HTTP 403) for a user who is not one of the log's readers."""
    refuse_unless(api.user.has_permission(READ_PERMISSION, obj=agency), "@access-log",
                  AccessLogRefused, MSG_READ_REFUSED, {"agency": agency.title}, "agency")


def _value(agency, field, value):
    if value is None or value == "":
        return NONE
    if field == "kind":
        return in_vietnamese(directory.KIND_TITLES.get(value, value))
    if field == "department":
        titles = {d.getId(): d.title for d in children(agency, "Department")}
        return titles.get(value, value)
    if field == "disabled":
        return in_vietnamese(YES if value else NO)
    return str(value)


def title_of(entry):
    """The entry's kind of change, in Vietnamese."""
    key = entry["action"]
    if key == rules.CHANGE:
        fields = {c[0] for c in entry.get("changes", ())}
        if fields & {"kind", "department"}:
            key = "kind"
        elif "email" in fields:
            key = "email"
        else:
            key = "disable" if dict((c[0], c[2]) for c in entry["changes"]).get(
                "disabled") else "enable"
    return in_vietnamese(ACTION_TITLES.get(key, key))


def summary_of(agency, entry):
    """What changed, in Vietnamese: ``Vai trò: Cán bộ → Văn thư; …``."""
    if entry.get("inherit") is not None and entry["action"] == rules.SHARING:
        return f"{entry.get('path', '')}: {in_vietnamese(inherit_message(entry['inherit']))}"
    if entry["action"] == rules.SHARING:
        roles = roles_text(entry)
        return in_vietnamese(_(MSG_SHARING, mapping={"path": entry.get("path", ""),
                                           "added": roles[0], "removed": roles[1]}))
    if entry["action"] == rules.RESET_PASSWORD:
        return in_vietnamese(MSG_RESET)
    if entry["action"] in (rules.GROUP_ADD, rules.GROUP_REMOVE):
        group = api.group.get(groupname=entry["group"])
        title = (group.getProperty("title") if group is not None else "") or entry["group"]
        return in_vietnamese(_(MSG_GROUP, mapping={"group": f"{title} ({entry['group']})"}))
    if entry["action"] == rules.CONFIRM:
        roles = roles_text(entry)
        return in_vietnamese(_(MSG_CONFIRM, mapping={
            "path": entry.get("path", ""), "actor": login_of(entry.get("changed_by") or ""),
            "when": format_datetime(entry.get("changed_at")), "added": roles[0],
            "removed": roles[1]}))
    parts = []
    for field, old, new in entry.get("changes", ()):
        label = in_vietnamese(FIELD_TITLES.get(field, field))
        if entry["action"] == rules.CREATE:
            parts.append(f"{label}: {_value(agency, field, new)}")
        else:
            parts.append(f"{label}: {_value(agency, field, old)} → {_value(agency, field, new)}")
    return "; ".join(parts)


def login_of(userid):
    return directory.login_of(userid) or userid


def entries_json(agency):
    """The log, newest first, with Vietnamese labels (REST, which writes
    ``when`` as every time it answers: restapi/dates.py)."""
    items = []
    for entry in reversed(log_of(agency)):
        items.append({"when": entry["when"],
                      "when_text": format_datetime(entry["when"]), "actor": entry["actor"],
                      "actor_login": login_of(entry["actor"]), "action": entry["action"],
                      "action_title": title_of(entry), "principal": entry["principal"],
                      "account": entry.get("login") or entry["principal"],
                      "summary": summary_of(agency, entry)})
    return {"@id": f"{agency.absolute_url()}/@access-log",
            "labels": {k: in_vietnamese(v) for k, v in LABELS.items()}, "items": items}
