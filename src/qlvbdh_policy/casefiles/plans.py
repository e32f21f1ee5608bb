"""The yearly file plan (danh mục hồ sơ, NĐ 30/2020 Điều 28, mẫu Phụ lục
V): one per agency and year, kept by the office (clerks), read by the
agency's people, who open their case files from its entries.

:raises: ``PlanRefused`` (HTTP 400) naming the field, with the entry's
    place in the list sent (``entries[2].code``)."""

from plone import api
from Products.CMFCore.permissions import AddPortalContent
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.casefiles.filing import free_id
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.interfaces import IDepartment
from qlvbdh_policy.routing.steps import is_member_of_agency
from qlvbdh_policy.rules import case_files as R

MSG_YEAR = _("“${value}” is not a year of a file plan (2000 to 2200).")
MSG_NEED = _("Give the ${field} of each entry.")
MSG_DUPLICATE = _("The file plan of ${year} already has an entry ${code}.")
MSG_NO_DEPARTMENT = _("“${value}” is not a department of this agency.")
MSG_NOT_IN_AGENCY = _("${name} is not a person of this agency.")
MSG_NO_PLAN = _("The agency has no file plan for ${year}.")

ENTRY_FIELDS = {"code": _("Case file notation"), "title": _("Case file title"),
                "retention": _("Retention period"), "department": _("Department"),
                "responsible": _("Person responsible"), "notes": _("Notes")}


class PlanRefused(DocumentRefused):
    """Bad input for a file plan (HTTP 400)."""


class PlanForbidden(ForbiddenRefusal, PlanRefused):
    """Not one of the agency's office (to keep) or people (to read): 403."""


MSG_MAY_NOT_KEEP = _("Only the agency's office (clerks) keeps its file plan.")
MSG_MAY_NOT_READ = _("Only the agency's people read its file plan.")


def check_may_keep(agency, plan=None):
    """The office keeps the plan: “Add file plan” on the agency for a new
    one, adding to an existing one as its workflow allows.

    :raises: PlanForbidden"""
    allowed = (api.user.has_permission(permissions.AddFilePlan, obj=agency) if plan is None
               else api.user.has_permission(AddPortalContent, obj=plan))
    if not allowed:
        raise PlanForbidden(MSG_MAY_NOT_KEEP, {}, "entries")


def check_may_read(plan):
    if not api.user.has_permission(permissions.View, obj=plan):
        raise PlanForbidden(MSG_MAY_NOT_READ, {}, "year")


class NoPlan(PlanRefused):
    status = 404
    error_type = "NotFound"


def read_year(value):
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        year = None
    if year is None or not 2000 <= year <= 2200:
        raise PlanRefused(MSG_YEAR, {"value": str(value)}, "year")
    return year


def plan_of(agency, year):
    """The agency's file plan of ``year``, or None."""
    for plan in children(agency, "FilePlan"):
        if plan.year == year:
            return plan
    return None


def get_plan(agency, year):
    """The plan of ``year`` for one of the agency's people.

    :raises: NoPlan (404), PlanForbidden (403)"""
    plan = plan_of(agency, year)
    if plan is None:
        raise NoPlan(MSG_NO_PLAN, {"year": str(year)}, "year")
    check_may_read(plan)
    return plan


def keep_plan(agency, year, items, title=None):
    """The office's write: the plan of ``year`` made if needed, then the
    entries added (all or none).

    :raises: PlanForbidden, PlanRefused"""
    year = read_year(year)
    plan = plan_of(agency, year)
    check_may_keep(agency, plan)
    if not isinstance(items, list):
        raise PlanRefused(MSG_NEED, {"field": _("Entries")}, "entries")
    plan = plan or ensure_plan(agency, year, title)
    added = add_entries(plan, items)
    return plan, added


def ensure_plan(agency, year, title=None):
    """The file plan of ``year``, made when there is none (by someone with
    “Add file plan”: the office)."""
    plan = plan_of(agency, year)
    if plan is None:
        plan = api.content.create(
            container=agency, type="FilePlan", id=f"danh-muc-ho-so-{year}", year=year,
            title=title or f"Danh mục hồ sơ năm {year}")
    return plan


def entries(plan):
    """The plan's entries in the order of their notations."""
    return sorted(children(plan, "FilePlanEntry"),
                  key=lambda e: [int(p) if p.isdigit() else p for p in (e.code or "").split(".")])


def _department(agency, value, field):
    if not value:
        return None
    dept = agency.get(value) if value in agency.objectIds() else api.content.get(UID=value)
    if dept is None or not IDepartment.providedBy(dept) or agency_of(dept) != agency:
        raise PlanRefused(MSG_NO_DEPARTMENT, {"value": str(value)}, field)
    return dept.UID()


def _text(data, name, prefix, required=False):
    value = plain(data.get(name) or "", f"{prefix}{name}", ENTRY_FIELDS[name],
                  multi=name == "notes", refused=PlanRefused)
    if required and not value.strip():
        raise PlanRefused(MSG_NEED, {"field": ENTRY_FIELDS[name]}, f"{prefix}{name}")
    return value.strip() if name != "notes" else value


def checked_entry(agency, data, prefix=""):
    """An entry's fields as stored, or a refusal naming the field."""
    code = R.normalise_notation(_text(data, "code", prefix, required=True))
    refusal = R.refuse_notation(code, f"{prefix}code") or R.refuse_retention(
        data.get("retention"), f"{prefix}retention")
    if refusal:
        raise PlanRefused(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    responsible = data.get("responsible") or None
    if responsible and not is_member_of_agency(agency, responsible):
        raise PlanRefused(MSG_NOT_IN_AGENCY, {"name": str(responsible)}, f"{prefix}responsible")
    return {"code": code, "title": _text(data, "title", prefix, required=True),
            "retention": data["retention"],
            "department": _department(agency, data.get("department"), f"{prefix}department"),
            "responsible": responsible, "notes": _text(data, "notes", prefix)}


def add_entries(plan, items):
    """Add entries ({code, title, retention, department, responsible,
    notes}) to the plan; all or none. Returns the new entries."""
    agency = agency_of(plan)
    codes = {e.code for e in children(plan, "FilePlanEntry")}
    checked = []
    for i, data in enumerate(items or ()):
        fields = checked_entry(agency, data if isinstance(data, dict) else {}, f"entries[{i}].")
        if fields["code"] in codes:
            raise PlanRefused(MSG_DUPLICATE, {"year": str(plan.year), "code": fields["code"]},
                              f"entries[{i}].code")
        codes.add(fields["code"])
        checked.append(fields)
    return [api.content.create(container=plan, type="FilePlanEntry",
                               id=free_id(plan, fields["code"].replace(".", "-")), **fields)
            for fields in checked]


def entry_info(entry):
    return {"@id": entry.absolute_url(), "UID": entry.UID(), "code": entry.code,
            "title": entry.title, "retention": entry.retention,
            "department": entry.department, "responsible": entry.responsible,
            "notes": entry.notes or ""}


def plan_info(plan):
    return {"@id": plan.absolute_url(), "UID": plan.UID(), "year": plan.year,
            "title": plan.title, "entries": [entry_info(e) for e in entries(plan)]}


def on_entry_saved(entry, event):
    """An entry edited with Plone's forms or plone.restapi: its notation
    written alike (``1.vp`` → ``01.VP``), once in its plan."""
    entry.code = R.normalise_notation(entry.code)
    plan = entry.aq_parent
    if any(e.code == entry.code for e in children(plan, "FilePlanEntry")
           if e.getId() != entry.getId()):
        raise PlanRefused(MSG_DUPLICATE, {"year": str(plan.year), "code": entry.code}, "code")
