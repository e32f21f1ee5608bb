"""Catalog indexer of the work calendar: whom an entry concerns (its chair
and participants), for a person's feed and the week's leader filter."""

from plone.indexer import indexer
from qlvbdh_policy.interfaces import IWorkCalendarEntry


@indexer(IWorkCalendarEntry)
def work_calendar_people(obj):
    return obj.people()
