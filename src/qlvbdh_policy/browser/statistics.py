"""Usage statistics for province oversight (Oversight role)."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.stats.usage import province_counts
from qlvbdh_policy.timeutil import format_datetime


class StatisticsView(BrowserView):
    index = ViewPageTemplateFile("templates/statistics.pt")

    def __call__(self):
        self.rows = province_counts(api.portal.get())
        return self.index()

    def when(self, moment):
        return format_datetime(moment) or "—"
