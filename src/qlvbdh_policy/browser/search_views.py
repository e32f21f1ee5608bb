"""The document search page (NĐ 30/2020 Phụ lục VI §III.6.d–h): every
field of a document as a criterion, the columns shown and the order
chosen (kept in the query string, so a link or a saved search keeps
them), pages of 50, the user's saved searches, and the same rows (all
pages) as XLSX, DOCX and PDF, titled with the criteria and the date."""

from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.browser.case_files import ChooseToFile
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.exports import docx_table
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.registers import pdf
from qlvbdh_policy.registers.listing import handler_principals
from qlvbdh_policy.rules import search_criteria as S
from qlvbdh_policy.search import document_search
from qlvbdh_policy.search import saved_searches
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vocabularies.registry_vocabularies import terms
from urllib.parse import urlencode
from zope.i18n import translate
from zope.schema.vocabulary import getVocabularyRegistry

MSG_TITLE = _("DOCUMENT SEARCH RESULTS")
MSG_CRITERIA = _("Criteria: ${criteria}")
MSG_ALL_DOCUMENTS = _("all documents")
MSG_EXPORTED = _("Exported on ${date}; ${count} documents.")
MSG_CUT = _("Only the first ${max} documents are exported; narrow the search.")
MSG_NOTHING_FOUND = _("No document matches the criteria.")
SORT_ORDER_TITLES = {"desc": _("Descending"),
                     "asc": _("Ascending")}
ADVANCED = tuple(k for k in S.CRITERIA if k not in ("text", "kind"))
FILENAME = "tim-kiem-van-ban"


class SearchView(BrowserView):
    index = ViewPageTemplateFile("templates/search.pt")

    # -- what the selects offer ------------------------------------------

    def _tr(self, message):
        return translate(message, context=self.request)

    def doc_types(self):
        return terms("document_types") + terms("legal_types")

    def urgencies(self):
        return terms("urgency")

    def state_groups(self):
        return [{"title": self._tr(kind),
                 "options": [{"id": s, "title": self._tr(t)} for s, t in options]}
                for kind, options in document_search.state_options()]

    def handlers(self):
        if not hasattr(self, "_handlers"):
            try:
                vocabulary = getVocabularyRegistry().get(self.context, "qlvbdh.AgencyHandlers")
                self._handlers = [{"id": t.token, "title": t.title} for t in vocabulary]
            except LookupError:
                self._handlers = []
        return self._handlers

    def registers(self):
        """The registers the user may see below this page, newest year first."""
        if not hasattr(self, "_registers"):
            catalog = api.portal.get_tool("portal_catalog")
            brains = catalog(portal_type="Register",
                             path="/".join(self.context.getPhysicalPath()),
                             sort_on="sortable_title")
            agencies = {}
            if agency_of(self.context) is None:  # several agencies: name each one's
                agencies = {b.getPath(): b.Title for b in catalog(portal_type="Agency")}
            self._registers = [
                {"id": b.UID, "path": b.getPath(),
                 "title": " – ".join(t for t in (
                     b.Title, agencies.get(b.getPath().rsplit("/", 1)[0])) if t)}
                for b in brains]
        return self._registers

    def columns(self):
        chosen = set(self.criteria["cols"])
        return [{"key": c.key, "title": self._tr(c.header), "checked": c.key in chosen}
                for c in S.COLUMNS]

    def date_ranges(self):
        titles = (_("Document date"), _("Arrival date"), _("Deadline"))
        return [{"start": start, "end": end, "title": self._tr(title),
                 "start_title": self._tr(S.FIELD_TITLES[start]),
                 "end_title": self._tr(S.FIELD_TITLES[end])}
                for (start, end), title in zip(S.DATE_RANGES, titles)]

    def sorts(self):
        return [{"id": k, "title": self._tr(t)} for k, t in S.SORT_TITLES.items()]

    def orders(self):
        return [{"id": k, "title": self._tr(t)} for k, t in SORT_ORDER_TITLES.items()]

    def choices(self):
        return {"doc_type": {t.token for t in self.doc_types()},
                "urgency": {t.token for t in self.urgencies()},
                "state": {o["id"] for g in self.state_groups() for o in g["options"]},
                "handler": {h["id"] for h in self.handlers()},
                "register": {r["id"] for r in self.registers()}}

    # -- reading the request ---------------------------------------------

    def read(self):
        """Sets ``criteria`` (checked) and ``error`` (the refusal, translated)."""
        form = dict(self.request.form)
        if not form.get("text"):  # the header's search box (searchbox.pt)
            searchable = form.get("SearchableText")
            form["text"] = searchable if isinstance(searchable, str) else ""
        self.raw = {k: form.get(k) if isinstance(form.get(k), str) else "" for k in S.KEYS}
        self.error = self.error_field = None
        try:
            self.criteria = S.read(form, self.choices())
            document_search.check_words(self.criteria)
        except S.CriteriaRefused as refusal:
            mapping = {k: self._tr(v) for k, v in refusal.mapping.items()}
            self.error = self._tr(_(refusal.msgid, mapping=mapping))
            self.error_field = refusal.field
            # the form keeps the columns and the order that could be read
            keep = {k: form.get(k) for k in S.ORDER_KEYS if k != refusal.field}
            try:
                self.criteria = S.read(keep)
            except S.CriteriaRefused:
                self.criteria = S.read({})
            return False
        return True

    def value(self, key):
        """As the form shows it: what was typed when it was refused, else
        the criteria as a link carries them (dates dd/mm/yyyy)."""
        if self.error:
            return self.raw.get(key) or ""
        return S.as_strings(self.criteria).get(key, "")

    def input_class(self, key):
        """The refused field stands out (Bootstrap's is-invalid)."""
        return "form-control is-invalid" if key == self.error_field else "form-control"

    def query_options(self):
        return {"register_paths": {r["id"]: r["path"] for r in self.registers()},
                "handler_principals": {h["id"]: handler_principals(self.context, h["id"])
                                       for h in self.handlers()
                                       if h["id"] == self.criteria.get("handler")}}

    def __call__(self):
        if self.request.method == "POST":
            refuse_forged(self.request)
            self.handle_post()
        ok = self.read()
        self.searched = ok and S.searched(self.criteria)
        self.advanced_open = bool(self.error) or any(self.value(k) for k in ADVANCED)
        self.total, self.results = 0, []
        if self.searched:
            start = self._start()
            self.total, brains = document_search.search(
                self.context, self.criteria, start, document_search.PAGE_SIZE,
                **self.query_options())
            cols = self.criteria["cols"]
            rows = document_search.Rows(cols, self._tr)
            self.headers = [{"key": k, "title": t} for k, t in zip(cols, rows.headers())]
            if "title" not in cols:  # the link to the document has a column of its own
                self.headers.append({"key": "link", "title": ""})
            self.results = [{"url": b.getURL(), "uid": b.UID,
                             "cells": [{"key": k, "text": t} for k, t in zip(cols, rows.cells(b))],
                             "urgent": (b.urgency or "thuong") not in ("thuong", "")
                             if isinstance(b.urgency, str) else False}
                            for b in brains]
            self.batch = Batch(range(min(self.total, document_search.MAX_RESULTS)),
                               document_search.PAGE_SIZE, start)
        userid = api.user.get_current().getId()
        self.saved = saved_searches.saved_for(userid) if userid else []
        self.filing = ChooseToFile(self.context, self.request)  # Thêm vào hồ sơ (issue 19)
        return self.index()

    def _start(self):
        try:
            return max(0, min(int(self.request.form.get("b_start") or 0),
                              document_search.MAX_RESULTS))
        except (TypeError, ValueError):
            return 0

    def handle_post(self):
        userid = api.user.get_current().getId()
        form = self.request.form
        messages = IStatusMessage(self.request)
        if form.get("delete"):
            saved_searches.delete(userid, form["delete"])
            messages.addStatusMessage(self._tr(_("The saved search is deleted.")), "info")
            return
        if not self.read():
            return  # the refusal is shown with the form
        try:
            saved_searches.save(userid, form.get("name"), S.as_strings(self.criteria),
                                "/".join(self.context.getPhysicalPath()))
        except RefusedValue as refusal:
            messages.addStatusMessage(self._tr(refusal.message()), "error")
            return
        messages.addStatusMessage(self._tr(_("The search is saved.")), "info")

    # -- links -----------------------------------------------------------

    def query_string(self, criteria=None, **extra):
        values = criteria if criteria is not None else S.as_strings(self.criteria)
        values = {k: v for k, v in values.items() if v}
        values.update({k: v for k, v in extra.items() if v})
        return urlencode(values)

    def export_url(self, ext):
        return f"{self.context.absolute_url()}/@@search-documents.{ext}?{self.query_string()}"

    def page_url(self, start):
        return (f"{self.context.absolute_url()}/@@search-documents?"
                f"{self.query_string(b_start=str(start) if start else '', case_file=self.filing.target_uid)}")

    def saved_url(self, entry):
        base = api.portal.get().unrestrictedTraverse(entry["path"], None) or self.context
        return f"{base.absolute_url()}/@@search-documents?{self.query_string(entry['criteria'])}"

    def date(self, value):
        return format_date(value)

    # -- the title of an export ------------------------------------------

    def criteria_text(self):
        """'Loại văn bản: Công văn; Người ký: Trần Văn A; …' of the criteria set."""
        strings = S.as_strings(self.criteria)
        titles = {"doc_type": {t.token: t.title for t in self.doc_types()},
                  "urgency": {t.token: t.title for t in self.urgencies()},
                  "state": {o["id"]: o["title"] for g in self.state_groups()
                            for o in g["options"]},
                  "handler": {h["id"]: h["title"] for h in self.handlers()},
                  "register": {r["id"]: r["title"] for r in self.registers()},
                  "kind": {k: self._tr(t) for k, t in document_search.KIND_TITLES.items()}}
        parts = []
        for key in S.CRITERIA:
            if key not in strings:
                continue
            value = titles.get(key, {}).get(strings[key], strings[key])
            parts.append(f"{self._tr(S.FIELD_TITLES[key])}: {value}")
        sort = (f"{self._tr(S.FIELD_TITLES['sort'])}: "
                f"{self._tr(S.SORT_TITLES[self.criteria['sort']])}, "
                f"{self._tr(SORT_ORDER_TITLES[self.criteria['order']]).lower()}")
        return "; ".join(parts) or self._tr(MSG_ALL_DOCUMENTS), sort

    def export(self):
        """(title lines, headers, widths, rows) of every result (all pages)."""
        total, brains = document_search.search(self.context, self.criteria,
                                               **self.query_options())
        rows = document_search.Rows(self.criteria["cols"], self._tr)
        cells = [rows.cells(b) for b in brains]
        criteria, sort = self.criteria_text()
        lines = [self._tr(MSG_TITLE),
                 self._tr(_(MSG_CRITERIA, mapping={"criteria": criteria})),
                 sort,
                 self._tr(_(MSG_EXPORTED, mapping={"date": format_date(vietnam_today()),
                                                   "count": total}))]
        if total > len(cells):
            lines.append(self._tr(_(MSG_CUT, mapping={"max": document_search.MAX_RESULTS})))
        return lines, rows.headers(), rows.widths(), cells


class ExportBase(SearchView):
    def __call__(self):
        if not self.read():
            self.request.response.setStatus(400)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return self.error
        return self.write(*self.export())


class SearchXlsx(ExportBase):
    """The results as an XLSX sheet, with Vietnamese headers."""

    def write(self, lines, headers, widths, rows):
        data = xlsx.sheet_xlsx(self._tr(_("Documents")), headers, rows, widths,
                               title_lines=lines)
        return xlsx.send(self.request.response, data, f"{FILENAME}.xlsx")


class SearchDocx(ExportBase):
    def write(self, lines, headers, widths, rows):
        title_lines = [(line, index == 0) for index, line in enumerate(lines)]
        data = docx_table.table_docx(title_lines, headers, rows, widths,
                                     empty_text=self._tr(MSG_NOTHING_FOUND))
        return docx_table.send(self.request.response, data, f"{FILENAME}.docx")


class SearchPdf(ExportBase):
    def write(self, lines, headers, widths, rows):
        title_lines = [(line, "heading" if index == 0 else "center")
                       for index, line in enumerate(lines)]
        data = pdf.listing_pdf(title_lines, headers, widths, rows,
                               page_label=self._tr(_("Page")),
                               empty_text=self._tr(MSG_NOTHING_FOUND))
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition", f'inline; filename="{FILENAME}.pdf"')
        return data
