"""A register book's entries: the clerk's filters turned into one catalog
query, and catalog brains turned into the plain entries the columns print.

Everything comes from the catalog (indexes to filter and sort, metadata to
print), so a page of a 50,000-entry book costs one query and no object.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import user_ids_in
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.registers import columns as C
from qlvbdh_policy.rules.group_names import department_group_ids
from qlvbdh_policy.rules.ranges import range_query
from qlvbdh_policy.search.document_search import day_bound
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import read_date
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type_map
from qlvbdh_policy.workflows import meanings

import datetime

CRITERIA = ("date_from", "date_to", "doc_type", "correspondent", "urgency", "state",
            "handler", "text", "sort")
SORTS = ("number", "-number", "date", "-date")

MSG_BAD_DATE = _("${field}: “${value}” is not a date; write it as dd/mm/yyyy.")
MSG_DATE_ORDER = _("The start date ${start} is after the end date ${end}.")
MSG_BAD_SORT = _("Unknown sort order “${value}”.")
MSG_HANDLER_ONLY_INCOMING = _("Only incoming documents are filtered by handler.")

FIELD_TITLES = {"date_from": _("From date"), "date_to": _("To date")}


class FilterRefused(RefusedValue):
    """A filter of the book that cannot be read (HTTP 400 in REST)."""


def parse_date(value, field):
    """dd/mm/yyyy (as clerks write) or yyyy-mm-dd (as browsers send)."""
    if isinstance(value, datetime.date):
        return value
    try:
        return read_date(value)
    except ValueError:
        raise FilterRefused(MSG_BAD_DATE, {"field": FIELD_TITLES[field],
                                           "value": value.strip()}, field) from None


def read_criteria(form):
    """The filters of a request (form or REST query), checked."""
    criteria = {k: (form.get(k) or "").strip() if isinstance(form.get(k, ""), str)
                else form.get(k) for k in CRITERIA}
    criteria["date_from"] = parse_date(criteria["date_from"], "date_from")
    criteria["date_to"] = parse_date(criteria["date_to"], "date_to")
    start, end = criteria["date_from"], criteria["date_to"]
    if start and end and start > end:
        raise FilterRefused(MSG_DATE_ORDER, {"start": format_date(start),
                                             "end": format_date(end)}, "date_from")
    if criteria["sort"] and criteria["sort"] not in SORTS:
        raise FilterRefused(MSG_BAD_SORT, {"value": criteria["sort"]}, "sort")
    return criteria


def book_kinds(register):
    """The books a register shows: incoming registers have the follow-up one too."""
    return (C.INCOMING, C.FOLLOW_UP) if register.kind == "incoming" else (C.OUTGOING,)


def date_index(book):
    return "issued_date" if book == C.OUTGOING else "arrival_date"


def handler_principals(register, token):
    """A person, or a department: its heads and its people."""
    agency = agency_of(register)
    dept = agency.get(token) if agency is not None and token in agency.objectIds() else None
    if dept is None:
        dept = api.content.get(UID=token) if len(token) == 32 else None
    if dept is not None and dept.portal_type == "Department" and agency is not None:
        groups = list(department_group_ids(agency.getId(), dept.getId()))
        return groups + sorted(user_ids_in(groups))
    return [token]


def sort_query(book, by_date, sort):
    """``sort_on``/``sort_order`` of a book's listing: "date" or "number",
    "-" first for descending."""
    order = "descending" if sort.startswith("-") else "ascending"
    if sort.lstrip("-") == "date":
        sort_on = [by_date, "book_number"]
    elif book == C.OUTGOING:
        # outgoing numbers run per series: the book's order is the issue date
        sort_on = ["issued_date", "book_number"]
    else:
        sort_on = ["book_number"]
    return {"sort_on": sort_on, "sort_order": [order] * len(sort_on)}


def catalog_query(register, book, criteria):
    criteria = criteria or {}
    portal_type = "OutgoingDocument" if book == C.OUTGOING else "IncomingDocument"
    query = {"path": {"query": "/".join(register.getPhysicalPath()), "depth": 1},
             "portal_type": portal_type}
    by_date = date_index(book)
    start, end = day_bound(criteria.get("date_from")), day_bound(criteria.get("date_to"), end=True)
    if book == C.OUTGOING:
        # drafts wait in the register too; the book lists what has been issued
        start = start or datetime.datetime(1900, 1, 1)
    dates = range_query(start, end)
    if dates:
        query[by_date] = dates
    if book == C.FOLLOW_UP:
        query["due_date"] = {"query": datetime.datetime(1900, 1, 1), "range": "min"}
    for key, index in (("doc_type", "doc_type"), ("urgency", "urgency"),
                       ("state", "review_state"), ("correspondent", "correspondents"),
                       ("text", "SearchableText")):
        if criteria.get(key):
            query[index] = criteria[key]
    if criteria.get("handler"):
        if book == C.OUTGOING:
            raise FilterRefused(MSG_HANDLER_ONLY_INCOMING, {}, "handler")
        query["handlers"] = handler_principals(register, criteria["handler"])
    query.update(sort_query(book, by_date, criteria.get("sort") or "-number"))
    return query


def search(register, book, criteria, start=0, size=None, unrestricted=False):
    """(total, brains of the page); ``size=None``: all of them.
    ``unrestricted``: every entry, whoever asks (the agency's export, whose
    caller checked that a site manager asks)."""
    query = catalog_query(register, book, criteria)
    if size is not None:
        query["sort_limit"] = start + size
    catalog = api.portal.get_tool("portal_catalog")
    brains = (catalog.unrestrictedSearchResults if unrestricted else catalog)(**query)
    total = getattr(brains, "actual_result_count", None) or len(brains)
    return total, brains[start:start + size] if size is not None else brains


def _reply_codes(brains):
    uids = [b.reply_uid for b in brains if getattr(b, "reply_uid", None)]
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {b.UID: b.document_code or "" for b in catalog.unrestrictedSearchResults(UID=uids)}


def _value(brain, name):
    value = getattr(brain, name, None)
    return None if value is None or type(value).__name__ == "Missing" else value


def entries(brains, book, today=None):
    """Plain entries for ``columns.cells`` (and for REST), from metadata only."""
    today = today or vietnam_today()
    replies = _reply_codes(brains) if book == C.FOLLOW_UP else {}
    types = document_type_map()
    # done as the workflows' states say (workflows/meanings.py), not by id
    done = set(meanings.states_in("IncomingDocument", "done")) if book == C.FOLLOW_UP else ()
    out = []
    for brain in brains:
        term = types.get(_value(brain, "doc_type"))
        get = lambda name: _value(brain, name)  # noqa: E731
        entry = {
            "url": brain.getURL(), "uid": brain.UID, "title": brain.Title,
            "type_title": term.title if term else "", "code": get("document_code") or "",
            "arrival_number": get("arrival_number"), "arrival_date": get("arrival_date"),
            "sender_name": get("sender_name"), "doc_date": get("doc_date"),
            "issued_date": get("issued_date"), "receiver": get("receiver"),
            "transfer_date": get("transfer_date"), "notes": get("notes"),
            "signer_name": get("signer_name"), "recipients": get("recipients"),
            "archive_holder": get("archive_holder"), "copies": get("copies"),
            "due_date": get("due_date"), "urgency": get("urgency"),
            "review_state": get("review_state"),
            "reply_code": replies.get(get("reply_uid"), ""),
        }
        entry["number"] = entry["arrival_number"]
        if book == C.OUTGOING:
            entry["transfer_date"] = entry["issued_date"]  # delivered when issued
            entry["number"] = int(get("code_number")) if get("code_number") else None
        if book == C.FOLLOW_UP:
            entry["progress"] = C.progress(entry["review_state"] in done,
                                           entry["due_date"], today, get("completed_on"))
        out.append(entry)
    return out
