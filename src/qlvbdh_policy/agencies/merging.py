"""Merging one agency into another (administrative units are merged in
waves; a system that cannot follow loses its records).

The merged agency's folder — its register books, every document, file and
trail — moves inside the receiving agency, where the receiving agency's
people find it (its roles there are inherited); the archive is read only
(``dissolution.refuse_changes_in_archive``). Its open books are closed:
nothing new is registered in them. Its
accounts move to the receiving agency with their ids (authorship and trail
stay) and log in as ``name@<receiving abbr>``. Its old host redirects to the
archive on the receiving agency's host; documents delivered to it and not
yet accepted wait in the receiving agency's inbox instead; documents issued
to it afterwards are refused, naming the receiving agency. Nothing is
deleted or renumbered.
"""

from Acquisition import aq_base
from OFS.event import ObjectWillBeMovedEvent
from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.accounts.management import relocate_account
from qlvbdh_policy.agencies.abbreviations import agency_by_abbr
from qlvbdh_policy.agencies.dissolution import check_not_archived
from qlvbdh_policy.agencies.dissolution import close_open_books
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.routing.delivery import hand_over_pending
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_timestamp
from zope.container.contained import notifyContainerModified
from zope.event import notify
from zope.lifecycleevent import ObjectMovedEvent

MSG_SAME = _("Receiving agency: an agency cannot be merged into itself.")
MSG_NOT_AGENCY = _("Receiving agency: “${value}” is not an agency of the province.")
MSG_ID_TAKEN = _("Receiving agency: ${target} already holds an item named ${value}; "
                "rename it first.")


class MergeRefused(RefusedValue):
    pass


def receiving_agency_named(abbr):
    """The agency whose host is ``abbr`` now, to merge into; refused by field."""
    target, current = agency_by_abbr(api.portal.get(), abbr) if abbr else (None, False)
    if not current:
        raise MergeRefused(MSG_NOT_AGENCY, {"value": str(abbr or "")}, "target")
    return target


def merge_agency(source, target):
    """Returns the archive's new place, the books closed and the logins
    of the accounts moved."""
    if not IAgency.providedBy(target):
        raise MergeRefused(MSG_NOT_AGENCY, {"value": getattr(target, "title", "")}, "target")
    if target.UID() == source.UID():
        raise MergeRefused(MSG_SAME, {}, "target")
    check_not_archived(source)
    check_not_archived(target, "target")
    if source.getId() in target.objectIds():
        raise MergeRefused(MSG_ID_TAKEN, {"target": target.title, "value": source.getId()},
                           "target")
    now = vietnam_timestamp()
    closed = close_open_books(
        source, f"Sáp nhập vào {target.title} ngày {format_date(now)}")
    logins = {}
    for userid in sorted(agency_user_ids(source)):
        logins[userid] = relocate_account(source, userid, target)["login"]
    handed_over = hand_over_pending(source, target)
    source.merged_into, source.merged_on = target.UID(), now
    archive = move_inside(source, target)
    return {"archive": archive.absolute_url(), "closed_registers": closed,
            "accounts": logins, "handed_over": handed_over, "merged_on": now}


def move_inside(obj, target):
    """What a cut and paste does (events, reindexing of everything inside,
    UIDs kept), without the add restrictions of the receiving folder: an
    agency is never added inside another, but a merged one lies there."""
    container, name = obj.aq_parent, obj.getId()
    notify(ObjectWillBeMovedEvent(obj, container, name, target, name))
    container._delObject(name, suppress_events=True)
    target._setObject(name, aq_base(obj), set_owner=0, suppress_events=True)
    moved = target._getOb(name)
    notify(ObjectMovedEvent(moved, container, name, target, name))
    notifyContainerModified(container)
    notifyContainerModified(target)
    return moved
