"""Dissolving an agency (administrative units are merged and dissolved in
waves): its records stay as a read-only archive. Its open register books
are closed (no document enters a closed book), its accounts are disabled
(history and authorship stay), and documents issued to it afterwards are
refused, naming it. Site managers read the archive; nothing is deleted."""

from plone import api
from Products.DCWorkflow.interfaces import IBeforeTransitionEvent
from qlvbdh_policy import _
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.agencies.abbreviations import archived_on
from qlvbdh_policy.agencies.abbreviations import receiving_agency
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.registers.closing import registers_of
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_timestamp

MSG_ALREADY = _("${agency} was already dissolved or merged on ${date}.")
MSG_DISSOLVED_RECIPIENT = _("Recipients: ${agency} was dissolved on ${date}; its records "
                            "are an archive and take no new documents.")
MSG_READ_ONLY = _("${agency} is an archive since ${date} (dissolved or merged): its "
                  "documents are kept as they are and change no more.")
MSG_MERGED_RECIPIENT = _("Recipients: ${agency} was merged into ${target} on ${date}; "
                         "send the document to ${target}.")


class AgencyDissolved(RefusedValue):
    pass


def check_not_archived(agency, field="agency"):
    when = archived_on(agency)
    if when is not None:
        raise AgencyDissolved(MSG_ALREADY, {"agency": agency.title,
                                            "date": format_date(when)}, field)


def close_open_books(agency, comment):
    """Closes the agency's open register books; their ids."""
    closed = []
    with api.env.adopt_roles(["Manager"]):
        for register in registers_of(agency, state="open"):
            api.content.transition(obj=register, transition="close", comment=comment)
            closed.append(register.getId())
    return sorted(closed)


def dissolve(agency):
    """Returns what was done: the books closed and the accounts disabled."""
    check_not_archived(agency)
    now = vietnam_timestamp()
    closed = close_open_books(agency, f"Giải thể đơn vị {format_date(now)}")
    site_guard = guard(api.portal.get())
    accounts = sorted(agency_user_ids(agency))
    for userid in accounts:
        site_guard.disable(userid)
    agency.dissolved_on = now
    return {"closed_registers": closed, "disabled_accounts": accounts,
            "dissolved_on": now}


def check_recipient(agency):
    """Refuses delivering to a dissolved or merged agency."""
    when = archived_on(agency)
    if when is None:
        return
    mapping = {"agency": agency.title, "date": format_date(when)}
    target = receiving_agency(agency)
    if target is not None:
        raise AgencyDissolved(MSG_MERGED_RECIPIENT, {**mapping, "target": target.title},
                              "recipients_internal")
    raise AgencyDissolved(MSG_DISSOLVED_RECIPIENT, mapping, "recipients_internal")


def refuse_changes_in_archive(obj, event):
    """A document or attachment of a dissolved or merged agency is not
    edited, moved through its workflow, or added to: the archive is read
    only (books closed, accounts disabled or moved). Moving the archive
    itself is no change to it."""
    if IBeforeTransitionEvent.providedBy(event) and event.transition is None:
        return  # entering the initial state: the document is being created
    agency = agency_of(obj)
    when = archived_on(agency) if agency is not None else None
    if when is not None:
        raise AgencyDissolved(MSG_READ_ONLY, {"agency": agency.title,
                                              "date": format_date(when)})
