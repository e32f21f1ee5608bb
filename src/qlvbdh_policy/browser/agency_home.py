"""An agency's home page: the day's counts of the person who opens it, each
a link to its list, instead of the agency's fields and a folder listing
(issue 16). Everyone sees what waits for them by task (from “Việc của tôi”,
one catalog query); a clerk also the inbox and today's registrations,
a leader the agency's overdue documents, whoever manages the accounts the
accounts and locked ones. The agency's registers of the year close the page."""

from plone import api
from plone.dexterity.browser.view import DefaultView
from plone.memoize.view import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import permissions
from qlvbdh_policy.accounts import directory
from qlvbdh_policy.content.inbox import INBOX_ID
from qlvbdh_policy.registers.columns import FOLLOW_UP
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.rules.group_names import group_id
from qlvbdh_policy.stats import document_log
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.workflows import meanings
from urllib.parse import urlencode
from zope.i18n import translate

import datetime


class AgencyHome(DefaultView):
    """Dexterity's display view underneath: the agency's own fields close
    the page, folded."""

    index = ViewPageTemplateFile("templates/agency_home.pt")

    def update(self):
        super().update()
        self.user = api.user.get_current()
        self.items = [] if api.user.is_anonymous() else my_work.items_for(self.user)
        self.counts = my_work.counts(self.items)

    def portal_url(self):
        return api.portal.get().absolute_url()

    def tasks(self):
        """A card per task waiting for the reader; the clerk's "accept" is
        the inbox's own card ("Chờ tiếp nhận"), not shown twice."""
        base = f"{self.portal_url()}/@@my-work"
        inbox_shown = self.inbox() is not None
        return [{"title": translate(my_work.TASK_TITLES[task], context=self.request),
                 "count": count, "overdue": overdue, "url": f"{base}?task={task}"}
                for task, count, overdue in my_work.task_counts(self.items)
                if not (task == "accept" and inbox_shown)]

    def _path(self):
        return "/".join(self.context.getPhysicalPath())

    def _count(self, **query):
        return len(api.portal.get_tool("portal_catalog")(path=self._path(), **query))

    def inbox(self):
        inbox = self.context.get(INBOX_ID)
        if inbox is None or not self.is_clerk():
            return None
        return {"url": inbox.absolute_url(),
                "count": self._count(portal_type="IncomingDocument", review_state=meanings.query_states(
                    "IncomingDocument", "new"))}

    def registered_today(self):
        """Documents entered in a register today (not those still waiting
        in the inbox), with the link to the book of today's entries."""
        today = vietnam_today()
        start = datetime.datetime.combine(today, datetime.time.min)
        end = datetime.datetime.combine(today, datetime.time.max)
        count = self._count(portal_type="IncomingDocument", review_state=meanings.query_states(
                                "IncomingDocument", "in_book"),
                            arrival_date={"query": (start, end), "range": "min:max"})
        register = self._incoming_register()
        day = format_date(today)
        url = (f"{register.absolute_url()}?{urlencode({'date_from': day, 'date_to': day})}"
               if register is not None else None)
        return {"count": count, "url": url}

    def overdue_in_agency(self):
        """Documents of the agency still being handled past their deadline,
        for the agency's leaders (who see them all)."""
        yesterday = vietnam_today() - datetime.timedelta(days=1)
        return self._count(portal_type="IncomingDocument", review_state=meanings.query_states(
                               "IncomingDocument", "being_handled"),
                           due_date={"query": datetime.datetime.combine(
                               yesterday, datetime.time.max), "range": "max"})

    def follow_up_url(self):
        """The follow-up book of the agency's incoming register of the year,
        where deadlines and progress are listed."""
        register = self._incoming_register()
        if register is None:
            return None
        return f"{register.absolute_url()}?{urlencode({'book': FOLLOW_UP})}"

    def _incoming_register(self):
        year = vietnam_today().year
        for register in self._registers():
            if register.kind == "incoming" and register.year == year:
                return register
        return None

    def _in_group(self, kind):
        return group_id(self.context.getId(), kind) in (self.user.getGroups() or ())

    def is_clerk(self):
        return self._in_group("clerks")

    def is_leader(self):
        return self._in_group("leaders")

    def accounts(self):
        if not api.user.has_permission(directory.PERMISSION, obj=self.context):
            return None
        rows = directory.accounts(self.context)
        return {"url": f"{self.context.absolute_url()}/@@accounts", "count": len(rows),
                "locked": sum(1 for r in rows if r.get("locked_until"))}

    def statistics_url(self):
        """The agency dashboard (issue 18), for its leaders, its admins and
        site managers."""
        if not api.user.has_permission(permissions.ViewProcessingReports, obj=self.context):
            return None
        return f"{self.context.absolute_url()}/@@agency-statistics"

    def access_log_url(self):
        """The log of all the agency's documents, for the readers of their
        logs (its leaders, its admins, site managers)."""
        if not document_log.can_read(self.context):
            return None
        return f"{self.context.absolute_url()}/@@nhat-ky-truy-cap"

    @memoize
    def _registers(self):
        """The agency's registers the person may see, of this year when
        there are any (one query for the list and the follow-up link)."""
        year = vietnam_today().year
        registers = [b.getObject() for b in api.content.find(
            context=self.context, depth=1, portal_type="Register", sort_on="sortable_title")]
        return [r for r in registers if r.year == year] or registers

    def registers(self):
        return [{"title": r.Title(), "url": r.absolute_url()} for r in self._registers()]
