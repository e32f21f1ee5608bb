"""The page "Kiểm tra quy trình" (issue 22), on the site (every agency)
and on an agency: what check.py finds, with links to the documents and to
the agency's workflow policy."""

from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.workflow_guards.check import check


class WorkflowCheckView(BrowserView):
    index = ViewPageTemplateFile("templates/check.pt")

    def result(self):
        return check(self.context)

    def __call__(self):
        return self.index()
