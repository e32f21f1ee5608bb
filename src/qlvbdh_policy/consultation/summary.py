"""The summary of the comments on a draft (bảng tổng hợp ý kiến góp ý) as
data, DOCX (``exports.docx_table``) and PDF (``exports.report_pdf``, the
layout of an administrative document, NĐ 30/2020 Phụ lục I)."""

from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.consultation import rounds
from qlvbdh_policy.exports import docx_table
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.rules import comment_rounds as rules
from qlvbdh_policy.rules.report_form import place_and_date
from qlvbdh_policy.stats.reports import report_place
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_today
from zope.i18n import translate

MSG_TITLE = _("SUMMARY OF COMMENTS")
MSG_ON_DRAFT = _("on the draft: ${title}")
MSG_ROUND = _("Round ${number}, asked by ${name} on ${asked}; deadline ${deadline}")
MSG_COUNTS = _("Asked: ${asked}; answered: ${answered}; not answered: ${late}.")
MSG_NUMBER = _("No.")
MSG_PARTY = _("Agency, department or person asked")
MSG_VERDICT = _("Opinion")
MSG_TEXT = _("Comments")
MSG_FILE = _("Attached file")
MSG_ANSWERED = _("Answered on")
MSG_NUMBER_LINE = _("No.: ……/${abbr}")
MSG_RECIPIENTS = _("Recipients:")
MSG_KEEP = _("- Kept: VT, drafting department.")
MSG_COMPILER = _("COMPILED BY")
MSG_DRAFTER = _("(Signature, full name)")
WIDTHS = (1, 5, 3, 9, 4, 3)


def _tr(msgid, request, **mapping):
    return translate(_(msgid, mapping=mapping), context=request)


def headers(request):
    return [_tr(m, request) for m in (MSG_NUMBER, MSG_PARTY, MSG_VERDICT, MSG_TEXT, MSG_FILE,
                                      MSG_ANSWERED)]


def rows(round_, request):
    """The table's cells as text, one row per party asked."""
    out = []
    for row in rounds.summary(round_):
        verdict = rules.VERDICT_TITLES.get(row.verdict, rules.NO_ANSWER)
        out.append([str(row.number), row.party, _tr(verdict, request), row.text, row.filename,
                    format_datetime(row.answered_on)])
    return out


def title_lines(draft, round_, request):
    counts = rules.counts(rounds.party_keys(round_), list(round_["answers"]))
    return [
        _tr(MSG_TITLE, request),
        _tr(MSG_ON_DRAFT, request, title=draft.title),
        _tr(MSG_ROUND, request, number=round_["number"], name=round_["asked_by_name"],
            asked=format_datetime(round_["asked_on"]),
            deadline=rules.format_day(round_["deadline"])),
        _tr(MSG_COUNTS, request, **counts),
    ]


def filename(draft, round_, extension):
    return f"tong-hop-y-kien-{draft.getId()}-{round_['number']}.{extension}"


def docx(draft, round_, request):
    lines = title_lines(draft, round_, request)
    return docx_table.table_docx([(lines[0], True), (lines[1], True)]
                                 + [(line, False) for line in lines[2:]],
                                 headers(request), rows(round_, request), WIDTHS)


def pdf(draft, round_, request):
    agency = agency_of(draft)
    abbr = getattr(agency, "notation_abbr", "") or agency.getId().upper()
    heading = report_pdf.Heading([agency.title.upper()], _tr(MSG_NUMBER_LINE, request, abbr=abbr),
                                 place_and_date(report_place(), vietnam_today()))
    lines = title_lines(draft, round_, request)
    blocks = [("text", lines[3]),
              ("table", headers(request), rows(round_, request), WIDTHS, 99, False)]
    signature = ([_tr(MSG_RECIPIENTS, request), _tr(MSG_KEEP, request)],
                 _tr(MSG_COMPILER, request), _tr(MSG_DRAFTER, request))
    return report_pdf.report_pdf(heading, lines[:3], blocks, signature)
