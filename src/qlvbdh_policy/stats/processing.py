"""An agency's processing report (NĐ 30/2020 Phụ lục VI V.2 "Báo cáo tình
hình giải quyết văn bản đến", V.4 "… văn bản đi"; III.1.l): the indicators
of incoming or outgoing documents for a period, per department and per
person, for the agency's leaders and administrators (Quy chế Điều 8 khoản
1: the head of the agency checks use) and site managers. Counts only."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.routing.trail import principal_title
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese

READ_PERMISSION = permissions.ViewProcessingReports
INDICATORS = {"incoming": I.INCOMING_INDICATORS, "outgoing": I.OUTGOING_INDICATORS}
# the lists of ``Documents`` each kind counts
LISTS = {"incoming": ("registered", "completed", "open"), "outgoing": ("issued",)}

MSG_READ_REFUSED = _("The processing reports of ${agency} are read by the agency's leaders, "
                     "its administrators and site managers only.")
NO_DEPARTMENT = {"incoming": _("Not given to a department"),
                 "outgoing": _("No drafting department")}
#: the row of the outgoing documents issued without a drafter (no Creator:
#: made by a script or an import), so that no person row is nameless
NO_DRAFTER = _("No drafter recorded")


class ProcessingReportRefused(ForbiddenRefusal):
    """Reading an agency's reports without being one of their readers."""


def check_read(agency):
    """:raises: Unauthorized for an anonymous visitor, ``ProcessingReportRefused``
    (HTTP 403) for anyone else who is not one of the readers."""
    refuse_unless(api.user.has_permission(READ_PERMISSION, obj=agency), "@processing-report",
                  ProcessingReportRefused, MSG_READ_REFUSED, {"agency": agency.title})


def _people(docs, kind):
    found = set()
    for name in LISTS[kind]:
        for entry in getattr(docs, name):
            found |= entry.people
    return found


def _has_documents(docs, kind):
    return any(getattr(docs, name) for name in LISTS[kind])


def processing_report(agency, kind, period, today=None):
    """{kind, period, today, totals, departments: [{id, title, …}], people:
    [{id, title, …}]}: a row per department of the agency, one for the
    documents of none when there are some, one per person counted, and
    (id None) one for the outgoing documents of no drafter."""
    today = today or vietnam_today()
    indicators = INDICATORS[kind]
    docs = I.gather(agency, period, today)
    departments = []
    for dept in children(agency, "Department"):
        departments.append(dict(id=dept.getId(), title=dept.title,
                                **I.figures(docs.only(department=dept.getId()), indicators)))
    unassigned = docs.only(department=None)
    if _has_documents(unassigned, kind):
        departments.append(dict(id=None, title=in_vietnamese(NO_DEPARTMENT[kind]),
                                **I.figures(unassigned, indicators)))
    people = [dict(id=p, title=principal_title(p), **I.figures(docs.only(person=p), indicators))
              for p in _people(docs, kind)]
    people.sort(key=lambda row: (sort_key(row["title"]), row["id"]))
    no_drafter = docs.only(person=None)
    if kind == "outgoing" and no_drafter.issued:
        people.append(dict(id=None, title=in_vietnamese(NO_DRAFTER),
                           **I.figures(no_drafter, indicators)))
    report = {"kind": kind, "period": period.as_json(), "today": today.isoformat(),
              "totals": I.figures(docs, indicators), "departments": departments,
              "people": people}
    if kind == "outgoing":
        report["signatures_verified"] = I.SIGNATURES_VERIFIED
    return report
