"""Changes of who may read a document, flagged to the agency's admin until
confirmed (NĐ 30/2020 Phụ lục VI III.3.c: the system warns of a change of
access rights; Quy chế 03/2014 Điều 8.4: the agency's software
administrator answers for the rights of use).

A role given or taken away by hand on a document — its Sharing tab, REST
``@sharing`` (``accounts.sharing.record``), or its inheritance of the
agency's roles switched off or on — bypasses routing, so it raises a flag
on the document's agency: who did it, when, on which document, for whom,
which roles were added and removed. Routing's own steps (assign, forward,
co-handle, for information) grant their roles through
``routing.role_assignments``, never through the Sharing tab, and raise
none.

The flags wait on the agency (an annotation, oldest first; a confirmed
flag stays, with who confirmed it and when) until one of its admins or a
site manager confirms each (``CONFIRM_PERMISSION``); each confirmation
is also kept in the agency's log of access changes (``access_log``).
"""

from persistent.list import PersistentList
from plone import api
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import access_changes
from qlvbdh_policy.stats import access_log
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.vietnamese import in_vietnamese
from zope.annotation.interfaces import IAnnotations

# persisted: do not rename without a migration
KEY = "qlvbdh_policy.access_flags"
CONFIRM_PERMISSION = permissions.ConfirmAccessChanges
INHERIT = "inherit"  # the pseudo-principal of a change of inheritance

MSG_REFUSED = _(
    "Changes of document access of ${agency}: only the agency's administrators and site "
    "managers read and confirm them.")
MSG_UNKNOWN = _("There is no unconfirmed change of document access numbered “${value}”.")
MSG_FLAG = _("${principal}: given ${added}; taken away ${removed}")
LABELS = {"when": _("Time"), "actor": _("Done by"), "document": _("Document"),
          "summary": _("What changed")}


class AccessFlagsRefused(ForbiddenRefusal):
    """Reading or confirming without being one of the agency's admins."""


class UnknownFlag(RefusedValue):
    status = 404


def _storage(agency, create=False):
    annotations = IAnnotations(agency)
    if KEY not in annotations and create:
        annotations[KEY] = PersistentList()
    return annotations.get(KEY, ())


def raise_flag(doc, principal, added=(), removed=(), inherit=None):
    """Flag a change of who may read ``doc`` on its agency; returns the flag."""
    agency = agency_of(doc)
    if agency is None:
        return None
    store = _storage(agency, create=True)
    actor = api.user.get_current()
    flag = {"id": len(store) + 1, "when": vietnam_timestamp(),
            "actor": actor.getId() if actor is not None else None,
            "uid": doc.UID(), "title": doc.title, "path": "/".join(doc.getPhysicalPath()),
            "principal": principal, "added": list(added), "removed": list(removed),
            "inherit": inherit, "confirmed_by": None, "confirmed_at": None}
    store.append(flag)
    return dict(flag)


def unconfirmed(agency):
    """The flags still waiting, oldest first."""
    return [dict(f) for f in _storage(agency) if not f.get("confirmed_by")]


def count(agency):
    return sum(1 for f in _storage(agency) if not f.get("confirmed_by"))


def may_confirm(agency):
    return bool(api.user.has_permission(CONFIRM_PERMISSION, obj=agency))


def check(agency):
    """:raises: Unauthorized (anonymous), ``AccessFlagsRefused`` (403)."""
    refuse_unless(may_confirm(agency), "@access-changes", AccessFlagsRefused, MSG_REFUSED,
                  {"agency": agency.title}, "agency")


def confirm(agency, flag_id):
    """Confirm one flag (by the current user, now) and log it; returns it."""
    check(agency)
    store = _storage(agency)
    found = next((i for i, f in enumerate(store)
                  if str(f["id"]) == str(flag_id) and not f.get("confirmed_by")), None)
    if found is None:
        raise UnknownFlag(MSG_UNKNOWN, {"value": str(flag_id)[:40]}, "id")
    flag = dict(store[found])
    flag.update(confirmed_by=api.user.get_current().getId(), confirmed_at=vietnam_timestamp())
    store[found] = flag  # a new dict: the PersistentList sees the change
    access_log.append(agency, access_changes.CONFIRM, flag["principal"], path=flag["path"],
                      added=flag["added"], removed=flag["removed"], inherit=flag["inherit"],
                      changed_by=flag["actor"], changed_at=flag["when"], flag=flag["id"])
    return flag


def summary_of(flag):
    """What changed, in Vietnamese."""
    if flag.get("inherit") is not None:
        return in_vietnamese(access_log.inherit_message(flag["inherit"]))
    roles = access_log.roles_text(flag)
    return in_vietnamese(_(MSG_FLAG, mapping={"principal": flag["principal"],
                                             "added": roles[0], "removed": roles[1]}))


def items(agency):
    """The unconfirmed flags, newest first, as the page and REST show them."""
    site_url = api.portal.get().absolute_url()
    site_path = "/".join(api.portal.get().getPhysicalPath())
    out = []
    for flag in reversed(unconfirmed(agency)):
        out.append({"id": flag["id"], "when": flag["when"],
                    "when_text": format_datetime(flag["when"]), "actor": flag["actor"],
                    "actor_login": access_log.login_of(flag["actor"] or ""),
                    "document": site_url + flag["path"][len(site_path):],
                    "document_title": flag["title"], "principal": flag["principal"],
                    "added": flag["added"], "removed": flag["removed"],
                    "summary": summary_of(flag)})
    return out


def listing_json(agency):
    return {"@id": f"{agency.absolute_url()}/@access-changes",
            "labels": {k: in_vietnamese(v) for k, v in LABELS.items()},
            "count": count(agency), "items": items(agency)}
