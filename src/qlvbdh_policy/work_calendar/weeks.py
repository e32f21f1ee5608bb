"""The weeks of an agency's work calendar (lịch công tác tuần; Quy chế
Điều 3.3: work schedules are sent electronically only).

The office (clerks) drafts the week's entries and submits the week; a
leader approves and publishes it: its draft entries are published (seen by
everyone of the agency) and its version becomes 1. Any later change to an
entry of a published week — added, changed, removed, by the office or a
leader — raises the version once per request ("điều chỉnh lần 1", then 2
…), publishes an added entry at once, and mails the people the entry
concerns (its chair and participants). An entry belongs to the week of its
start; a recurring entry to the week of its first occurrence, and is
listed in every week one of its occurrences falls in.

:raises: ``WeekRefused`` (400) for a week key that is not one,
    ``WeekForbidden`` (403) for someone who may not take the step.
"""

from Acquisition import aq_base
from plone import api
from plone.event.interfaces import IRecurrenceSupport
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import user_ids_in
from qlvbdh_policy.agencies.vhosting import public_url_of
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.work_calendar import CALENDAR_ID
from qlvbdh_policy.interfaces import IWorkCalendar
from qlvbdh_policy.routing import notifications
from qlvbdh_policy.rules import work_weeks as W
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import VIETNAM
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese

import datetime
import transaction

DRAFT, SUBMITTED, PUBLISHED = "draft", "submitted", "published"
STATE_TITLES = {DRAFT: _("Being drafted"), SUBMITTED: _("Submitted to the leader"),
                PUBLISHED: _("Published")}

MSG_BAD_WEEK = _("“${value}” is not a week: write it as 2026-W49 (year, W, week number).")
MSG_MAY_NOT_SUBMIT = _("Only the agency's office (clerks) submits the week's calendar.")
MSG_MAY_NOT_PUBLISH = _("Only a leader of the agency approves and publishes the week's "
                        "calendar.")
MSG_NOTHING = _("The week ${week} has no entry to publish.")
MSG_NO_CALENDAR = _("This agency has no work calendar.")
MSG_SUBJECT = _("Work calendar of week ${week} (${version}): ${title}")
MSG_CHANGED = _("The work calendar of week ${week}, from ${monday} to ${sunday}, was "
                "changed after it was published (${version}).")
MSG_REMOVED = _("This entry was removed from the calendar.")
MSG_WHEN = _("When: ${weekday} ${date}, ${time}")
MSG_WHERE = _("Where: ${location}")
MSG_OPEN = _("Open the week: ${url}")

#: a request's changes raise each week once (the transaction's own data)
_RAISED = object()


class WeekRefused(DocumentRefused):
    """Bad input for a week (HTTP 400)."""


class WeekForbidden(ForbiddenRefusal, WeekRefused):
    """Not the office's or a leader's step (403)."""


def calendar_of(context):
    """The work calendar of the context's agency (the context itself when
    it is one), or None."""
    for obj in (context, getattr(context, "aq_parent", None)):
        if obj is not None and IWorkCalendar.providedBy(obj):
            return obj
    agency = agency_of(context)
    if agency is None or CALENDAR_ID not in agency.objectIds():
        return None
    return agency[CALENDAR_ID]


def read_week(value, default=None):
    """(year, week) of a key such as 2026-W49; this week when empty.

    :raises: WeekRefused naming the field ``week``"""
    if not (value or "").strip():
        return W.week_of(default or vietnam_today())
    try:
        return W.parse_week_key(value)
    except ValueError:
        raise WeekRefused(MSG_BAD_WEEK, {"value": value}, "week")


def key_of(year, week):
    return f"{year}-W{week:02d}"


def _bounds(year, week):
    monday, sunday = W.week_dates(year, week)
    start = datetime.datetime.combine(monday, datetime.time(0, 0), VIETNAM)
    return monday, sunday, start, start + datetime.timedelta(days=7, seconds=-1)


def entries(calendar, year, week, unrestricted=False):
    """The entries with an occurrence in the week (the weeks index), as
    the viewer may see them, or all of them."""
    catalog = api.portal.get_tool("portal_catalog")
    query = dict(path="/".join(calendar.getPhysicalPath()), portal_type="WorkCalendarEntry",
                 work_calendar_weeks=key_of(year, week))
    if unrestricted:
        return [b._unrestrictedGetObject() for b in catalog.unrestrictedSearchResults(**query)]
    return [b.getObject() for b in catalog.searchResults(**query)]


def occurrences(calendar, year, week, leader=None, unrestricted=False):
    """The week's entries and occurrences of recurring ones (plone.app.event's
    recurrence), by start; the ones ``leader`` chairs or takes part in when
    given. As the viewer may see them (a draft week's entries only for the
    office and leaders)."""
    _monday, _sunday, start, end = _bounds(year, week)
    found = []
    for entry in entries(calendar, year, week, unrestricted):
        if leader and leader not in entry.people():
            continue
        if getattr(entry, "recurrence", None):
            found += [o for o in IRecurrenceSupport(entry).occurrences(start, end)
                      if o.start <= end and o.end >= start]
        else:
            found.append(entry)
    return sorted(found, key=lambda o: o.start)


def _entry(occurrence):
    """The entry of an occurrence (an occurrence's parent is its event)."""
    obj = occurrence
    while obj is not None and not hasattr(aq_base(obj), "people"):
        obj = getattr(obj, "aq_parent", None)
    return obj


def record(calendar, year, week):
    return calendar.week_record(key_of(year, week)) or {"state": DRAFT, "version": 0}


def _fullname(userid):
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname") or userid) if user is not None else (userid or "")


def row(occurrence):
    """One line of the schedule, its columns as the printed week has them."""
    entry = _entry(occurrence)
    start, end = occurrence.start.astimezone(VIETNAM), occurrence.end.astimezone(VIETNAM)
    whole_day = bool(getattr(entry, "whole_day", False))
    host = entry.host_text or _fullname(entry.host)
    participants = [_fullname(p) for p in (entry.participants or ())]
    printed = "; ".join([t for t in [entry.participants_text] if t] + participants)
    return {
        "uid": entry.UID(), "url": entry.absolute_url(), "title": entry.title,
        "date": start.date(), "weekday": W.weekday_msgid(start.date()),
        "session": W.session_of(start, whole_day),
        "time": W.time_label(start, end, whole_day), "start": start, "end": end,
        "whole_day": whole_day, "recurring": bool(getattr(entry, "recurrence", None)),
        "host": host, "host_id": entry.host, "participants": printed,
        "location": getattr(entry, "location", None) or "",
        "preparing_unit": entry.preparing_unit or "", "notes": entry.notes or "",
        "state": api.content.get_state(entry, default=""),
    }


def week_info(calendar, year, week, leader=None):
    monday, sunday, _start, _end = _bounds(year, week)
    rec = record(calendar, year, week)
    return {
        "week": key_of(year, week), "year": year, "number": week,
        "monday": monday, "sunday": sunday,
        "state": rec["state"], "version": rec["version"],
        "published": rec.get("published"), "published_by": rec.get("published_by"),
        "rows": [row(o) for o in occurrences(calendar, year, week, leader)],
    }


def version_text(version):
    label = W.version_label(version)
    return in_vietnamese(_(label[0], mapping=label[1])) if label else ""


def _draft_entries(calendar, year, week):
    """Draft entries with an occurrence in the week (a recurring entry
    started earlier and still a draft is published with this week)."""
    return [e for e in entries(calendar, year, week, unrestricted=True)
            if api.content.get_state(e, default="") == "draft"]


def _log(rec, action):
    rec["history"] = list(rec.get("history", [])) + [
        {"action": action, "actor": api.user.get_current().getId(),
         "time": vietnam_timestamp(), "version": rec["version"]}]


def submit_week(calendar, year, week):
    """The office submits the drafted week to the leaders (trình duyệt).

    :raises: WeekForbidden"""
    if not api.user.has_permission(permissions.AddWorkCalendarEntry, obj=calendar):
        raise WeekForbidden(MSG_MAY_NOT_SUBMIT, {}, "week")
    rec = calendar.week_record(key_of(year, week), create=True)
    if rec["state"] == DRAFT:
        rec["state"] = SUBMITTED
        _log(rec, "submit")
    return rec


def publish_week(calendar, year, week):
    """A leader approves and publishes the week: its draft entries are
    published, its version raised (1 the first time).

    :raises: WeekForbidden, WeekRefused when the week has nothing to publish"""
    if not api.user.has_permission(permissions.PublishWorkCalendar, obj=calendar):
        raise WeekForbidden(MSG_MAY_NOT_PUBLISH, {}, "week")
    drafts = _draft_entries(calendar, year, week)
    rec = calendar.week_record(key_of(year, week), create=True)
    if not drafts and rec["state"] == PUBLISHED:
        return rec
    if not drafts and not entries(calendar, year, week, unrestricted=True):
        raise WeekRefused(MSG_NOTHING, {"week": key_of(year, week)}, "week")
    wftool = api.portal.get_tool("portal_workflow")
    for entry in drafts:
        wftool.doActionFor(entry, "publish")
    republished = rec["state"] == PUBLISHED
    rec["state"] = PUBLISHED
    rec["version"] = rec["version"] + 1
    rec["published"] = vietnam_timestamp()
    rec["published_by"] = api.user.get_current().getId()
    _log(rec, "publish")
    if republished:
        for entry in drafts:
            notify_change(calendar, entry, year, week, rec["version"])
    return rec


def _raised():
    txn = transaction.get()
    try:
        return txn.data(_RAISED)
    except KeyError:
        found = {}
        txn.set_data(_RAISED, found)
        return found


def entry_week(entry):
    start = getattr(aq_base(entry), "start", None)
    if start is None:
        return None
    return W.week_of(start.astimezone(VIETNAM).date())


def changed(entry, removed=False):
    """An entry was added, changed or removed: when its week (or the week
    it left) is published, raise that week's version once in this request,
    publish an added draft, tell the people concerned."""
    calendar = calendar_of(entry)
    if calendar is None:
        return
    weeks = {entry_week(entry), getattr(aq_base(entry), "_week", None)}
    for found in [w for w in weeks if w]:
        year, week = found
        rec = calendar.week_record(key_of(year, week))
        if rec is None or rec["state"] != PUBLISHED:
            continue
        raised = _raised()
        if (calendar.UID(), key_of(year, week)) not in raised:
            raised[(calendar.UID(), key_of(year, week))] = True
            rec["version"] = rec["version"] + 1
            _log(rec, "change")
        notify_change(calendar, entry, year, week, rec["version"], removed)
    if not removed:
        entry._week = entry_week(entry)


def notify_change(calendar, entry, year, week, version, removed=False):
    """Mail the entry's chair and participants (who have an address)."""
    monday, sunday = W.week_dates(year, week)
    label = version_text(version)
    start = entry.start.astimezone(VIETNAM)
    lines = [
        in_vietnamese(_(MSG_CHANGED, mapping={
            "week": week, "monday": format_date(monday), "sunday": format_date(sunday),
            "version": label})), "",
        entry.title,
        in_vietnamese(_(MSG_WHEN, mapping={
            "weekday": in_vietnamese(W.weekday_msgid(start.date())),
            "date": format_date(start.date()),
            "time": W.time_label(start, entry.end.astimezone(VIETNAM),
                                 bool(entry.whole_day))})),
    ]
    if getattr(entry, "location", None):
        lines.append(in_vietnamese(_(MSG_WHERE, mapping={"location": entry.location})))
    if removed:
        lines.append(in_vietnamese(MSG_REMOVED))
    lines += ["", in_vietnamese(_(MSG_OPEN, mapping={
        "url": f"{public_url_of(calendar)}/@@work-week?week={key_of(year, week)}"}))]
    subject = in_vietnamese(_(MSG_SUBJECT, mapping={"week": week, "version": label,
                                                    "title": entry.title}))
    for userid in user_ids_in(entry.people()):
        user = api.user.get(userid=userid)
        email = user.getProperty("email") if user is not None else None
        if email:
            notifications.send(email, subject, "\n".join(lines))


def on_entry_added(entry, event):
    changed(entry)


def _week_published(entry):
    calendar, week = calendar_of(entry), entry_week(entry)
    rec = calendar.week_record(key_of(*week)) if calendar and week else None
    return rec is not None and rec["state"] == PUBLISHED


def on_entry_created(entry, event):
    """The entry's workflow has just begun (DCWorkflow's initial
    transition, ``transition`` None): in a published week it is published
    at once — the week's version was raised when it was added."""
    if event.transition is None and _week_published(entry):
        with api.env.adopt_roles(["Manager"]):
            api.portal.get_tool("portal_workflow").doActionFor(entry, "publish")


def on_entry_modified(entry, event):
    changed(entry)


def on_entry_removed(entry, event):
    if event.newParent is None:  # deleted, not moved or renamed
        changed(entry, removed=True)
