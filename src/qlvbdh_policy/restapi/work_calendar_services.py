"""REST services of the work calendar (lịch công tác; work_calendar/).
Entries themselves are plone.restapi content: POST to the calendar with
``@type: WorkCalendarEntry``, GET/PATCH/DELETE the entry, ``@workflow``.
Refusals answer in the one envelope: 400 naming the field, 403 for someone
who may not take the step.

GET  <calendar>/@work-week?week=2026-W49&leader=<id>  the week: state, version, rows
POST <calendar>/@work-week {week, action: submit|publish}  the office submits, a leader publishes
POST <giấy mời>/@invitation-calendar {start, end, location, people, host}
GET  <site>/@my-work-calendar       the person's feed address (iCal, for a phone)
POST <site>/@my-work-calendar       a new address; the old one stops answering
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from qlvbdh_policy import _
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.rules.request_body import TEXTS
from qlvbdh_policy.work_calendar import feeds
from qlvbdh_policy.work_calendar import invitations
from qlvbdh_policy.work_calendar import weeks
from zExceptions import Unauthorized
from zope.interface import alsoProvides

MSG_ACTION = _("“${value}” is not a step of the week: submit or publish.")


def _write(request, kinds):
    # a JSON API call carries no form authenticator; like plone.restapi's
    # own write services it is no CSRF target (RoutingPost says why)
    alsoProvides(request, IDisableCSRFProtection)
    return json_object(request, kinds)


def _week_json(info):
    info = dict(info)
    info["version_label"] = weeks.version_text(info["version"])
    info["rows"] = [{k: v for k, v in row.items()} for row in info["rows"]]
    for row in info["rows"]:
        row["@id"] = row.pop("url")
    return json_compatible(info)


class WorkWeekGet(Service):
    def reply(self):
        year, week = weeks.read_week(self.request.form.get("week", ""))
        return _week_json(weeks.week_info(self.context, year, week,
                                          self.request.form.get("leader") or None))


class WorkWeekPost(Service):
    def reply(self):
        data = _write(self.request, {"week": TEXT, "action": TEXT})
        year, week = weeks.read_week(data.get("week") or "")
        action = data.get("action")
        if action == "submit":
            weeks.submit_week(self.context, year, week)
        elif action == "publish":
            weeks.publish_week(self.context, year, week)
        else:
            raise weeks.WeekRefused(MSG_ACTION, {"value": action or ""}, "action")
        return _week_json(weeks.week_info(self.context, year, week))


def _moment(data, field):
    return invitations.read_moment(data.get(field), field)


class InvitationCalendarPost(Service):
    def reply(self):
        data = _write(self.request, {"start": TEXT, "end": TEXT, "location": TEXT,
                                     "people": TEXTS, "host": TEXT})
        entries = invitations.put_on_calendars(
            self.context, _moment(data, "start"), _moment(data, "end"),
            data.get("location"), data.get("people") or (), data.get("host"))
        return {"items": [{"@id": e.absolute_url(), "UID": e.UID(),
                           "agency": e.aq_parent.aq_parent.getId(),
                           "review_state": api.content.get_state(e)} for e in entries]}


class MyFeedGet(Service):
    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized("@my-work-calendar")
        return {"feed_url": feeds.feed_url(api.user.get_current().getId())}


class MyFeedPost(MyFeedGet):
    def reply(self):
        _write(self.request, {})
        if api.user.is_anonymous():
            raise Unauthorized("@my-work-calendar")
        feeds.new_token(api.user.get_current().getId())
        return super().reply()
