"""REST services of the register books; the same functions as the pages.

GET  <register>/@register-book?book=incoming|follow-up|outgoing&date_from=…&date_to=…
     &doc_type=…&correspondent=…&urgency=…&state=…&handler=…&text=…&sort=…
     &b_start=0&b_size=50                       the listing as JSON
GET  <register>/@register-book-pdf?…           the print (a day, today by default)
GET  <register>/@register-book-xlsx?…          the filtered listing as XLSX
GET  <incoming document>/@phieu-pdf            the phiếu giải quyết văn bản đến
POST <site>/@new-year                          open this year's books (cron, managers)

Closing a book is the workflow step: POST <register>/@workflow/close.
Filters that cannot be read answer 400 with a Vietnamese message naming
the field (exception view in refusal_errors.py).
"""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from qlvbdh_policy.browser.register_book import PhieuPdf
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.registers import book as B
from qlvbdh_policy.registers import closing
from qlvbdh_policy.registers import columns as C
from qlvbdh_policy.registers import listing
from zope.i18n import translate
from zope.interface import alsoProvides

MAX_PAGE = 1000


def _json(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _int(value, default):
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


class BookService(Service):
    def read(self):
        form = self.request.form
        self.book = form.get("book") or listing.book_kinds(self.context)[0]
        B.check_book(self.context, self.book)
        self.criteria = listing.read_criteria(form)


class RegisterBookGet(BookService):
    def reply(self):
        self.read()
        register, request = self.context, self.request
        start = _int(request.form.get("b_start"), 0)
        size = min(_int(request.form.get("b_size"), B.PAGE_SIZE) or B.PAGE_SIZE, MAX_PAGE)
        total, entries = B.page(register, self.book, self.criteria, start, size)
        keys = [c.key for c in C.COLUMNS[self.book]]
        tr = lambda m: translate(m, context=request)  # noqa: E731
        items = []
        for entry in entries:
            item = {k: _json(v) for k, v in entry.items() if k not in ("url", "progress")}
            item["@id"] = entry["url"]
            if "progress" in entry:
                item["progress"] = tr(entry["progress"])
            item["cells"] = dict(zip(keys, C.cells(self.book, entry, tr)))
            items.append(item)
        return {
            "@id": f"{register.absolute_url()}/@register-book",
            "register": {"@id": register.absolute_url(), "title": register.Title(),
                         "kind": register.kind, "year": register.year,
                         "review_state": "closed" if closing.is_closed(register) else "open",
                         "closed_on": _json(register.closed_on),
                         "last_number": closing.last_number(register)},
            "book": self.book,
            "columns": [{"key": c.key, "title": tr(c.header)} for c in C.COLUMNS[self.book]],
            "items_total": total, "b_start": start, "b_size": size,
            "items": items,
        }


class Download(BookService):
    """Answers a file instead of JSON."""

    def render(self):
        self.check_permission()
        return self.download()


class RegisterBookPdf(Download):
    def download(self):
        self.read()
        data = B.book_pdf(self.context, self.book, self.criteria, self.request)
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition",
                           f'attachment; filename="{B.filename(self.context, self.book, "pdf")}"')
        return data


class RegisterBookXlsx(Download):
    def download(self):
        self.read()
        data = B.book_xlsx(self.context, self.book, self.criteria, self.request)
        return xlsx.send(self.request.response, data,
                         B.filename(self.context, self.book, "xlsx"))


class PhieuPdfGet(Service):
    def render(self):
        self.check_permission()
        return PhieuPdf(self.context, self.request)()


class NewYearPost(Service):
    """Opens this year's books and closes last year's; run by cron just after
    midnight on 1 January (Vietnam time), and safe to run again."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # cron with basic auth
        done = closing.open_new_year(self.context)
        return {"opened": [{"closed": old.absolute_url(), "opened": new.absolute_url(),
                            "last_number": closing.last_number(old),
                            "closed_on": _json(old.closed_on)} for old, new in done]}
