"""Pages of the work calendar (thin: weeks, pdf, feeds do the work).

- ``<agency>/lich-cong-tac/@@work-week?week=2026-W49&leader=<id>``: the
  week, day by day (a list of cards, readable on a phone), this / next /
  previous week, filtered by leader; the office submits it, a leader
  publishes it (POST with the form authenticator).
- ``@@work-week.pdf``: the printable week.
- ``<site>/@@my-work-calendar``: a person's feed address for a phone,
  and a button that replaces it.
- ``<site>/@@work-calendar-feed/<token>``: that feed (no login: the token
  is the key, work_calendar/feeds.py).
"""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect.authenticator import createToken
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.agencies.lookups import user_ids_in
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.rules import work_weeks as W
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.work_calendar import feeds
from qlvbdh_policy.work_calendar import invitations
from qlvbdh_policy.work_calendar import pdf
from qlvbdh_policy.work_calendar import weeks
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

MSG_SUBMITTED = _("The week's calendar was submitted to the leaders.")
MSG_PUBLISHED = _("The week's calendar was published (${version}).")
MSG_PUT = _("The meeting was put on ${count} calendars.")
MSG_RENEWED = _("A new feed address was made; the old one no longer answers.")
ICS_TYPE = "text/calendar; charset=utf-8"


class WeekView(BrowserView):
    index = ViewPageTemplateFile("templates/work_week.pt")

    def __call__(self):
        self.year, self.week = weeks.read_week(self.request.form.get("week", ""))
        if self.request.get("REQUEST_METHOD", "GET").upper() == "POST":
            return self.act()
        self.info = weeks.week_info(self.context, self.year, self.week, self.leader())
        return self.index()

    def tr(self, msgid, **mapping):
        return translate(_(msgid, mapping=mapping) if mapping else msgid,
                         context=self.request)

    def leader(self):
        return self.request.form.get("leader") or None

    def act(self):
        refuse_forged(self.request)
        action = self.request.form.get("action")
        messages = IStatusMessage(self.request)
        try:
            if action == "submit":
                weeks.submit_week(self.context, self.year, self.week)
                messages.add(self.tr(MSG_SUBMITTED), type="info")
            elif action == "publish":
                rec = weeks.publish_week(self.context, self.year, self.week)
                messages.add(self.tr(MSG_PUBLISHED, version=weeks.version_text(
                    rec["version"])), type="info")
        except weeks.WeekRefused as refused:
            messages.add(translate(refused.message(), context=self.request), type="error")
        self.request.response.redirect(self.week_url(self.year, self.week))
        return ""

    def week_url(self, year, week, leader=None):
        url = f"{self.context.absolute_url()}/@@work-week?week={weeks.key_of(year, week)}"
        return url + (f"&leader={leader}" if leader else "")

    def navigation(self):
        this = W.week_of(weeks.vietnam_today())
        nxt = W.shifted(*this, 1)
        prev = W.shifted(self.year, self.week, -1)
        after = W.shifted(self.year, self.week, 1)
        leader = self.leader()
        return [
            {"title": self.tr(_("Previous week")), "url": self.week_url(*prev, leader),
             "current": False},
            {"title": self.tr(_("This week")), "url": self.week_url(*this, leader),
             "current": (self.year, self.week) == this},
            {"title": self.tr(_("Next week")), "url": self.week_url(*nxt, leader),
             "current": (self.year, self.week) == nxt},
            {"title": self.tr(_("Following week")), "url": self.week_url(*after, leader),
             "current": False},
        ]

    def leaders(self):
        agency = self.context.aq_parent
        out = [{"title": self.tr(_("All leaders")), "url": self.week_url(self.year, self.week),
                "current": not self.leader()}]
        for userid in sorted(user_ids_in([f"{agency.getId()}-leaders"])):
            out.append({"title": weeks._fullname(userid),
                        "url": self.week_url(self.year, self.week, userid),
                        "current": self.leader() == userid})
        return out

    def heading(self):
        return self.tr(_("Week ${number}, from ${monday} to ${sunday}"),
                       number=self.week, monday=format_date(self.info["monday"]),
                       sunday=format_date(self.info["sunday"]))

    def state_line(self):
        state = self.tr(weeks.STATE_TITLES[self.info["state"]])
        label = weeks.version_text(self.info["version"])
        return f"{state} – {label}" if label else state

    def days(self):
        """[{title, rows}] by day, the rows' texts translated."""
        out, current = [], None
        for row in self.info["rows"]:
            if current is None or current["date"] != row["date"]:
                current = {"date": row["date"], "rows": [],
                           "title": f"{self.tr(row['weekday'])}, {format_date(row['date'])}"}
                out.append(current)
            current["rows"].append({**row, "session_title": self.tr(W.SESSIONS[row["session"]]),
                                    "draft": row["state"] == "draft"})
        return out

    def can_add(self):
        return api.user.has_permission(permissions.AddWorkCalendarEntry, obj=self.context)

    def can_submit(self):
        return self.can_add() and self.info["state"] == weeks.DRAFT

    def can_publish(self):
        return api.user.has_permission(permissions.PublishWorkCalendar, obj=self.context) and (
            self.info["state"] != weeks.PUBLISHED
            or any(r["state"] == "draft" for r in self.info["rows"]))

    def authenticator(self):
        return createToken()

    def pdf_url(self):
        return (f"{self.context.absolute_url()}/@@work-week.pdf"
                f"?week={weeks.key_of(self.year, self.week)}")


class WeekPdf(BrowserView):
    def __call__(self):
        year, week = weeks.read_week(self.request.form.get("week", ""))
        info = weeks.week_info(self.context, year, week, self.request.form.get("leader"))
        return report_pdf.send(self.request.response, pdf.week_pdf(self.context, info),
                               pdf.filename(info))


class MyFeedView(BrowserView):
    index = ViewPageTemplateFile("templates/my_work_calendar.pt")

    def __call__(self):
        if api.user.is_anonymous():
            raise NotFound("my-work-calendar")
        if self.request.get("REQUEST_METHOD", "GET").upper() == "POST":
            refuse_forged(self.request)
            feeds.new_token(api.user.get_current().getId())
            IStatusMessage(self.request).add(translate(MSG_RENEWED, context=self.request))
            self.request.response.redirect(f"{self.context.absolute_url()}/@@my-work-calendar")
            return ""
        return self.index()

    def feed_url(self):
        return feeds.feed_url(api.user.get_current().getId())

    def entries(self):
        out = []
        for entry in feeds.person_entries(api.user.get_current().getId())[-20:]:
            start = entry.start.astimezone(weeks.VIETNAM)
            out.append({"title": entry.title, "when": format_date(start.date()) + " "
                        + W.time_label(start, None, bool(entry.whole_day)),
                        "agency": entry.aq_parent.aq_parent.title})
        return out

    def authenticator(self):
        return createToken()


@implementer(IPublishTraverse)
class PersonFeed(BrowserView):
    """The feed of the person whose token ends the address."""

    token = None

    def publishTraverse(self, request, name):
        if self.token is None:
            self.token = name.removesuffix(".ics")
            return self
        raise NotFound(name)

    def __call__(self):
        userid = feeds.user_of(self.token)
        if userid is None:
            raise NotFound("work-calendar-feed")
        response = self.request.response
        response.setHeader("Content-Type", ICS_TYPE)
        response.setHeader("Content-Disposition", 'inline; filename="lich-cong-tac.ics"')
        response.setHeader("Cache-Control", "private, no-store")
        return feeds.person_calendar(userid).to_ical()


class InvitationCalendarView(BrowserView):
    """A giấy mời's meeting put on the calendars (work_calendar/invitations.py):
    when, where, the chair and the invited people of the agencies it goes
    to; dates as officials write them (01/12/2026 08:00)."""

    index = ViewPageTemplateFile("templates/invitation_calendar.pt")
    error = None

    def __call__(self):
        if self.request.get("REQUEST_METHOD", "GET").upper() == "POST":
            refuse_forged(self.request)
            form = self.request.form
            try:
                made = invitations.put_on_calendars(
                    self.context, self._moment("start"), self._moment("end"),
                    form.get("location") or None, _as_list(form.get("people")),
                    form.get("host") or None)
            except invitations.InvitationRefused as refused:
                self.error = translate(refused.message(), context=self.request)
                self.request.response.setStatus(400)
                return self.index()
            IStatusMessage(self.request).add(translate(_(
                MSG_PUT, mapping={"count": len(made)}), context=self.request))
            own = made[0]
            start = own.start.astimezone(weeks.VIETNAM).date()
            self.request.response.redirect(
                f"{own.aq_parent.absolute_url()}/@@work-week?week={W.week_key(start)}")
            return ""
        return self.index()

    def _moment(self, field):
        return invitations.read_moment(self.request.form.get(field), field)

    def agencies(self):
        """[{title, people: [{id, name}]}] of the issuing and invited agencies."""
        own = agency_of(self.context)
        out = []
        for agency in [own] + [a for a in invitations.invited_agencies(self.context)
                               if a != own]:
            people = [{"id": u, "name": weeks._fullname(u)} for u in agency_user_ids(agency)]
            out.append({"title": agency.title,
                        "people": sorted(people, key=lambda p: sort_key(p["name"]))})
        return out

    def leaders(self):
        own = agency_of(self.context)
        return [{"id": u, "name": weeks._fullname(u)}
                for u in sorted(user_ids_in([f"{own.getId()}-leaders"]))]

    def authenticator(self):
        return createToken()


def _as_list(value):
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


class InvitationLink(ViewletBase):
    """The link to the page above, on a giấy mời that its agency's office
    or leaders may put on the calendars."""

    index = ViewPageTemplateFile("templates/invitation_link.pt")

    def available(self):
        if getattr(self.context, "doc_type", None) != invitations.INVITATION:
            return False
        calendar = weeks.calendar_of(self.context)
        return calendar is not None and api.user.has_permission(
            permissions.AddWorkCalendarEntry, obj=calendar)

    def render(self):
        return self.index() if self.available() else ""
