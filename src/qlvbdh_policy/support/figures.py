"""The IT centre's support figures in the oversight reports (Quy chế Điều
9.1, 10.4: the IT centre answers the officials' requests; Điều 13: the
province's report says how it went): the requests received in a period,
those closed in it (resolved, refused), those still open at its end, and
the median days a request closed in the period took
(rules/support_times.py). A province has hundreds of requests a year, not
thousands: each is read."""

from plone import api
from qlvbdh_policy.rules import support_times
from qlvbdh_policy.support.tracking import OPEN_STATES
from qlvbdh_policy.support.tracking import TYPE
from qlvbdh_policy.timeutil import VIETNAM

KEYS = ("received", "resolved", "rejected", "open", "median_resolve_days")


def support_figures(period):
    """{received, resolved, rejected, open, median_resolve_days} of ``period``."""
    found = dict.fromkeys(KEYS[:-1], 0)
    took = []
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=TYPE):
        request = brain._unrestrictedGetObject()
        created = request.created().asdatetime().astimezone(VIETNAM)
        closed = request.closed.astimezone(VIETNAM) if request.closed else None
        if period.start <= created.date() <= period.end:
            found["received"] += 1
        if created.date() <= period.end and (
                brain.review_state in OPEN_STATES or (closed and closed.date() > period.end)):
            found["open"] += 1
        if closed and period.start <= closed.date() <= period.end:
            found["resolved" if brain.review_state == "resolved" else "rejected"] += 1
            took.append(support_times.resolve_days(created, closed))
    return dict(found, median_resolve_days=support_times.median(took))
