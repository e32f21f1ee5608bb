"""The yearly emulation scores of the province's agencies (Quy chế Điều 12:
Sở Nội vụ puts the use of the system into the yearly emulation criteria;
issue 18).

The criteria a site manager weighs, and the weights, are data: the
registry record ``qlvbdh.emulation_criteria`` holds lines
``criterion|weight`` (profiles/default/registry/emulation.xml gives the
defaults), edited in the control panel "Tiêu chí thi đua"
(browser/emulation.py) through ``save_weights``. How a criterion scores
is written once, in ``rules/emulation.py``, from the indicators of
``stats/indicators.py``. Counts only, never a document: read by the
province's oversight and site managers (the usage report's permission).
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.exports.xlsx import sheet_xlsx
from qlvbdh_policy.rules import emulation as E
from qlvbdh_policy.rules import periods
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.stats import usage
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese

import datetime

RECORD = "qlvbdh.emulation_criteria"
FIRST_YEAR = 2000

LABELS = {
    "outgoing_electronic_share": _("Share of outgoing documents delivered electronically"),
    "incoming_electronic_share": _("Share of incoming documents received electronically"),
    "on_time_rate": _("Share of incoming documents completed on time"),
    "delivery_feedback": _("Share of deliveries acknowledged the same working day"),
    "active_accounts_share": _("Share of accounts that logged in"),
}
MSG_BAD_LINE = _("Line ${number} (“${text}”): write a criterion and its weight separated by "
                 "“|”, for example “on_time_rate|25”.")
MSG_UNKNOWN = _("Line ${number} (“${text}”): “${key}” is not an emulation criterion; the "
                "criteria are: ${known}.")
MSG_BAD_WEIGHT = _("Line ${number} (“${text}”): the weight must be a number from 0 to 100 (0 "
                   "switches the criterion off), with at most two decimals.")
MSG_TWICE = _("Line ${number} (“${text}”): this criterion is already weighed on an earlier line.")
MSG_NONE = _("Weigh at least one criterion above 0: one line “criterion|weight”.")
MSG_STORED_WRONG = _("The emulation criteria stored in the site's registry are wrong: ${reason} "
                     "Correct them in the control panel “Emulation criteria”.")
MSG_BAD_YEAR = _("“year” (${title}): “${value}” is not a year from ${first} to ${last}.")
MSG_NO_DATA = _("A criterion without data: a share of use (documents sent or received "
                "electronically, accounts that logged in) scores 0; a share of quality "
                "(completed on time, acknowledged the same working day) is left out and the "
                "score is the weighted mean of the other criteria.")
MSG_TIES = _("Agencies with the same score share a rank and the next rank skips as many "
             "places (1, 2, 2, 4); an agency without any criterion to score has no rank.")
MSG_BAD_FORMAT = _("“format”: “${value}” is not a format of the emulation scores; write xlsx, "
                   "or nothing for JSON.")
FIELD_TITLE = _("Year")
WEIGHT = _("weight")
REASONS = {E.BAD_LINE: MSG_BAD_LINE, E.UNKNOWN: MSG_UNKNOWN, E.BAD_WEIGHT: MSG_BAD_WEIGHT,
           E.TWICE: MSG_TWICE, E.NONE: MSG_NONE}
#: the indicators the criteria are computed from, in the order reports show them
FIGURES = ("outgoing_issued", "outgoing_electronic", "incoming_registered",
           "incoming_electronic", "completed_on_time", "completed_late",
           "delivered_to_agencies", "acknowledged_same_day", "accounts", "accounts_logged_in")


class WeightsRefused(RefusedValue):
    """Criteria and weights a site manager wrote that cannot be read."""

    error_type = "BadRequest"


class StoredWeightsWrong(RefusedValue):
    """The record was changed around the control panel (the registry's
    own editor) and cannot be read: no report until it is corrected."""

    status = 409
    error_type = "Conflict"


def refusal(error, field="criteria"):
    """The ``WeightsRefused`` of a ``rules.emulation.WeightError``."""
    key = error.text.partition("|")[0].strip()
    known = ", ".join(c.key for c in E.CRITERIA)
    return WeightsRefused(REASONS[error.reason], {"number": error.number, "text": error.text[:80],
                                                  "key": key[:40], "known": known}, field)


def read_lines(text):
    """The weights of a text of lines (the control panel's field).

    :raises WeightsRefused: naming the line at fault."""
    try:
        return E.read_weights((text or "").splitlines())
    except E.WeightError as error:
        raise refusal(error) from None


def save_weights(text):
    """Store the criteria and weights of ``text``; nothing is stored when a
    line is wrong.

    :raises WeightsRefused: naming the line at fault."""
    weights = read_lines(text)
    api.portal.set_registry_record(RECORD, E.write_weights(weights))
    return weights


def stored_lines():
    lines = api.portal.get_registry_record(RECORD, default=None)
    return list(E.DEFAULT_LINES if lines is None else lines)


def current_weights():
    """{criterion: weight} as stored.

    :raises StoredWeightsWrong: (HTTP 409) when the record cannot be read."""
    try:
        return E.read_weights(stored_lines())
    except E.WeightError as error:
        reason = in_vietnamese(refusal(error).message())
        raise StoredWeightsWrong(MSG_STORED_WRONG, {"reason": reason}, None) from None


def read_year(form, today=None):
    """``year`` of a request; this year when it is missing.

    :raises WeightsRefused: (HTTP 400) naming ``year``."""
    today = today or vietnam_today()
    value = form.get("year")
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return today.year
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= today.year:
        raise WeightsRefused(MSG_BAD_YEAR, {"title": FIELD_TITLE, "value": text[:20],
                                            "first": FIRST_YEAR, "last": today.year}, "year")
    return int(text)


def read_format(form):
    """``format``: none (JSON) or ``xlsx``.

    :raises WeightsRefused: (HTTP 400) naming ``format``."""
    value = form.get("format")
    text = value.strip() if isinstance(value, str) else ""
    if text not in ("", "json", "xlsx"):
        raise WeightsRefused(MSG_BAD_FORMAT, {"value": text[:20]}, "format")
    return text or "json"


def emulation_report(site, year, today=None):
    """{year, period, today, criteria: [{key, weight, part, whole,
    when_empty}], agencies: [{id, title, rank, tied, score, criteria:
    {key: score}, figures: {indicator: value}}] in rank order}.

    The figures are the indicators of the whole year (or of the year so
    far)."""
    today = today or vietnam_today()
    weights = current_weights()
    period = periods.whole_year(year)
    rows = []
    listed = usage.agencies(site)
    for agency, figures in zip(listed, I.figures_many(listed, period, today,
                                                       province=False)[0]):
        score, scores = E.score(weights, figures)
        rows.append({"id": agency.getId(), "title": agency.title, "score": score,
                     "criteria": scores, "figures": {k: figures[k] for k in FIGURES}})
    ranks, order = E.rank([row["score"] for row in rows])
    shared = {r for r in ranks if r is not None and ranks.count(r) > 1}
    for row, place in zip(rows, ranks):
        row.update(rank=place, tied=place in shared)
    return {
        "year": year,
        "period": period.as_json(),
        "today": today.isoformat(),
        "criteria": [{"key": key, "weight": weight, "part": E.BY_KEY[key].part,
                      "whole": E.BY_KEY[key].whole, "when_empty": E.BY_KEY[key].when_empty}
                     for key, weight in weights.items()],
        "agencies": [rows[i] for i in order],
    }


def labels(request=None):
    """The criteria's and the figures' Vietnamese names, by key."""
    names = {key: in_vietnamese(label, request) for key, label in LABELS.items()}
    names.update({key: in_vietnamese(I.LABELS[key], request) for key in FIGURES})
    return names


def notes(request=None):
    return {"no_data": in_vietnamese(MSG_NO_DATA, request),
            "ties": in_vietnamese(MSG_TIES, request)}


# -- the sheet ---------------------------------------------------------------------


def _show(value):
    return "—" if value is None else value


def emulation_xlsx(report, request=None):
    """The report as one XLSX sheet: rank, agency, score, each criterion's
    score and the figures that produced them."""
    names = labels(request)
    tr = lambda message: in_vietnamese(message, request)  # noqa: E731
    criteria = [c["key"] for c in report["criteria"]]
    headers = ([tr(_("Rank")), tr(_("Agency")), tr(_("Score (0–100)"))]
               + [f"{names[k]} ({tr(WEIGHT)} {E.weight_text(c['weight'])})"
                  for k, c in zip(criteria, report["criteria"])]
               + [names[k] for k in FIGURES])
    rows = ([_show(row["rank"]), row["title"], _show(row["score"])]
            + [_show(row["criteria"][k]) for k in criteria]
            + [row["figures"][k] for k in FIGURES] for row in report["agencies"])
    start, end = (datetime.date.fromisoformat(report["period"][k]) for k in ("from", "to"))
    title_lines = [tr(_("Emulation scores of the use of the system, year ${year}",
                        mapping={"year": report["year"]})),
                   f"{format_date(start)} – {format_date(end)}",
                   tr(MSG_NO_DATA), tr(MSG_TIES)]
    return sheet_xlsx(tr(_("Emulation")), headers, rows,
                      widths=[6, 36, 10] + [18] * (len(criteria) + len(FIGURES)),
                      title_lines=title_lines)


def filename(year):
    return f"thi-dua-{year}.xlsx"
