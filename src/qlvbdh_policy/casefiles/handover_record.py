"""The hand-over record of a year (NĐ 30/2020 Điều 30.3.a, mẫu Phụ lục V):
the “Biên bản giao nhận hồ sơ, tài liệu” and the “Mục lục hồ sơ, tài liệu
nộp lưu” that goes with it, as PDF (the agency's heading per Phụ lục I,
the print mark at each page's foot: ``exports/report_pdf``) and XLSX (every
cell written by the safe-cell writer: ``exports/xlsx``).

The record lists the case files of the year's list (``handover.due_list``)
that were handed over or accepted; the mục lục's columns are the form's:
số TT, số và ký hiệu hồ sơ, tiêu đề hồ sơ, thời gian tài liệu, thời hạn bảo
quản, số tờ, ghi chú."""

from qlvbdh_policy import _
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.rules import hand_over as H
from qlvbdh_policy.rules.report_form import place_and_date
from qlvbdh_policy.stats.reports import report_place
from qlvbdh_policy.timeutil import vietnam_now
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.vocabularies.case_file_vocabularies import RETENTION_TITLES

MSG_RECORD = _("RECORD")
MSG_RECORD_ABOUT = _("On the hand-over of case files and documents of ${year}")
MSG_NUMBER = _("No.: ……/BB-${abbr}")
MSG_BASIS = _(
    "Pursuant to Decree 30/2020/NĐ-CP of 5 March 2020 on office work (Article 30) and the "
    "list of case files due for hand-over of ${year} of ${agency};")
MSG_WE = _("Today, ${date}, we, the undersigned:")
MSG_GIVER = _("THE GIVING SIDE: the people responsible for the case files of ${agency};")
MSG_RECEIVER = _("THE RECEIVING SIDE: the archive of ${agency} (${archivists});")
MSG_NO_ARCHIVIST = _("its archivist")
MSG_AGREE = _("agree to record the hand-over of the following case files and documents:")
MSG_BLOCK = _("1. The body of documents handed over: case files of ${year} of ${agency}.")
MSG_SPAN = _("2. The time of the documents: ${span}.")
MSG_COUNT = _("3. Quantity: ${files} case files, ${pages} sheets, ${documents} documents "
              "(${accepted} accepted, ${waiting} waiting for the archive).")
MSG_STATE = _("4. State of the documents: electronic case files, closed and frozen in the "
              "system (Phụ lục VI IV.1.g).")
MSG_ANNEX = _("5. The list of case files and documents handed over, attached.")
MSG_COPIES = _("The record is made in two copies: the giving side and the archive keep one "
               "each.")
MSG_NONE = _("No case file of this year was handed over.")
MSG_TOC = _("LIST OF CASE FILES AND DOCUMENTS HANDED OVER")
MSG_GIVER_SIGN = _("FOR THE GIVING SIDE")
MSG_RECEIVER_SIGN = _("FOR THE RECEIVING SIDE")
MSG_SIGN_NAME = _("(Signature and full name)")
MSG_SHEET = _("Hand-over ${year}")
HEADERS = (_("No."), _("Case file notation"), _("Case file title"), _("Time of the documents"),
           _("Retention period"), _("Number of sheets"), _("Person responsible"),
           _("State"), _("Notes"))
WIDTHS = (4, 9, 34, 9, 9, 6, 14, 12, 14)


class HandOverRecord:
    """The record of ``agency``'s hand-over of ``year`` from the rows of
    its list (``handover.due_list``)."""

    def __init__(self, agency, year, rows, archivists=(), request=None):
        self.agency, self.year, self.request = agency, year, request
        self.rows = rows
        self.archivists = list(archivists)

    def tr(self, message, **mapping):
        return in_vietnamese(_(message, mapping=mapping) if mapping else message, self.request)

    def table_rows(self):
        return [[str(n), r["code"] or "", r["title"] or "",
                 H.time_span(r["opened"], r["closed"]),
                 self.tr(RETENTION_TITLES.get(r["retention"], r["retention"] or "")),
                 str(r["page_count"]) if r["page_count"] else "",
                 r["responsible_name"] or "", r["state_title"], r["notes"]]
                for n, r in enumerate(self.rows, start=1)]

    def headers(self):
        return [self.tr(h) for h in HEADERS]

    def span(self):
        spans = [H.time_span(r["opened"], r["closed"]) for r in self.rows]
        years = sorted({int(y) for s in spans if s for y in s.split("-")})
        return (str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}") if years \
            else str(self.year)

    def facts(self):
        accepted = sum(1 for r in self.rows if r["review_state"] == "accepted")
        return [
            self.tr(MSG_BLOCK, year=str(self.year), agency=self.agency.title),
            self.tr(MSG_SPAN, span=self.span()),
            self.tr(MSG_COUNT, files=str(len(self.rows)),
                    pages=str(sum(r["page_count"] or 0 for r in self.rows)),
                    documents=str(sum(r["documents"] for r in self.rows)),
                    accepted=str(accepted), waiting=str(len(self.rows) - accepted)),
            self.tr(MSG_STATE), self.tr(MSG_ANNEX),
        ]

    def intro(self):
        today = vietnam_now().date()
        archivists = ", ".join(self.archivists) or self.tr(MSG_NO_ARCHIVIST)
        return [
            self.tr(MSG_BASIS, year=str(self.year), agency=self.agency.title),
            self.tr(MSG_WE, date=today.strftime("%d/%m/%Y")),
            self.tr(MSG_GIVER, agency=self.agency.title),
            self.tr(MSG_RECEIVER, agency=self.agency.title, archivists=archivists),
            self.tr(MSG_AGREE),
        ]

    def filename(self, extension):
        return f"bien-ban-giao-nhan-ho-so-{self.agency.getId()}-{self.year}.{extension}"

    def pdf(self):
        abbr = getattr(self.agency, "notation_abbr", "") or self.agency.getId().upper()
        heading = report_pdf.Heading(
            [self.agency.title.upper()], self.tr(MSG_NUMBER, abbr=abbr),
            place_and_date(report_place(), vietnam_now().date()))
        blocks = [("text", line) for line in self.intro() + self.facts()]
        blocks.append(("text", self.tr(MSG_COPIES)))
        blocks.append(("heading", self.tr(MSG_TOC)))
        if self.rows:
            blocks.append(("table", self.headers(), self.table_rows(), WIDTHS, 99, False))
        else:
            blocks.append(("text", self.tr(MSG_NONE)))
        signature = ([self.tr(MSG_GIVER_SIGN), self.tr(MSG_SIGN_NAME)],
                     self.tr(MSG_RECEIVER_SIGN), self.tr(MSG_SIGN_NAME))
        return report_pdf.report_pdf(
            heading, [self.tr(MSG_RECORD), self.tr(MSG_RECORD_ABOUT, year=str(self.year))],
            blocks, signature)

    def xlsx(self):
        title = self.tr(MSG_RECORD_ABOUT, year=str(self.year))
        return xlsx.report_xlsx(
            self.tr(MSG_SHEET, year=str(self.year)),
            [self.agency.title, f"{self.tr(MSG_RECORD)} {title}"],
            [(self.tr(MSG_TOC), self.headers(), self.table_rows(), {})],
            self.facts(), WIDTHS)
