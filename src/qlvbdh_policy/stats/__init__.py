"""Usage statistics of the province (Quy chế: the IT centre and Sở Thông
tin và Truyền thông oversee usage): counts per agency from the catalog,
never the documents' contents."""

from plone import api
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vocabularies.content_vocabularies import children

import datetime


IN_HAND = ["submitted", "assigned", "in_progress"]  # registered, not yet done


def agency_counts(agency, today=None):
    today = today or vietnam_today()
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(agency.getPhysicalPath())

    def count(**query):
        return len(catalog.unrestrictedSearchResults(path=path, **query))

    return {
        "agency": agency.title,
        "abbr": agency.getId(),
        "incoming": count(portal_type="IncomingDocument",
                          review_state=["registered", "submitted", "assigned", "in_progress",
                                        "completed", "filed"]),
        "pending": count(portal_type="IncomingDocument", review_state="pending"),
        "in_hand": count(portal_type="IncomingDocument", review_state=IN_HAND),
        "overdue": count(portal_type="IncomingDocument", review_state=IN_HAND,
                         due_date={"query": datetime.datetime.combine(today, datetime.time()),
                                   "range": "max"}),
        "issued": count(portal_type="OutgoingDocument", review_state=["issued", "archived"]),
    }


def province_counts(site, today=None):
    return [agency_counts(a, today) for a in
            sorted(children(site, "Agency"), key=lambda a: sort_key(a.title))]
