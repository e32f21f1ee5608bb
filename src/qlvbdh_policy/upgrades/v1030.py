"""1029 → 1030: lịch công tác (issue 20) — the types WorkCalendar and
WorkCalendarEntry (a plone.app.event event), their workflows bound in the
site's chain and in the agencies' placeful policies, the catalog indexes
of the people an entry concerns and of the weeks it falls in, and the
calendar ``lich-cong-tac`` of every existing agency (new agencies get
theirs from the agency setup); the site-wide events portlet goes.

Only the two new types and workflows are made from the profile (the
Agency may hold the calendar); the existing types, workflows and policies
are otherwise left as site managers keep them. No entry exists yet: nothing is reindexed."""

from plone import api
from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletManager
from qlvbdh_policy.agencies.setup import ensure_work_calendar
from qlvbdh_policy.upgrades.new_types import add_types
from qlvbdh_policy.upgrades.v1027 import add_workflow
from qlvbdh_policy.upgrades.v1027 import bind
from zope.component import getMultiAdapter
from zope.component import getUtility

CHAINS = {"WorkCalendar": ("qlvbdh_work_calendar_workflow",),
          "WorkCalendarEntry": ("qlvbdh_work_calendar_entry_workflow",)}
INDEXES = ("work_calendar_people", "work_calendar_weeks")


def remove_events_portlet(portal):
    """plone.app.event's site-wide "Upcoming events" portlet, as the
    profile's portlets.xml removes it on a new site (its links have no
    Vietnamese; the calendars have their own pages)."""
    manager = getUtility(IPortletManager, name="plone.rightcolumn")
    mapping = getMultiAdapter((portal, manager), IPortletAssignmentMapping)
    if "events" in mapping:
        del mapping["events"]


def add_work_calendars(context):
    add_types(context, CHAINS, allowed_in=[("Agency", "WorkCalendar")])
    wftool = api.portal.get_tool("portal_workflow")
    for workflow_id in CHAINS.values():
        add_workflow(wftool, workflow_id[0])
    bind(wftool, CHAINS)
    catalog = api.portal.get_tool("portal_catalog")
    for index in INDEXES:
        if index not in catalog._catalog.indexes:
            catalog.addIndex(index, "KeywordIndex")
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency"):
        ensure_work_calendar(brain._unrestrictedGetObject())
    remove_events_portlet(api.portal.get())
