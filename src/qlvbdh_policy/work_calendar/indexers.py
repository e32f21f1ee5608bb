"""Catalog indexers of the work calendar: whom an entry concerns (its chair
and participants), for a person's feed and the week's leader filter; the
weeks it has occurrences in, for the week's lines.

Why a weeks index: plone.app.event indexes a recurring event's ``start``
and ``end`` as its next occurrence from now, so a range query on them
loses a recurring meeting in every week before the current one (a past
week's schedule, its PDF). The weeks are computed from the entry's own
start and recurrence (at most ``MAX_WEEKS``)."""

from plone.event.interfaces import IRecurrenceSupport
from plone.indexer import indexer
from qlvbdh_policy.interfaces import IWorkCalendarEntry
from qlvbdh_policy.rules.work_weeks import week_keys
from qlvbdh_policy.timeutil import VIETNAM

MAX_WEEKS = 260  # five years of a weekly meeting without end


def spans(obj):
    """(start date, end date) of each occurrence, Vietnam time."""
    if getattr(obj, "recurrence", None):
        occurrences = IRecurrenceSupport(obj).occurrences()
    else:
        occurrences = [obj]
    for occurrence in occurrences:
        yield (occurrence.start.astimezone(VIETNAM).date(),
               occurrence.end.astimezone(VIETNAM).date())


@indexer(IWorkCalendarEntry)
def work_calendar_weeks(obj):
    if getattr(obj, "start", None) is None or getattr(obj, "end", None) is None:
        raise AttributeError("start")
    return week_keys(spans(obj), limit=MAX_WEEKS)


@indexer(IWorkCalendarEntry)
def work_calendar_people(obj):
    return obj.people()
