"""The outputs of the case files as PDF and XLSX (NĐ 30/2020 Phụ lục VI
V.5 and V.6):

- mục lục văn bản trong hồ sơ (V.5): a case file's documents in order,
  with number and notation, date, author, summary, pages and notes;
- mục lục hồ sơ (V.6): the case files an agency formed in a year (năm
  hình thành: the year they were opened), in the order of their
  notations, so those of one plan entry stand together, then those opened
  outside the plan; with their dates, page counts and retention periods.

PDFs are laid out by exports/report_pdf.py (the agency's heading, the
print mark at each page's foot, Vietnamese fonts); XLSX by
exports/xlsx.py, whose cells never carry a formula. A reader sees the
case files and documents he may see (catalog security): a document he
may not open is listed by its order number only."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.routing.steps import is_member_of_agency
from qlvbdh_policy.rules import case_files as R
from qlvbdh_policy.rules.report_form import place_and_date
from qlvbdh_policy.stats.reports import report_place
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.vocabularies.case_file_vocabularies import RETENTION_TITLES

FORMATS = ("pdf", "xlsx")
MSG_FORMAT = _("“${value}” is not an export format: choose pdf or xlsx.")
MSG_TOC_TITLE = _("TABLE OF CONTENTS OF THE DOCUMENTS IN THE CASE FILE")
MSG_LIST_TITLE = _("TABLE OF CONTENTS OF THE CASE FILES")
MSG_CASE_FILE_LINE = _("Case file ${code}: ${title}")
MSG_YEAR_LINE = _("Year ${year}")
MSG_TOC_COUNT = _("This table of contents lists ${count} document(s), numbered 1 to ${count}.")
MSG_LIST_COUNT = _("This table of contents lists ${count} case file(s).")
MSG_NOT_READABLE = _("A document you may not open.")
MSG_OUTSIDE = _("Outside the file plan")
MSG_MADE_BY = _("THE PERSON WHO MADE THE LIST")
MSG_SIGN = _("(Signature and full name)")
MSG_MAY_NOT_READ = _("Only the people of ${agency} read its list of case files.")
TOC_HEADERS = (_("No."), _("Number and notation"), _("Date"), _("Author"), _("Summary"),
               _("Pages"), _("Notes"))
TOC_WIDTHS = (5, 16, 10, 20, 45, 6, 14)
LIST_HEADERS = (_("No."), _("Case file code"), _("Case file notation"), _("Case file title"),
                _("Opened on"), _("Closed on"), _("Documents"), _("Pages"),
                _("Retention period"), _("Person responsible"), _("Notes"))
LIST_WIDTHS = (5, 18, 10, 40, 10, 10, 8, 7, 10, 18, 16)


class ExportRefused(plans.PlanRefused):
    """A format or a reader refused (400; 403 for ``ExportForbidden``)."""


class ExportForbidden(ForbiddenRefusal, ExportRefused):
    """A reader refused (403)."""


def read_format(value):
    """``pdf`` or ``xlsx``; None for no format (JSON)."""
    text = (value or "").strip().lower()
    if not text or text == "json":
        return None
    if text not in FORMATS:
        raise ExportRefused(MSG_FORMAT, {"value": str(value)}, "format")
    return text


def _tr(message, request, **mapping):
    return in_vietnamese(_(message, mapping=mapping) if mapping else message, request)


def _heading(agency, request):
    return report_pdf.Heading([(agency.title or "").upper()], "",
                              place_and_date(report_place(), vietnam_today()))


def _pdf(agency, title_lines, headers, widths, rows, count_line, request):
    tr = [_tr(h, request) for h in headers]
    blocks = [("table", tr, rows, widths, len(headers), False), ("text", count_line)]
    signature = ([], _tr(MSG_MADE_BY, request), _tr(MSG_SIGN, request))
    return report_pdf.report_pdf(_heading(agency, request), title_lines, blocks, signature)


def _person(userid):
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname") if user is not None else None) or userid or ""


def _text(value):
    return "" if value is None else str(value)


# -- V.5: mục lục văn bản trong hồ sơ --------------------------------------------------


def toc_rows(case_file, request=None):
    """The rows of the case file's table of contents, as cells."""
    rows = []
    for item in filing.toc(case_file):
        if not item["readable"]:
            rows.append([item["order"], "", "", "", _tr(MSG_NOT_READABLE, request), "", ""])
            continue
        rows.append([item["order"], item["code"], format_date(item["doc_date"]),
                     item["author"] or "", item["title"], _text(item["page_count"]),
                     item["notes"]])
    return rows


def _toc_lines(case_file, request):
    return [_tr(MSG_TOC_TITLE, request),
            _tr(MSG_CASE_FILE_LINE, request, code=case_file.code, title=case_file.title)]


def toc_pdf(case_file, request=None):
    rows = [[_text(v) for v in row] for row in toc_rows(case_file, request)]
    count = _tr(MSG_TOC_COUNT, request, count=len(rows))
    return _pdf(agency_of(case_file), _toc_lines(case_file, request), TOC_HEADERS,
                TOC_WIDTHS, rows, count, request)


def toc_xlsx(case_file, request=None):
    lines = [agency_of(case_file).title] + _toc_lines(case_file, request)
    return xlsx.sheet_xlsx(_tr(MSG_TOC_TITLE, request), [_tr(h, request) for h in TOC_HEADERS],
                           toc_rows(case_file, request), TOC_WIDTHS, lines)


def toc_filename(case_file, extension):
    return f"muc-luc-van-ban-{case_file.getId()}.{extension}"


# -- V.6: mục lục hồ sơ ------------------------------------------------------------------


def check_may_list(agency):
    """The agency's people (and site managers) read its list; each sees
    the case files he may see."""
    userid = api.user.get_current().getId()
    allowed = api.user.has_permission("Manage portal", obj=agency) or (
        userid is not None and is_member_of_agency(agency, userid))
    refuse_unless(allowed, "@case-files", ExportForbidden, MSG_MAY_NOT_READ,
                  {"agency": agency.title}, "year")


def case_files_of_year(agency, year):
    """The case files of ``agency`` opened in ``year`` that the current
    user may see, those of the plan in the order of their notations, then
    those outside it."""
    brains = api.portal.get_tool("portal_catalog").searchResults(
        portal_type="CaseFile", path="/".join(agency.getPhysicalPath()))
    found = [b.getObject() for b in brains]
    found = [c for c in found if c.opened is not None and c.opened.year == year]
    return sorted(found, key=lambda c: (bool(c.outside_plan), _code_key(c.code), c.opened,
                                        c.getId()))


def _code_key(code):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in (code or "").split(".")]


def case_file_item(case_file):
    """One case file of the list, as REST answers it."""
    agency = agency_of(case_file)
    return {
        "@id": case_file.absolute_url(), "UID": case_file.UID(), "code": case_file.code,
        "title": case_file.title,
        "file_code": R.file_code(getattr(agency, "agency_code", None), case_file.opened.year,
                                 case_file.code),
        "outside_plan": bool(case_file.outside_plan), "retention": case_file.retention,
        "responsible": case_file.responsible, "opened": case_file.opened,
        "closed": case_file.closed, "documents": len(case_file.documents or ()),
        "page_count": case_file.page_count, "notes": case_file.notes or "",
        "review_state": api.content.get_state(case_file),
    }


def list_rows(items, request=None):
    rows = []
    for number, item in enumerate(items, start=1):
        notes = item["notes"]
        if item["outside_plan"]:
            notes = "; ".join(n for n in (_tr(MSG_OUTSIDE, request), notes) if n)
        retention = RETENTION_TITLES.get(item["retention"])
        rows.append([number, item["file_code"], item["code"], item["title"],
                     format_date(item["opened"]), format_date(item["closed"]),
                     item["documents"], item["page_count"] if item["page_count"] else "",
                     _tr(retention, request) if retention else _text(item["retention"]),
                     _person(item["responsible"]), notes])
    return rows


def _list_lines(agency, year, request):
    return [_tr(MSG_LIST_TITLE, request), _tr(MSG_YEAR_LINE, request, year=year)]


def list_pdf(agency, year, items, request=None):
    rows = [[_text(v) for v in row] for row in list_rows(items, request)]
    return _pdf(agency, _list_lines(agency, year, request), LIST_HEADERS, LIST_WIDTHS, rows,
                _tr(MSG_LIST_COUNT, request, count=len(rows)), request)


def list_xlsx(agency, year, items, request=None):
    lines = [agency.title] + _list_lines(agency, year, request)
    return xlsx.sheet_xlsx(_tr(MSG_LIST_TITLE, request),
                           [_tr(h, request) for h in LIST_HEADERS],
                           list_rows(items, request), LIST_WIDTHS, lines)


def list_filename(agency, year, extension):
    return f"muc-luc-ho-so-{agency.getId()}-{year}.{extension}"


def send(response, extension, data, filename):
    """The PDF or XLSX as an attachment (pages and REST alike)."""
    if extension == "xlsx":
        return xlsx.send(response, data, filename)
    return report_pdf.send(response, data, filename)
