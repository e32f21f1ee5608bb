"""The document's access log page (@@nhat-ky-truy-cap, "Nhật ký truy
cập"; NĐ 30/2020 Phụ lục VI III.5.a, III.6.a, b, l): who viewed,
downloaded, printed, changed or routed it, newest first, 50 a page, and
the counts of the document, its agency and the system. Its agency's
leaders, its administrators and site managers read it; the link on the
document's page is shown to them only (``DocumentLogLink``). Everything
comes from ``stats.document_log``, as REST's ``@access-log``. The same
page on an agency lists the log of all its documents (``AgencyDocumentLogView``)."""

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
        self.read_start()
        self.total, self.items = document_log.entries(self.context, self.start, SIZE)
        return self.index()

    def read_start(self):
        start = self.request.form.get("b_start", "0")
        self.start = int(start) if str(start).isdigit() else 0

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


class AgencyDocumentLogView(DocumentLogView):
    """The log of all the agency's documents (@@nhat-ky-truy-cap on the
    agency): an agency admin may not open a document, so the document's
    own page is out of his reach; here he reads who viewed, downloaded,
    printed, changed or routed which document, when and from where, and
    the counts per document and for the agency. A document is named by
    its number and notation; its title and link only for a reader who may
    open it (stats.document_log ``described``)."""

    index = ViewPageTemplateFile("templates/agency_document_log.pt")

    def __call__(self):
        document_log.check_read(self.context)
        self.read_start()
        self.total, self.items = document_log.agency_entries(self.context, self.start, SIZE)
        return self.index()

    def action_titles(self):
        return [in_vietnamese(document_log.ACTION_TITLES[a]) for a in document_log.ACTIONS]

    def count_rows(self):
        """One row per action: the agency's, the system's."""
        columns = [document_log.counts(agency=self.context), document_log.counts()]
        titles = document_log.ACTION_TITLES
        return [{"title": in_vietnamese(titles[a]), "figures": [c.get(a, 0) for c in columns]}
                for a in document_log.ACTIONS]

    def documents(self):
        return [dict(row, figures=[row["counts"][a] for a in document_log.ACTIONS])
                for row in document_log.most_accessed(self.context)]


class DocumentLogLink(ViewletBase):
    """The link to the log on the document's page, for its readers."""

    index = ViewPageTemplateFile("templates/document_log_link.pt")

    def update(self):
        self.url = f"{self.context.absolute_url()}/@@{PAGE}"

    def render(self):
        return self.index() if document_log.can_read(self.context) else ""
