"""The document search page: criteria, results newest first, the user's
saved searches, and the results as an XLSX sheet."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.search import document_search
from qlvbdh_policy.search import saved_searches
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.validation import RefusedValue
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type
from urllib.parse import urlencode
from zope.i18n import translate

HEADERS = (_("Number and notation"), _("Date"), _("Summary"), _("Issuing agency"),
           _("Status"))


class SearchView(BrowserView):
    index = ViewPageTemplateFile("templates/search.pt")

    def criteria(self):
        form = self.request.form
        criteria = {k: (form.get(k) or "").strip() for k in saved_searches.CRITERIA}
        if not criteria["text"]:  # the header's search box (searchbox.pt)
            searchable = form.get("SearchableText")
            criteria["text"] = searchable.strip() if isinstance(searchable, str) else ""
        return criteria

    def __call__(self):
        if self.request.method == "POST":
            refuse_forged(self.request)
            self.handle_post()
        criteria = self.criteria()
        self.searched = any(criteria.values())
        self.results = document_search.search(self.context, **criteria) if self.searched else []
        userid = api.user.get_current().getId()
        self.saved = saved_searches.saved_for(userid) if userid else []
        return self.index()

    def handle_post(self):
        userid = api.user.get_current().getId()
        form = self.request.form
        messages = IStatusMessage(self.request)
        if form.get("delete"):
            saved_searches.delete(userid, form["delete"])
            messages.addStatusMessage(translate(_("The saved search is deleted."),
                                                context=self.request), "info")
            return
        try:
            saved_searches.save(userid, form.get("name"), self.criteria(),
                                "/".join(self.context.getPhysicalPath()))
        except RefusedValue as refusal:
            messages.addStatusMessage(translate(refusal.message(), context=self.request),
                                      "error")
            return
        messages.addStatusMessage(translate(_("The search is saved."), context=self.request),
                                  "info")

    def query_string(self, criteria=None):
        return urlencode({k: v for k, v in (criteria or self.criteria()).items() if v})

    def saved_url(self, entry):
        base = api.portal.get().unrestrictedTraverse(entry["path"], None) or self.context
        return f"{base.absolute_url()}/@@search-documents?{self.query_string(entry['criteria'])}"

    def type_title(self, token):
        term = document_type(token)
        return term.title if term else ""

    date = staticmethod(format_date)


class SearchXlsx(SearchView):
    """The same results as an XLSX sheet, with Vietnamese headers."""

    def __call__(self):
        rows = ([brain.document_code or "", format_date(brain.doc_date), brain.Title,
                 brain.sender_name or "",
                 translate(_(brain.review_state or ""), context=self.request)]
                for brain in document_search.search(self.context, **self.criteria()))
        data = xlsx.sheet_xlsx(translate(_("Documents"), context=self.request),
                               [translate(h, context=self.request) for h in HEADERS], rows)
        return xlsx.send(self.request.response, data, "tim-kiem-van-ban.xlsx")
