"""An invitation (giấy mời: an OutgoingDocument of the kind ``giay_moi``;
Quy chế Điều 3.3.b, sent electronically only) puts its meeting on the
calendars: one entry in the issuing agency's calendar and one in the
calendar of each invited agency of the province (its internal
recipients), each naming the invited people of that agency as
participants, so the meeting reaches their own feeds. Taken again, the
step updates the same entries (one per agency and invitation).

An entry lands as a draft, for the agency's office to keep in its week; in
a week already published it is published at once and raises the week's
version (weeks.changed).

:raises: ``InvitationRefused`` (400) for a document that is not an
    invitation or a meeting without start, ``WeekForbidden`` (403) for
    someone who is not of the issuing agency's office or leaders."""

from plone import api
from plone.app.uuid.utils import uuidToObject
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.setup import ensure_work_calendar
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.content.work_calendar import CALENDAR_ID
from qlvbdh_policy.routing.steps import is_member_of_agency
from qlvbdh_policy.rules import work_weeks as W
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.work_calendar import weeks
from zope.lifecycleevent import modified

import datetime
import pytz

INVITATION = "giay_moi"

MSG_NOT_INVITATION = _("Only an invitation (giấy mời) puts a meeting on the calendars.")
MSG_NEED_START = _("Give the meeting's start.")
MSG_END_BEFORE = _("The meeting's end is before its start.")
MSG_MAY_NOT = _("Only the issuing agency's office or leaders put its invitation on the "
                "calendars.")
MSG_NOT_PERSON = _("${name} is not a person of an invited agency.")
MSG_INVITED = _("Invitation ${code}")
MSG_MOMENT = _("“${value}” is not a date and time: write 01/12/2026 08:00.")


class InvitationRefused(DocumentRefused):
    """Bad input for an invitation's meeting (HTTP 400)."""


#: plone.app.event stores pytz zones (``tzinfo.zone``; a ZoneInfo does not
#: pickle in the ZODB)
EVENT_ZONE = pytz.timezone("Asia/Ho_Chi_Minh")


def _aware(value):
    """Vietnam time, as plone.app.event stores it."""
    if value.tzinfo is None:
        return EVENT_ZONE.localize(value)
    return value.astimezone(EVENT_ZONE)


def _calendar(agency):
    return ensure_work_calendar(agency)


def read_moment(value, field):
    """The datetime of a form's or a request's field (None when empty).

    :raises: InvitationRefused naming the field"""
    try:
        return W.read_moment(value or "")
    except ValueError:
        raise InvitationRefused(MSG_MOMENT, {"value": value}, field)


def invited_agencies(doc):
    found = []
    for uid in doc.recipients_internal or ():
        agency = uuidToObject(uid, unrestricted=True)
        if agency is not None and agency not in found:
            found.append(agency)
    return found


def _check(doc, start, end):
    if getattr(doc, "doc_type", None) != INVITATION:
        raise InvitationRefused(MSG_NOT_INVITATION, {}, "doc_type")
    if start is None:
        raise InvitationRefused(MSG_NEED_START, {}, "start")
    if end is not None and _aware(end) < _aware(start):
        raise InvitationRefused(MSG_END_BEFORE, {}, "end")
    own = agency_of(doc)
    calendar = own.get(CALENDAR_ID) if own is not None else None
    if calendar is None or not api.user.has_permission(
            permissions.AddWorkCalendarEntry, obj=calendar):
        raise weeks.WeekForbidden(MSG_MAY_NOT, {}, "document")
    return own


def _people_by_agency(agencies, people):
    out = {a.UID(): [] for a in agencies}
    for userid in people or ():
        agency = next((a for a in agencies if is_member_of_agency(a, userid)), None)
        if agency is None:
            raise InvitationRefused(MSG_NOT_PERSON, {"name": userid}, "people")
        out[agency.UID()].append(userid)
    return out


def _existing(calendar, doc):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
            path="/".join(calendar.getPhysicalPath()), portal_type="WorkCalendarEntry"):
        entry = brain._unrestrictedGetObject()
        if entry.invitation == doc.UID():
            return entry
    return None


def put_on_calendars(doc, start, end=None, location=None, people=(), host=None):
    """Entries of the invitation's meeting in the issuing and invited
    agencies' calendars; returns them. ``people``: user ids of the issuing
    or invited agencies; ``host``: the issuing agency's chair."""
    own = _check(doc, start, end)
    start = _aware(start)
    end = _aware(end) if end is not None else start + datetime.timedelta(hours=2)
    agencies = [own] + [a for a in invited_agencies(doc) if a != own]
    by_agency = _people_by_agency(agencies, people)
    printed = in_code(doc)
    made = []
    with api.env.adopt_roles(["Manager"]):  # the invitation is the authority to write
        for agency in agencies:
            calendar = _calendar(agency)
            fields = {"title": doc.title, "start": start, "end": end,
                      "location": location or None,
                      "participants": by_agency[agency.UID()],
                      "participants_text": printed,
                      "host": host if agency == own else None}
            entry = _existing(calendar, doc)
            if entry is None:
                entry = api.content.create(container=calendar, type="WorkCalendarEntry",
                                           safe_id=True, **fields)
                entry.invitation = doc.UID()
            else:
                for name, value in fields.items():
                    setattr(entry, name, value)
                modified(entry)
                entry.reindexObject()
            made.append(entry)
    return made


def in_code(doc):
    code = doc.code or doc.title
    return in_vietnamese(_(MSG_INVITED, mapping={"code": code}))
