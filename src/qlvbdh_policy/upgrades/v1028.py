"""1027 → 1028: lịch công tác (issue 20) — the types WorkCalendar and
WorkCalendarEntry (a plone.app.event event), their workflows bound in the
site's chain and in the agencies' placeful policies, the catalog index of
the people an entry concerns, and the calendar ``lich-cong-tac`` of every
existing agency (new agencies get theirs from the agency setup).

As in 1027, only the two new workflows are made from the profile; the
existing workflows and policies are otherwise left as site managers keep
them. No entry exists yet: nothing is reindexed."""

from plone import api
from qlvbdh_policy import PROFILE_ID
from qlvbdh_policy.agencies.setup import ensure_work_calendar
from qlvbdh_policy.upgrades.v1027 import add_workflow
from qlvbdh_policy.upgrades.v1027 import bind

CHAINS = {"WorkCalendar": ("qlvbdh_work_calendar_workflow",),
          "WorkCalendarEntry": ("qlvbdh_work_calendar_entry_workflow",)}
INDEX = "work_calendar_people"


def add_work_calendars(context):
    context.runImportStepFromProfile("profile-" + PROFILE_ID, "typeinfo",
                                     run_dependencies=False)
    wftool = api.portal.get_tool("portal_workflow")
    for workflow_id in CHAINS.values():
        add_workflow(wftool, workflow_id[0])
    bind(wftool, CHAINS)
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog._catalog.indexes:
        catalog.addIndex(INDEX, "KeywordIndex")
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency"):
        ensure_work_calendar(brain._unrestrictedGetObject())
