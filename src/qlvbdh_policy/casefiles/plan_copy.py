"""A new year's file plan copied from last year's (NĐ 30/2020 Điều 28: the
plan is made at the start of each year; most headings recur): every entry
with its notation, title, retention period, department and person
responsible, then edited by the office.

Decision: a copy goes only into a year whose plan has no entries yet (it
is made when there is none). Merging into a plan the office has begun
would mix two lists under the same notations; the office adds the
missing entries by hand or by import instead. A department deleted or a
person who left the agency since is left empty on the copied entry and
named in the answer (``cleared``), so the office sees what to fill in.

:raises: ``PlanCopyConflict`` (409) when the target year has entries,
    ``plans.NoPlan`` (404) when the source year has none,
    ``plans.PlanForbidden`` (403) for anyone but the office."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.interfaces import IDepartment
from qlvbdh_policy.routing.steps import is_member_of_agency

MSG_HAS_ENTRIES = _(
    "The file plan of ${year} already has ${count} entries: a plan is copied only into a "
    "year without entries. Add the missing entries by hand or by import.")
MSG_SAME_YEAR = _("Copy the file plan from another year than ${year}.")


class PlanCopyConflict(plans.PlanRefused):
    status = 409
    error_type = "Conflict"


def _kept(agency, entry):
    """The entry's fields for the copy; the names no longer valid as a
    list of (field, value)."""
    fields = {name: getattr(entry, name, None) for name in (
        "code", "title", "retention", "department", "responsible", "notes")}
    cleared = []
    dept = api.content.get(UID=fields["department"]) if fields["department"] else None
    if fields["department"] and (dept is None or not IDepartment.providedBy(dept)
                                 or agency_of(dept) != agency):
        cleared.append(("department", fields["department"]))
        fields["department"] = None
    if fields["responsible"] and not is_member_of_agency(agency, fields["responsible"]):
        cleared.append(("responsible", fields["responsible"]))
        fields["responsible"] = None
    fields["notes"] = fields["notes"] or ""
    return fields, cleared


def copy_plan(agency, year, from_year=None):
    """The plan of ``year`` filled with the entries of ``from_year``
    (default: the year before). Returns (plan, entries added, cleared:
    [{code, field, value}])."""
    year = plans.read_year(year)
    from_year = plans.read_year(from_year) if from_year not in (None, "") else year - 1
    if from_year == year:
        raise plans.PlanRefused(MSG_SAME_YEAR, {"year": str(year)}, "from_year")
    target = plans.plan_of(agency, year)
    plans.check_may_keep(agency, target)
    source = plans.plan_of(agency, from_year)
    if source is None:
        raise plans.NoPlan(plans.MSG_NO_PLAN, {"year": str(from_year)}, "from_year")
    if target is not None and plans.entries(target):
        raise PlanCopyConflict(MSG_HAS_ENTRIES, {"year": str(year),
                                                 "count": str(len(plans.entries(target)))},
                               "year")
    items, cleared = [], []
    for entry in plans.entries(source):
        fields, lost = _kept(agency, entry)
        items.append(fields)
        cleared += [{"code": fields["code"], "field": f, "value": v} for f, v in lost]
    title = (source.title or "").replace(str(from_year), str(year)) or None
    plan, added = plans.keep_plan(agency, year, items, title)
    return plan, added, cleared
