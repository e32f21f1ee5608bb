"""The period (and kind) a report is asked for, read once for the
statistics page and the REST reports: a refusal names the parameter in
Vietnamese (HTTP 400). The rules are in ``rules.periods``."""

from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import periods
from qlvbdh_policy.stats.indicators import ANY
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today

MSG_BAD_DATE = _("“${name}” (${title}): “${value}” is not a date; write it as yyyy-mm-dd "
                 "or dd/mm/yyyy.")
MSG_ORDER = _("“from” (${start_title}) ${start} is after “to” (${end_title}) ${end}.")
MSG_BAD_SHORTCUT = _("“period”: “${value}” is not a period; write a year (2026), a month "
                     "(2026-11), a quarter (2026-Q4) or six months (2026-H2).")
MSG_BAD_KIND = _("“kind” (${title}): “${value}” is not a kind of report; choose incoming "
                 "or outgoing.")
MSG_BAD_DEPARTMENT = _("“department” (${title}): “${value}” is not a department of ${agency}.")
FIELD_TITLES = {"from": _("From date"), "to": _("To date"), "kind": _("Kind of report"),
                "department": _("Department")}
KINDS = ("incoming", "outgoing")


class ReportRefused(RefusedValue):
    """A report asked for with a parameter it cannot read."""

    error_type = "BadRequest"


def read_period(form, today=None):
    """The period of ``form`` (``from``, ``to``, or a shortcut ``period``;
    rules.periods.read_period).

    :raises ReportRefused: naming the parameter at fault."""
    try:
        return periods.read_period(_text(form.get("from")), _text(form.get("to")),
                                   _text(form.get("period")), today or vietnam_today())
    except periods.PeriodError as error:
        raise _refusal(error) from None


def _refusal(error):
    if error.reason == periods.BAD_SHORTCUT:
        return ReportRefused(MSG_BAD_SHORTCUT, {"value": error.value[:40]}, "period")
    if error.reason == periods.BAD_DATE:
        return ReportRefused(MSG_BAD_DATE, {"name": error.field, "title": FIELD_TITLES[error.field],
                                            "value": error.value[:40]}, error.field)
    start, end = error.value
    return ReportRefused(MSG_ORDER, {"start": format_date(start), "end": format_date(end),
                                     "start_title": FIELD_TITLES["from"],
                                     "end_title": FIELD_TITLES["to"]}, "from")


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def read_kind(form):
    """``kind``: incoming (NĐ 30/2020 Phụ lục VI V.2) or outgoing (V.4).

    :raises ReportRefused: naming the parameter."""
    kind = _text(form.get("kind"))
    if kind not in KINDS:
        raise ReportRefused(MSG_BAD_KIND, {"title": FIELD_TITLES["kind"], "value": kind}, "kind")
    return kind


def period_title(period):
    return f"{format_date(period.start)} – {format_date(period.end)}"


def read_department(agency, department):
    """The department of a scope (stats/dashboard.py ``scope``): ANY (the
    whole agency), None (the documents of none) or the id of one of the
    agency's departments; an unknown one would count nothing and say so
    with a 0.

    :raises ReportRefused: naming the parameter."""
    if department is ANY or department is None:
        return department
    if department not in {dept.getId() for dept in children(agency, "Department")}:
        raise ReportRefused(MSG_BAD_DEPARTMENT, {"title": FIELD_TITLES["department"],
                                                 "value": str(department)[:40],
                                                 "agency": agency.title}, "department")
    return department
