"""Usage statistics of the province (Quy chế: the IT centre and Sở Thông
tin và Truyền thông oversee usage): counts per agency from the catalog,
never the documents' contents."""

from plone import api
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.rules import states
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.timeutil import vietnam_today

import datetime

IN_HAND = list(states.INCOMING_IN_HAND)  # registered, not yet done
ACTIVE_DAYS = 30


def account_usage(agency, now=None):
    """Accounts, those logged in within ACTIVE_DAYS, and the latest login
    (the login guard records each account's last login)."""
    site_guard = guard(api.portal.get())
    now = now or vietnam_timestamp()
    logins = [site_guard.last_login(u) if site_guard else None
              for u in agency_user_ids(agency)]
    seen = [t for t in logins if t is not None]
    return {
        "accounts": len(logins),
        "active": len([t for t in seen if now - t <= datetime.timedelta(days=ACTIVE_DAYS)]),
        "last_login": max(seen) if seen else None,
    }


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
                          review_state=list(states.INCOMING_REGISTERED)),
        "pending": count(portal_type="IncomingDocument", review_state="pending"),
        "in_hand": count(portal_type="IncomingDocument", review_state=IN_HAND),
        "overdue": count(portal_type="IncomingDocument", review_state=IN_HAND,
                         due_date={"query": datetime.datetime.combine(today, datetime.time()),
                                   "range": "max"}),
        "issued": count(portal_type="OutgoingDocument", review_state=["issued", "archived"]),
        **account_usage(agency),
    }


def province_counts(site, today=None):
    return [agency_counts(a, today) for a in
            sorted(children(site, "Agency"), key=lambda a: sort_key(a.title))]
