"""Closing a register book (đóng sổ) and the new year's books.

A book takes documents only while it is open and only in its own year
(Vietnam time): numbers restart at 01 on 1 January (NĐ 30/2020 Điều 15,
22). Closing records the last number of every series. Closing and a
registration in flight exclude each other through the ZODB: closing writes
the register, and a registration asks its commit to fail if the register
changed meanwhile (``readCurrent``); the retried request then sees the
closed book and is refused with a link to the open one.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.abbreviations import archived_on
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.registers.numbering import last_numbers
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.workflows import meanings

import datetime
import re

MSG_CLOSED = _("The register ${register} is closed; no document can be registered in it.")
MSG_CLOSED_SEE_OPEN = _(
    "The register ${register} is closed; register the document in the open register "
    "${open_register}: ${url}")
MSG_PAST_YEAR = _(
    "The register ${register} is the register of ${year}; since 01/01/${current} documents "
    "are registered in ${open_register}: ${url}")
MSG_PAST_YEAR_NONE = _(
    "The register ${register} is the register of ${year}; the register of ${current} is not "
    "open yet. Open the new year's registers first.")
MSG_FUTURE_YEAR = _(
    "The register ${register} is the register of ${year}; it takes documents from "
    "01/01/${year}.")


class RegisterClosed(DocumentRefused):
    """The book does not take documents (closed, or not its year)."""


def is_closed(register):
    return api.content.get_state(register, default=None) == "closed"


def registers_of(agency, kind=None, state=None):
    query = {"portal_type": "Register", "path": "/".join(agency.getPhysicalPath())}
    if kind:
        query["register_kind"] = kind
    if state:
        query["review_state"] = state
    catalog = api.portal.get_tool("portal_catalog")
    return [b._unrestrictedGetObject() for b in catalog.unrestrictedSearchResults(**query)]


def open_register(register, year=None):
    """The open book of the same agency and kind for ``year`` (this year)."""
    year = year or vietnam_today().year
    agency = agency_of(register)
    if agency is None:
        return None
    candidates = [r for r in registers_of(agency, register.kind, "open")
                  if r.year == year and r is not register]
    same_mode = [r for r in candidates if r.numbering_mode == register.numbering_mode]
    return (same_mode or candidates or [None])[0]


def check_takes_documents(register, today=None):
    """Refuse a registration the book cannot take now; ``today`` is read
    once by the caller so the check and the date it writes agree."""
    today = today or vietnam_today()
    name = register.Title()
    if is_closed(register) or register.year < today.year:
        other = open_register(register, today.year)
        if other is not None:
            msgid = MSG_CLOSED_SEE_OPEN if is_closed(register) else MSG_PAST_YEAR
            raise RegisterClosed(msgid, {"register": name, "open_register": other.Title(),
                                         "url": other.absolute_url(), "year": register.year,
                                         "current": today.year}, "register")
        if is_closed(register):
            raise RegisterClosed(MSG_CLOSED, {"register": name}, "register")
        raise RegisterClosed(MSG_PAST_YEAR_NONE, {"register": name, "year": register.year,
                                                  "current": today.year}, "register")
    if register.year > today.year:
        raise RegisterClosed(MSG_FUTURE_YEAR, {"register": name, "year": register.year},
                             "register")
    jar = getattr(register, "_p_jar", None)
    if jar is not None and register._p_oid is not None:
        jar.readCurrent(register)  # a concurrent closing makes this commit fail


def on_register_transition(register, event):
    """Closing records the last number of each series (and when); reopening
    (site managers only) clears it."""
    if event.transition is None:
        return
    if event.transition.id == "close":
        register.closed_numbers = last_numbers(register)
        register.closed_on = vietnam_timestamp()
    elif event.transition.id == "reopen":
        register.closed_numbers = None
        register.closed_on = None


def last_number(register):
    """The highest number given in the book (over all its series)."""
    numbers = register.closed_numbers if is_closed(register) else last_numbers(register)
    return max((numbers or {}).values(), default=0)


# -- the new year ---------------------------------------------------------------

def next_year_name(name, old_year, new_year):
    """'Sổ đăng ký văn bản đến năm 2026' → '… năm 2027'; 'den-2026' → 'den-2027'."""
    old, new = str(old_year), str(new_year)
    if re.search(rf"(?<!\d){old}(?!\d)", name):
        return re.sub(rf"(?<!\d){old}(?!\d)", new, name)
    return f"{name}-{new}" if re.fullmatch(r"[a-z0-9-]+", name) else f"{name} năm {new}"


def move_drafts(old, new):
    """Outgoing documents not yet issued wait in the book they will be
    numbered in: they move to the new year's book."""
    if old.kind != "outgoing":
        return
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
            path={"query": "/".join(old.getPhysicalPath()), "depth": 1},
            portal_type="OutgoingDocument",
            review_state=meanings.query_states("OutgoingDocument", "unissued")):
        api.content.move(source=brain._unrestrictedGetObject(), target=new)


def open_new_year(site, today=None):
    """Open this year's book for every book of last year (and any book of
    an earlier year still open), move the unissued drafts there, then close
    the old open ones (their last numbers recorded). A book the clerk
    closed on 31 December gets its successor too. Safe to run again.
    The books of a dissolved or merged agency get none.
    Returns [(old, new)] of the books opened or closed."""
    today = today or vietnam_today()
    catalog = api.portal.get_tool("portal_catalog")
    done = []
    with api.env.adopt_roles(["Manager"]):
        for brain in catalog.unrestrictedSearchResults(portal_type="Register"):
            old = brain._unrestrictedGetObject()
            was_open = not is_closed(old)
            if old.year >= today.year or not (was_open or old.year == today.year - 1):
                continue
            if archived_on(agency_of(old)) is not None:
                continue  # a dissolved or merged agency's books stay closed
            new = open_register(old, today.year)
            if new is None:
                new = api.content.create(
                    container=agency_of(old), type="Register",
                    id=next_year_name(old.getId(), old.year, today.year),
                    title=next_year_name(old.Title(), old.year, today.year),
                    kind=old.kind, year=today.year, numbering_mode=old.numbering_mode)
            elif not was_open:
                continue  # already done
            if was_open:
                move_drafts(old, new)
                api.content.transition(obj=old, transition="close",
                                       comment=format_date(datetime.date(old.year, 12, 31)))
            done.append((old, new))
    return done
