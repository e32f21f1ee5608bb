"""The pages of support requests (Quy chế Điều 10.4): the request with the
IT centre's steps, “Yêu cầu của tôi” of the requester, the IT centre's
queue with the age of each request. Thin: the functions of
support/tracking.py, which REST calls too."""

from plone import api
from Products.Five.browser import BrowserView
from qlvbdh_policy import _
from qlvbdh_policy.browser.action_pages import ActionPage
from qlvbdh_policy.support import desk as D
from qlvbdh_policy.support import tracking
from qlvbdh_policy.timeutil import format_date

import datetime

#: the site actions' titles (profiles/default/actions.xml), translated here
ACTION_TITLES = (_("Support request"), _("My requests"), _("Support queue"))
MSG_STEP_DONE = _("The request ${number} is saved; the requester is told by mail.")


def _dates(info):
    """The summary with its dates as dd/mm/yyyy."""
    closed = info["closed"]
    return dict(info, created_date=format_date(datetime.datetime.fromisoformat(info["created"])),
                closed_date=format_date(datetime.datetime.fromisoformat(closed)) if closed else "")


class RequesterAgency(BrowserView):
    """The current user's agency, as the form prefills it (its TDefault)."""

    def __call__(self):
        agency = D.agency_of_user(api.user.get_current().getId())
        return agency.title if agency is not None else ""


class SupportRequestView(ActionPage):
    field_titles = {"assignee": _("Assigned to"), "reason": _("Reason for the refusal"),
                    "resolution": _("What was done"), "abbr": _("Domain abbreviation"),
                    "action": _("Step")}

    def act(self, action):
        form = self.request.form
        tracking.take_step(self.context, action, assignee=form.get("assignee") or None,
                           reason=form.get("reason"), resolution=form.get("resolution"),
                           abbr=form.get("abbr"), notation_abbr=form.get("notation_abbr"))
        self.say(_(MSG_STEP_DONE, mapping={"number": self.context.number}))
        return None

    def info(self):
        return _dates(tracking.summary(self.context))

    def can_handle(self):
        return D.can_handle()

    def state(self):
        return tracking.state_of(self.context)

    def staff(self):
        return D.staff()

    def history(self):
        return tracking.history(self.context)


class MyRequestsView(BrowserView):
    def requests(self):
        return [_dates(tracking.summary(r)) for r in tracking.my_requests()]

    def form_url(self):
        return f"{api.portal.get().absolute_url()}/ho-tro"


class QueueView(BrowserView):
    def requests(self):
        return [_dates(tracking.summary(r)) for r in tracking.queue()]
