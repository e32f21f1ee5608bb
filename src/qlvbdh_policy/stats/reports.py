"""The oversight reports as documents (issue 18), PDF and XLSX, from the
figures of ``stats.processing`` and ``stats.usage`` only — no indicator is
computed here, only laid out:

- an agency's NĐ 30/2020 Phụ lục VI V.2 "Báo cáo tình hình giải quyết văn
  bản đến" and V.4 "… văn bản đi", per department and per person, headed
  and signed as an administrative document of the agency (Phụ lục I), for
  its leaders, its administrators and site managers;
- the province's report of Quy chế Điều 13 (Sở Thông tin và Truyền thông
  reports to the province's People's Committee every six months, every
  year or on demand on how the agencies use the system): a cover page, a
  summary written from the figures, the agencies' table, notes; counts and
  agency names only, never a document's title or address.

The reader is checked by the caller (``processing.check_read``,
``usage.check_read``), as for the JSON reports.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.rules import periods as P
from qlvbdh_policy.rules.report_form import place_and_date
from qlvbdh_policy.rules.report_form import sheet_figure
from qlvbdh_policy.rules.report_form import show_figure
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.stats import processing
from qlvbdh_policy.stats import usage
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_now
from qlvbdh_policy.vietnamese import in_vietnamese

PLACE_RECORD = "qlvbdh.report_place"
DEFAULT_PLACE = "Tiền Giang"
SHARE_FORMAT = "0.0%"
AVERAGE_FORMAT = "0.0"

KIND_TITLES = {"incoming": _("The handling of incoming documents"),
               "outgoing": _("The handling of outgoing documents")}
KIND_FILES = {"incoming": "v2-van-ban-den", "outgoing": "v4-van-ban-di"}
MSG_REPORT = _("REPORT")
MSG_PERIOD = _("From ${start} to ${end}")
MSG_NUMBER = _("No.: ……/BC-${abbr}")
MSG_BY_DEPARTMENT = _("I. By department")
MSG_BY_PERSON = _("II. By person")
MSG_NO_PEOPLE = _("No person has documents counted in this period.")
MSG_NUMBER_COLUMN = _("No.")
MSG_DEPARTMENT = _("Department")
MSG_PERSON = _("Person")
MSG_AGENCY = _("Agency")
MSG_TOTAL = _("Total")
MSG_PROVINCE = _("Province")
MSG_AS_OF = _("Figures read from the system at ${when}; “still in hand” and “overdue now” "
              "count the documents as they stand on that day.")
MSG_RECIPIENTS = _("Recipients:")
MSG_KEEP = _("- Kept: VT.")
MSG_TO_LEADERS = _("- The agency's leaders;")
MSG_HEAD = _("HEAD OF THE AGENCY")
MSG_SIGN = _("(Signature, full name, seal)")
MSG_COUNTS_ONLY = _("The report holds counts and agency names only, never the title, "
                    "address or contents of a document.")
# the Điều 13 report
MSG_USAGE_TITLE = _("The management and use of the document management and direction "
                    "system in the province's state agencies")
MSG_PROVINCE_COMMITTEE = _("PEOPLE'S COMMITTEE OF ${place} PROVINCE")
MSG_DEPARTMENT_OF_ICT = _("DEPARTMENT OF INFORMATION AND COMMUNICATIONS")
MSG_TO_COMMITTEE = _("To: the People's Committee of ${place} province.")
MSG_LEGAL_BASIS = _("Under Article 13 of the Regulation issued with Decision 03/2014/QĐ-UBND, "
                    "every six months, every year or on demand.")
MSG_COVER_PERIOD = _("Reporting period: ${start} – ${end}")
MSG_COVER_PLACE = _("${place}, ${month}/${year}")
MSG_SUMMARY = _("I. Summary")
MSG_TABLES = _("II. Figures of the agencies")
MSG_TABLE_INCOMING = _("1. Incoming documents")
MSG_TABLE_OUTGOING = _("2. Outgoing documents")
MSG_TABLE_ACCOUNTS = _("3. Accounts and logins")
MSG_NOTES = _("III. Notes")
MSG_DIRECTOR = _("DIRECTOR")
MSG_TO_COMMITTEE_SHORT = _("- The People's Committee of the province;")
MSG_S_ACCOUNTS = _("In the period the ${agencies} agencies had ${accounts} accounts: "
                   "${logged_in} of them logged in, ${logins} logins in all.")
MSG_S_INCOMING = _("The agencies registered ${registered} incoming documents, ${electronic} of "
                   "them received electronically (${share}) and ${paper} from paper.")
MSG_S_OUTGOING = _("They issued ${issued} outgoing documents, ${electronic} of them delivered "
                   "electronically (${share}), ${paper} sent on paper too.")
MSG_S_HANDLING = _("${on_time} incoming documents were completed on time and ${late} late "
                   "(average ${average} days); ${in_hand} are still in hand, ${overdue} of them "
                   "overdue now.")
MSG_S_FEEDBACK = _("Of the ${delivered} documents sent to agencies of the province whose "
                   "acknowledgement was due, ${acknowledged} were acknowledged the same working "
                   "day (${share}).")
MSG_S_IDLE = _("Agencies without any login in the period: ${names}.")
MSG_S_ALL_ACTIVE = _("Every agency had logins in the period.")


def _tr(message, request, **mapping):
    return in_vietnamese(_(message, mapping=mapping) if mapping else message, request)


def report_place():
    """The place written on the reports (Phụ lục I II.4: the administrative
    unit where the agency sits), a site setting."""
    return api.portal.get_registry_record(PLACE_RECORD, default=None) or DEFAULT_PLACE


def _period_line(period, request):
    return _tr(MSG_PERIOD, request, start=format_date(period.start), end=format_date(period.end))


def _percent(part, whole):
    return show_figure(P.rate(part, whole), "delivery_feedback")


# -- the tables ----------------------------------------------------------------------------


def _keys(indicators):
    return [indicator.__name__ for indicator in indicators]


def _headers(first, keys, request):
    return [_tr(MSG_NUMBER_COLUMN, request), _tr(first, request)] + [
        in_vietnamese(I.LABELS[key], request) for key in keys]


def _rows(rows, keys, total_title=None, total=None, show=True):
    """Numbered rows [No., title, figures…], then the total row."""
    figure = show_figure if show else (lambda value, key: sheet_figure(value))
    out = [[str(n), row["title"]] + [figure(row[k], k) for k in keys]
           for n, row in enumerate(rows, start=1)]
    if total is not None:
        out.append(["", total_title] + [figure(total[k], k) for k in keys])
    return out


def _formats(keys):
    """The sheet's number formats, by column (after No. and title)."""
    found = {}
    for index, key in enumerate(keys, start=2):
        if key == "delivery_feedback":
            found[index] = SHARE_FORMAT
        elif key == "average_processing_days":
            found[index] = AVERAGE_FORMAT
    return found


def _widths(keys):
    return [4, 30] + [10] * len(keys)


# -- V.2 / V.4 -------------------------------------------------------------------------------


class ProcessingDocument:
    """An agency's V.2 or V.4 report for a period, laid out."""

    def __init__(self, agency, kind, period, request=None, today=None):
        self.agency, self.kind, self.period, self.request = agency, kind, period, request
        self.report = processing.processing_report(agency, kind, period, today)
        self.keys = _keys(processing.INDICATORS[kind])

    def tr(self, message, **mapping):
        return _tr(message, self.request, **mapping)

    def title(self):
        return self.tr(KIND_TITLES[self.kind])

    def sections(self, show=True):
        """[(heading, headers, rows)]: the departments with the agency's
        total, then the people."""
        total = self.tr(MSG_TOTAL)
        return [
            (self.tr(MSG_BY_DEPARTMENT), _headers(MSG_DEPARTMENT, self.keys, self.request),
             _rows(self.report["departments"], self.keys, total, self.report["totals"], show)),
            (self.tr(MSG_BY_PERSON), _headers(MSG_PERSON, self.keys, self.request),
             _rows(self.report["people"], self.keys, show=show)),
        ]

    def notes(self):
        found = [self.tr(MSG_AS_OF, when=format_datetime(vietnam_now()))]
        if self.kind == "outgoing":
            found.append(self.tr(I.MSG_SIGNATURES))
        return found

    def filename(self, extension):
        return (f"{KIND_FILES[self.kind]}-{self.agency.getId()}-{self.period.start.isoformat()}"
                f"-{self.period.end.isoformat()}.{extension}")

    def pdf(self):
        abbr = getattr(self.agency, "notation_abbr", "") or self.agency.getId().upper()
        heading = report_pdf.Heading(
            [self.agency.title.upper()], self.tr(MSG_NUMBER, abbr=abbr),
            place_and_date(report_place(), vietnam_now().date()))
        blocks = []
        for number, (title, headers, rows) in enumerate(self.sections()):
            blocks.append(("heading", title))
            if rows:  # the departments' table ends with the agency's total
                blocks.append(("table", headers, rows, _widths(self.keys), 2, number == 0))
            else:
                blocks.append(("text", self.tr(MSG_NO_PEOPLE)))
        blocks += [("text", note) for note in self.notes()]
        signature = ([self.tr(MSG_RECIPIENTS), self.tr(MSG_TO_LEADERS), self.tr(MSG_KEEP)],
                     self.tr(MSG_HEAD), self.tr(MSG_SIGN))
        return report_pdf.report_pdf(
            heading, [self.tr(MSG_REPORT), self.title().upper(),
                      _period_line(self.period, self.request)],
            blocks, signature)

    def xlsx(self):
        sections = [(title, headers, rows, _formats(self.keys))
                    for title, headers, rows in self.sections(show=False)]
        return xlsx.report_xlsx(
            self.title(), [self.agency.title, self.title(), _period_line(self.period,
                                                                         self.request)],
            sections, self.notes(), _widths(self.keys))


# -- Quy chế Điều 13 ---------------------------------------------------------------------------

USAGE_TABLES = ((MSG_TABLE_INCOMING, I.INCOMING_INDICATORS),
                (MSG_TABLE_OUTGOING, I.OUTGOING_INDICATORS),
                (MSG_TABLE_ACCOUNTS, I.ACCOUNT_INDICATORS))


class UsageDocument:
    """The province's Điều 13 report for a period, laid out."""

    def __init__(self, site, period, request=None, today=None):
        self.site, self.period, self.request = site, period, request
        self.report = usage.usage_report(site, period, today)
        self.place = report_place()

    def tr(self, message, **mapping):
        return _tr(message, self.request, **mapping)

    def title(self):
        return self.tr(MSG_USAGE_TITLE)

    def summary(self):
        """Sentences written from the province's figures (and the names of
        the agencies without a login)."""
        p = self.report["province"]
        rows = self.report["agencies"]
        idle = [row["title"] for row in rows if not row["logins"]]
        return [
            self.tr(MSG_S_ACCOUNTS, agencies=len(rows), logged_in=p["accounts_logged_in"],
                    accounts=p["accounts"], logins=p["logins"]),
            self.tr(MSG_S_INCOMING, registered=p["incoming_registered"],
                    electronic=p["incoming_electronic"], paper=p["incoming_paper"],
                    share=_percent(p["incoming_electronic"], p["incoming_registered"])),
            self.tr(MSG_S_OUTGOING, issued=p["outgoing_issued"],
                    electronic=p["outgoing_electronic"], paper=p["outgoing_paper_too"],
                    share=_percent(p["outgoing_electronic"], p["outgoing_issued"])),
            self.tr(MSG_S_HANDLING, on_time=p["completed_on_time"], late=p["completed_late"],
                    average=show_figure(p["average_processing_days"]),
                    in_hand=p["still_in_hand"], overdue=p["overdue_now"]),
            self.tr(MSG_S_FEEDBACK, delivered=p["delivered_to_agencies"],
                    acknowledged=p["acknowledged_same_day"],
                    share=show_figure(p["delivery_feedback"], "delivery_feedback")),
            self.tr(MSG_S_IDLE, names=", ".join(idle)) if idle
            else self.tr(MSG_S_ALL_ACTIVE),
        ]

    def sections(self, show=True):
        province = self.tr(MSG_PROVINCE)
        return [(self.tr(title), _headers(MSG_AGENCY, _keys(indicators), self.request),
                 _rows(self.report["agencies"], _keys(indicators), province,
                       self.report["province"], show), _keys(indicators))
                for title, indicators in USAGE_TABLES]

    def notes(self):
        return [self.tr(I.MSG_SIGNATURES), self.tr(MSG_COUNTS_ONLY),
                self.tr(MSG_AS_OF, when=format_datetime(vietnam_now())),
                self.tr(MSG_LEGAL_BASIS)]

    def filename(self, extension):
        return (f"bao-cao-dieu-13-{self.period.start.isoformat()}-"
                f"{self.period.end.isoformat()}.{extension}")

    def _issuer(self):
        return [self.tr(MSG_PROVINCE_COMMITTEE, place=self.place.upper()),
                self.tr(MSG_DEPARTMENT_OF_ICT)]

    def pdf(self):
        today = vietnam_now().date()
        start, end = format_date(self.period.start), format_date(self.period.end)
        issuer = self._issuer()
        cover = [(issuer[0], "cover_bold"), (issuer[1], "cover_bold"),
                 (self.tr(MSG_REPORT), "cover_title"), (self.title(), "cover_bold"),
                 (self.tr(MSG_COVER_PERIOD, start=start, end=end), "cover"),
                 (self.tr(MSG_LEGAL_BASIS), "cover"),
                 (self.tr(MSG_COVER_PLACE, place=self.place, month=f"{today.month:02d}",
                          year=today.year), "cover")]
        blocks = [("text", self.tr(MSG_TO_COMMITTEE, place=self.place)),
                  ("heading", self.tr(MSG_SUMMARY))]
        blocks += [("text", sentence) for sentence in self.summary()]
        blocks.append(("heading", self.tr(MSG_TABLES)))
        for title, headers, rows, keys in self.sections():
            blocks += [("heading", title), ("table", headers, rows, _widths(keys), 2, True)]
        blocks.append(("heading", self.tr(MSG_NOTES)))
        blocks += [("text", f"{n}. {note}") for n, note in enumerate(self.notes(), start=1)]
        signature = ([self.tr(MSG_RECIPIENTS), self.tr(MSG_TO_COMMITTEE_SHORT),
                      self.tr(MSG_KEEP)], self.tr(MSG_DIRECTOR), self.tr(MSG_SIGN))
        heading = report_pdf.Heading(issuer, self.tr(MSG_NUMBER, abbr="STTTT"),
                                     place_and_date(self.place, today))
        return report_pdf.report_pdf(
            heading, [self.tr(MSG_REPORT), self.title().upper(),
                      _period_line(self.period, self.request)], blocks, signature, cover=cover)

    def xlsx(self):
        sections = [(title, headers, rows, _formats(keys))
                    for title, headers, rows, keys in self.sections(show=False)]
        lines = [self.tr(MSG_REPORT), self.title(), _period_line(self.period, self.request),
                 self.tr(MSG_SUMMARY)] + self.summary()
        notes = [self.tr(MSG_NOTES)] + self.notes()
        return xlsx.report_xlsx(self.tr(MSG_REPORT), lines, sections, notes,
                                [4, 40] + [10] * 10)


def send(response, extension, document):
    """``document`` (a ``ProcessingDocument`` or ``UsageDocument``) as a PDF
    or XLSX attachment, for the pages and the REST services alike."""
    if extension == "xlsx":
        return xlsx.send(response, document.xlsx(), document.filename("xlsx"))
    return report_pdf.send(response, document.pdf(), document.filename("pdf"))
