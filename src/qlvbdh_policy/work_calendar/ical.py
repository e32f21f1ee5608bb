"""plone.app.event's iCal component of an event, for a calendar entry,
with the series where it starts.

plone.app.event's accessor answers a recurring event's ``start`` and
``end`` with its next occurrence from now; its exporter writes them as
DTSTART/DTEND beside the RRULE, so once the first meeting of a weekly
series of four has passed, a phone's calendar reads four meetings from
the next one: one week too many, and the past ones gone. The series is
written from the entry's own start and end (what the office typed); all
else is plone.app.event's export as it is."""

from plone.app.event.dx.behaviors import IEventBasic
from plone.app.event.ical.exporter import ICalendarEventComponent
from plone.event.interfaces import IICalendarEventComponent
from qlvbdh_policy.interfaces import IWorkCalendarEntry
from zope.component import adapter
from zope.interface import implementer

import datetime


@adapter(IWorkCalendarEntry)
@implementer(IICalendarEventComponent)
class EntryComponent(ICalendarEventComponent):
    def _stored(self):
        return IEventBasic(self.context)

    @property
    def dtstart(self):
        if not self.event.recurrence:
            return super().dtstart
        start = self._stored().start
        return {"value": start.date() if self.event.whole_day else start}

    @property
    def dtend(self):
        if not self.event.recurrence:
            return super().dtend
        stored = self._stored()
        if self.event.whole_day:
            return {"value": stored.end.date() + datetime.timedelta(days=1)}
        if self.event.open_end:
            return None
        return {"value": stored.end}
