"""The site manager's export of one agency (@@export-agency, Quy chế
Điều 8.4): a page saying what the ZIP holds, and its button, a POST with
the form authenticator, answering the ZIP (exports/agency_export.py). The
ZIP is written to a temporary file and streamed from it, never held in
memory; the file is unlinked before streaming starts, so it goes when the
answer is sent, whatever happens."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.exports import agency_export

TAB_TITLE = _("Export data")  # the agency's tab (actions.xml)


class AgencyExportView(BrowserView):
    index = ViewPageTemplateFile("templates/agency_export.pt")

    def __call__(self):
        if self.request.method == "POST":
            refuse_forged(self.request)  # a link or another site cannot start an export
            return agency_export.send_export(self.context, self.request)
        return self.index()

    def counts(self):
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.context.getPhysicalPath())
        return {
            "documents": len(catalog.unrestrictedSearchResults(
                portal_type=agency_export.DOCUMENT_TYPES, path=path)),
            "registers": len(catalog.unrestrictedSearchResults(portal_type="Register",
                                                               path=path)),
        }

    def filename(self):
        return agency_export.export_name(self.context)
