"""1021 → 1022: the indexes the oversight reports count (issue 18, see
stats/indexers.py), and the guard's logins per day (accounts/login_days.py).
Only the new indexes are added and filled; the others are left as they
are. Logins before the upgrade were not counted per day: the reports
count them from the upgrade on."""

from plone import api
from qlvbdh_policy.accounts import login_days
from qlvbdh_policy.accounts.lockout import guard

# index id → meta type; as in catalog.xml (DateIndex indexes naive dates as
# local time by default, as catalog.xml says)
OVERSIGHT_INDEXES = (("channels", "KeywordIndex"), ("departments", "KeywordIndex"),
                     ("delivery_feedback", "FieldIndex"), ("completed_on", "DateIndex"))


def add_oversight_indexes(context=None):
    """Returns the ids of the indexes it added (and filled)."""
    catalog = api.portal.get_tool("portal_catalog")
    added = []
    for index_id, meta_type in OVERSIGHT_INDEXES:
        if index_id in catalog._catalog.indexes:
            continue
        catalog.addIndex(index_id, meta_type)
        added.append(index_id)
    if added:
        catalog.manage_reindexIndex(ids=added)
    site_guard = guard(api.portal.get())
    if site_guard is not None:
        login_days.days_of(site_guard, create=True)
    return added
