"""The printable week (lịch công tác tuần) as PDF, an administrative
document laid out by exports/report_pdf.py (NĐ 30/2020 Phụ lục I): the
agency's heading, "LỊCH CÔNG TÁC TUẦN", the line "Tuần 49 (từ ngày
30/11/2026 đến ngày 06/12/2026)", the adjustment ("Điều chỉnh lần 1") when
the week was changed after publishing, then one table with the columns of
the schedule."""

from qlvbdh_policy import _
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.rules.report_form import place_and_date
from qlvbdh_policy.rules.work_weeks import SESSIONS
from qlvbdh_policy.stats.reports import report_place
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.work_calendar import weeks

MSG_TITLE = _("WORK CALENDAR OF THE WEEK")
MSG_WEEK_LINE = _("Week ${number} (from ${monday} to ${sunday})")
MSG_NOT_PUBLISHED = _("Draft: not yet published")
MSG_EMPTY = _("No work is scheduled for this week.")
MSG_RECIPIENTS = _("Recipients:")
MSG_TO_PEOPLE = _("- The leaders, departments and units of the agency;")
MSG_KEEP = _("- Kept in: the office (VT).")
MSG_SIGNER = _("ON BEHALF OF THE HEAD OF THE AGENCY")
MSG_SIGN = _("(signature, full name)")
HEADERS = (_("Day"), _("Session"), _("Time"), _("Content of the work"), _("Chaired by"),
           _("Participants / invited"), _("Place"), _("Preparing unit"), _("Notes"))
WIDTHS = (9, 7, 8, 22, 11, 16, 11, 9, 7)


def _vi(msgid, **mapping):
    return in_vietnamese(_(msgid, mapping=mapping) if mapping else msgid)


def title_lines(info):
    lines = [_vi(MSG_TITLE),
             _vi(MSG_WEEK_LINE, number=info["number"], monday=format_date(info["monday"]),
                 sunday=format_date(info["sunday"]))]
    label = weeks.version_text(info["version"])
    lines.append(label[:1].upper() + label[1:] if info["version"] > 1 else
                 ("" if info["version"] else _vi(MSG_NOT_PUBLISHED)))
    return [line for line in lines if line]


def table_rows(info):
    """The rows; the day is written on the first row of each day only."""
    rows, last = [], None
    for row in info["rows"]:
        day = (f"{_vi(row['weekday'])}\n{format_date(row['date'])}"
               if row["date"] != last else "")
        last = row["date"]
        rows.append([day, _vi(SESSIONS[row["session"]]), row["time"], row["title"],
                     row["host"], row["participants"], row["location"],
                     row["preparing_unit"], row["notes"]])
    return rows


def week_pdf(calendar, info):
    agency = calendar.aq_parent
    abbr = getattr(agency, "notation_abbr", "") or agency.getId().upper()
    heading = report_pdf.Heading([agency.title.upper()], f"Số: ……/LCT-{abbr}",
                                 place_and_date(report_place(), vietnam_today()))
    rows = table_rows(info)
    blocks = ([("table", [_vi(h) for h in HEADERS], rows, WIDTHS, len(HEADERS))]
              if rows else [("text", _vi(MSG_EMPTY))])
    signature = ([_vi(MSG_RECIPIENTS), _vi(MSG_TO_PEOPLE), _vi(MSG_KEEP)],
                 _vi(MSG_SIGNER), _vi(MSG_SIGN))
    return report_pdf.report_pdf(heading, title_lines(info), blocks, signature)


def filename(info):
    return f"lich-cong-tac-{info['week']}.pdf"
