"""The register's page is the book (Phụ lục IV): filters, the columns,
pages of 50; its print (HTML and PDF, a day or a range, with the cover),
its XLSX; the phiếu giải quyết as PDF. Everything is computed by
``registers.book``; these views only read the request and answer."""

from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.browser.phieu import PhieuView
from qlvbdh_policy.browser.phieu import PRINTED
from qlvbdh_policy.content.register import IRegisterSchema
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.registers import book as B
from qlvbdh_policy.registers import closing
from qlvbdh_policy.registers import columns as C
from qlvbdh_policy.registers import listing
from qlvbdh_policy.registers import pdf
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.stats import document_log
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.vocabularies.registry_vocabularies import terms
from qlvbdh_policy.workflows import meanings
from urllib.parse import urlencode
from zope.i18n import translate
from zope.schema.vocabulary import getVocabularyRegistry

BOOK_TITLES = {C.INCOMING: _("Register of incoming documents"),
               C.OUTGOING: _("Register of outgoing documents"),
               C.FOLLOW_UP: _("Follow-up register")}
#: the document type each kind of book lists
BOOK_TYPES = {"incoming": "IncomingDocument", "outgoing": "OutgoingDocument"}


def book_states(kind):
    """The state ids a book of ``kind`` lists (NĐ 30/2020 Phụ lục IV: what
    was registered or issued): those the workflows of its type say are in
    the book (``in_book``), a state added through the web too, in order."""
    portal_type = BOOK_TYPES[kind]
    in_book = set(meanings.states_in(portal_type, "in_book"))
    return [s for s in meanings.state_ids(portal_type) if s in in_book]


class BookBase(BrowserView):
    """Reads which book and which filters the request asks for."""

    def read(self):
        register = self.context
        kinds = listing.book_kinds(register)
        self.book = self.request.form.get("book") or kinds[0]
        self.error = None
        try:
            B.check_book(register, self.book)
            self.criteria = listing.read_criteria(self.request.form)
        except listing.FilterRefused as refusal:
            self.error = translate(refusal.message(), context=self.request)
            self.book = self.book if self.book in kinds else kinds[0]
            self.criteria = listing.read_criteria({})
        return self.error is None

    def query_string(self, **override):
        values = {k: v for k, v in self.request.form.items()
                  if k in listing.CRITERIA + ("book",) and isinstance(v, str) and v}
        values.update({k: v for k, v in override.items() if v is not None})
        values["book"] = values.get("book") or self.book
        return urlencode(sorted(values.items()))


class BookView(BookBase):
    index = ViewPageTemplateFile("templates/register_book.pt")

    def __call__(self):
        if not self.read():
            IStatusMessage(self.request).addStatusMessage(self.error, "error")
        start = max(0, int(self.request.form.get("b_start") or 0))
        self.total, self.entries = B.page(self.context, self.book, self.criteria, start)
        self.batch = Batch(range(self.total), B.PAGE_SIZE, start)
        self.headers = B.headers(self.book, self.request)
        self.rows = [(entry, C.cells(self.book, entry, self._tr))
                     for entry in self.entries]
        return self.index()

    def _tr(self, message):
        return translate(message, context=self.request)

    def books(self):
        return [{"id": b, "title": self._tr(BOOK_TITLES[b]), "active": b == self.book,
                 "url": f"{self.context.absolute_url()}?book={b}"}
                for b in listing.book_kinds(self.context)]

    def summary(self):
        """The register's own fields (kind, year, numbering) above its book."""
        out = []
        for name in ("kind", "year", "numbering_mode"):
            field = IRegisterSchema[name]
            value = getattr(self.context, name, None)
            vocabulary = getattr(field, "vocabulary", None)
            if vocabulary is not None and value in vocabulary:
                value = self._tr(vocabulary.getTerm(value).title)
            out.append({"label": self._tr(field.title), "value": value})
        return out

    def link_column(self):
        """The column that links to the document: its summary."""
        keys = [c.key for c in C.COLUMNS[self.book]]
        return keys.index("description" if self.book == C.FOLLOW_UP else "type_and_summary")

    def page_url(self, start):
        return f"{self.context.absolute_url()}?{self.query_string(b_start=str(start))}"

    def doc_types(self):
        return terms("document_types")

    def urgencies(self):
        return terms("urgency")

    def states(self):
        kind = "outgoing" if self.book == C.OUTGOING else "incoming"
        titles = meanings.state_titles(BOOK_TYPES[kind])
        return [{"id": s, "title": self._tr(_(titles[s]))} for s in book_states(kind)]

    def handlers(self):
        if self.book == C.OUTGOING:
            return []
        vocabulary = getVocabularyRegistry().get(self.context, "qlvbdh.AgencyHandlers")
        return [{"id": t.token, "title": t.title} for t in vocabulary]

    def correspondents(self):
        """Suggestions for the sender/recipient filter: those of this book's
        latest 300 entries (never another agency's correspondents)."""
        names = set()
        for brain in listing.search(self.context, self.book, {}, 0, 300)[1]:
            if self.book == C.OUTGOING:
                names.update(n for n in (brain.recipients or "").split(", ") if n)
            elif brain.sender_name:
                names.add(brain.sender_name)
        return sorted(names, key=sort_key)

    def value(self, key):
        """As the form shows it: dates dd/mm/yyyy."""
        value = self.criteria.get(key)
        return format_date(value) if hasattr(value, "strftime") else (value or "")

    def can_add(self):
        permission = (permissions.AddIncomingDocument if self.context.kind == "incoming"
                      else permissions.AddOutgoingDocument)
        return (not closing.is_closed(self.context)
                and api.user.has_permission(permission, obj=self.context))

    def add_url(self):
        type_name = "IncomingDocument" if self.context.kind == "incoming" else "OutgoingDocument"
        return f"{self.context.absolute_url()}/++add++{type_name}"

    def can_close(self):
        wftool = api.portal.get_tool("portal_workflow")
        return any(t["id"] == "close" for t in wftool.getTransitionsFor(self.context))

    def closed_info(self):
        register = self.context
        if not closing.is_closed(register):
            return None
        other = closing.open_register(register)
        return {"date": format_date(register.closed_on),
                "last": C.number_text(closing.last_number(register)) if closing.last_number(register) else "",
                "open_url": other.absolute_url() if other is not None else None,
                "open_title": other.Title() if other is not None else None}


class BookPrintView(BookView):
    """The print of a day or a range, as a page to print from the browser."""

    index = ViewPageTemplateFile("templates/register_book_print.pt")

    def __call__(self):
        self.read()
        self.criteria = B.print_criteria(self.criteria)
        self.entries = B.all_entries(self.context, self.book, self.criteria)
        self.cover = B.cover_lines(self.context, self.book, self.entries, self.criteria,
                                   self.request)
        self.headers = B.headers(self.book, self.request)
        self.rows = B.rows(self.book, self.entries, self.request)
        return self.index()


class BookPdf(BookBase):
    def __call__(self):
        if not self.read():
            return _refuse(self.request, self.error)
        data = B.book_pdf(self.context, self.book, self.criteria, self.request)
        return _send_pdf(self.request.response, data, B.filename(self.context, self.book, "pdf"))


class BookXlsx(BookBase):
    def __call__(self):
        if not self.read():
            return _refuse(self.request, self.error)
        data = B.book_xlsx(self.context, self.book, self.criteria, self.request)
        return xlsx.send(self.request.response, data, B.filename(self.context, self.book, "xlsx"))


class PhieuPdf(PhieuView):
    """The phiếu giải quyết văn bản đến as a PDF (same content as the page)."""

    def __call__(self):
        self.collect()
        data = pdf.sheet_pdf(self.heading_lines(), self.sections(),
                             page_label=translate(B.MSG_PAGE, context=self.request))
        document_log.note(self.context, document_log.PRINT, f"{PRINTED}.pdf", self.request)
        return _send_pdf(self.request.response, data, f"phieu-{self.context.getId()}.pdf")


def _refuse(request, message):
    request.response.setStatus(400)
    request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
    return message


def _send_pdf(response, data, filename):
    response.setHeader("Content-Type", "application/pdf")
    response.setHeader("Content-Disposition", f'inline; filename="{filename}"')
    return data
