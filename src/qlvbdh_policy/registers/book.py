"""A register book as the clerk uses it: a page of entries, the print of a
day or a range (PDF with its cover), the XLSX of any filtered listing.
The browser views and the REST services call these functions."""

from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.registers import closing
from qlvbdh_policy.registers import columns as C
from qlvbdh_policy.registers import listing
from qlvbdh_policy.registers import pdf
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today
from zope.i18n import translate

import datetime

PAGE_SIZE = 50
MSG_NOT_THIS_BOOK = _("This register has no book “${book}”.")
MSG_YEAR = _("Year: ${year}")
MSG_DAYS = _("From ${start} to ${end}")
MSG_NUMBERS = _("From number ${first} to number ${last}")
MSG_PAGE = _("Page")
MSG_EMPTY = _("No entries.")
MSG_CLOSED_ON = _("Closed on ${date}; last number ${number}.")


def check_book(register, book):
    if book not in listing.book_kinds(register):
        raise listing.FilterRefused(MSG_NOT_THIS_BOOK, {"book": book}, "book")


def page(register, book, criteria, start=0, size=PAGE_SIZE):
    """(total, entries) of one page of the book."""
    check_book(register, book)
    total, brains = listing.search(register, book, criteria, start, size)
    return total, listing.entries(brains, book)


def all_entries(register, book, criteria, unrestricted=False):
    check_book(register, book)
    return listing.entries(listing.search(register, book, criteria,
                                          unrestricted=unrestricted)[1], book)


def print_criteria(criteria):
    """A print covers a day or a range: today's entries unless dates are given."""
    criteria = dict(criteria)
    if not criteria.get("date_from") and not criteria.get("date_to"):
        criteria["date_from"] = criteria["date_to"] = vietnam_today()
    criteria.setdefault("sort", "number")
    if criteria["sort"] in ("", "-number", "-date"):
        criteria["sort"] = criteria["sort"].lstrip("-") or "number"
    return criteria


def headers(book, request):
    return [translate(column.header, context=request) for column in C.COLUMNS[book]]


def rows(book, entries, request):
    return [C.cells(book, e, lambda m: translate(m, context=request)) for e in entries]


def _governing_body(agency):
    """Tên cơ quan chủ quản: the province's people's committee for its
    departments and districts (the agency of level "tinh")."""
    if agency is None or agency.level == "tinh":
        return ""
    site = agency.aq_parent
    for other in children(site, "Agency"):
        if other.level == "tinh":
            return other.title
    return ""


def cover_lines(register, book, entries, criteria, request):
    """Bìa và trang đầu of Phụ lục IV: governing body, agency, book name,
    year, the days and the numbers the print covers."""
    tr = lambda m: translate(m, context=request)  # noqa: E731
    agency = agency_of(register)
    lines = []
    governing = _governing_body(agency)
    if governing:
        lines.append((governing.upper(), "center"))
    if agency is not None:
        lines.append((agency.title.upper(), "heading"))
    lines.append((tr(C.TITLES[book]), "title"))
    lines.append((register.Title(), "center"))
    lines.append((tr(_(MSG_YEAR, mapping={"year": register.year})), "center"))
    dates = [e[listing.date_index(book)] for e in entries]
    dates = [d for d in dates if isinstance(d, datetime.date)]
    start = criteria.get("date_from") or (min(dates) if dates else None)
    end = criteria.get("date_to") or (max(dates) if dates else None)
    if start or end:
        lines.append((tr(_(MSG_DAYS, mapping={"start": format_date(start),
                                              "end": format_date(end)})), "center"))
    first, last = C.number_range([e.get("number") for e in entries])
    if first:
        lines.append((tr(_(MSG_NUMBERS, mapping={"first": first, "last": last})), "center"))
    if closing.is_closed(register):
        lines.append((tr(_(MSG_CLOSED_ON, mapping={
            "date": format_date(register.closed_on),
            "number": C.number_text(closing.last_number(register))})), "center"))
    return lines


def book_pdf(register, book, criteria, request):
    criteria = print_criteria(criteria)
    entries = all_entries(register, book, criteria)
    return pdf.book_pdf(cover_lines(register, book, entries, criteria, request),
                        headers(book, request), [c.width for c in C.COLUMNS[book]],
                        rows(book, entries, request), page_label=translate(MSG_PAGE, context=request),
                        empty_text=translate(MSG_EMPTY, context=request))


def book_xlsx(register, book, criteria, request, unrestricted=False):
    """``unrestricted``: every entry, not only those the user may read (the
    agency's export for site managers and cron)."""
    entries = all_entries(register, book, criteria, unrestricted)
    return xlsx.sheet_xlsx(translate(C.TITLES[book], context=request), headers(book, request),
                           rows(book, entries, request), [c.width for c in C.COLUMNS[book]])


def filename(register, book, ext):
    return f"{register.getId()}-{book}.{ext}"
