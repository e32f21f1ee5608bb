"""The document's access log page (@@nhat-ky-truy-cap, "Nhật ký truy
cập"; NĐ 30/2020 Phụ lục VI III.5.a, III.6.a, b, l): who viewed,
downloaded, printed, changed or routed it, newest first, 50 a page, and
the counts of the document, its agency and the system. Its agency's
leaders, its administrators and site managers read it; the link on the
document's page is shown to them only (``DocumentLogLink``). Everything
comes from ``stats.document_log``, as REST's ``@access-log``."""

from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.stats import document_log
from qlvbdh_policy.vietnamese import in_vietnamese
from zExceptions import Unauthorized

PAGE = "nhat-ky-truy-cap"
SIZE = 50


class DocumentLogView(BrowserView):
    index = ViewPageTemplateFile("templates/document_log.pt")

    def __call__(self):
        if not document_log.can_read(self.context):
            raise Unauthorized(PAGE)
        start = self.request.form.get("b_start", "0")
        self.start = int(start) if str(start).isdigit() else 0
        self.total, self.items = document_log.entries(self.context, self.start, SIZE)
        return self.index()

    def count_rows(self):
        """One row per action: the document's, its agency's, the system's."""
        agency = agency_of(self.context)
        columns = [document_log.counts(doc=self.context),
                   document_log.counts(agency=agency) if agency is not None else {},
                   document_log.counts()]
        titles = document_log.ACTION_TITLES
        return [{"title": in_vietnamese(titles[a]), "figures": [c.get(a, 0) for c in columns]}
                for a in document_log.ACTIONS]

    def page_url(self, start):
        return f"{self.context.absolute_url()}/@@{PAGE}?b_start={start}"

    def previous_url(self):
        return self.page_url(max(self.start - SIZE, 0)) if self.start else None

    def next_url(self):
        return self.page_url(self.start + SIZE) if self.start + SIZE < self.total else None


class DocumentLogLink(ViewletBase):
    """The link to the log on the document's page, for its readers."""

    index = ViewPageTemplateFile("templates/document_log_link.pt")

    def update(self):
        self.url = f"{self.context.absolute_url()}/@@{PAGE}"

    def render(self):
        return self.index() if document_log.can_read(self.context) else ""
