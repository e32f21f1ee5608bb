"""Searching the province's documents as officials do: words or a number
and notation, optionally a type and a date range; newest document first.
Always through the catalog with the user's own permissions, so a search
shows only what that user may read."""

from plone import api

import datetime

DOCUMENT_TYPES = ["IncomingDocument", "OutgoingDocument"]
MAX_RESULTS = 1000


def day_bound(value, end=False):
    if not value:
        return None
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return datetime.datetime.combine(value, datetime.time.max if end else datetime.time.min)


def build_query(context, text="", doc_type="", date_from=None, date_to=None, kind=""):
    query = {"portal_type": DOCUMENT_TYPES if kind not in DOCUMENT_TYPES else kind,
             "path": "/".join(context.getPhysicalPath()),
             "sort_on": "doc_date", "sort_order": "descending"}
    if text and text.strip():
        query["SearchableText"] = text.strip()
    if doc_type:
        query["doc_type"] = doc_type
    start, end = day_bound(date_from), day_bound(date_to, end=True)
    if start and end:
        query["doc_date"] = {"query": [start, end], "range": "min:max"}
    elif start:
        query["doc_date"] = {"query": start, "range": "min"}
    elif end:
        query["doc_date"] = {"query": end, "range": "max"}
    return query


def search(context, **criteria):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog(**build_query(context, **criteria))[:MAX_RESULTS]
