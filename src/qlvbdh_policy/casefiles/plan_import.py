"""The file plan imported from the office's spreadsheet (NĐ 30/2020 Điều
28, mẫu Danh mục hồ sơ of Phụ lục V; Phụ lục VI III.4.a: the plan made in
the system). Every row is checked as an entry sent by REST is
(``plans.checked_entry``) before anything is stored: a sheet with one bad
row adds nothing and names every bad row and its column, in Vietnamese.

The sheet (XLSX or CSV) may carry the form's title lines above its header
row, its column numbers “(1) (2) …” and its headings (đề mục, a title
alone): these are skipped (rules/plan_sheet.py). The form's column
“Đơn vị/người lập hồ sơ” names a department (id, name or notation
abbreviation) or a person of the agency (user id or full name); separate
columns “Đơn vị” and “Người lập hồ sơ” are read too.

:raises: ``PlanImportRefused`` (HTTP 400, ``errors`` one per bad row),
    ``plans.PlanForbidden`` (403) for anyone but the office."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.rules import plan_sheet as S
from qlvbdh_policy.rules.folding import fold
from qlvbdh_policy.sheets import numbered_rows
from qlvbdh_policy.vietnamese import in_vietnamese

COLUMN_TITLES = {
    "code": _("Case file notation"), "title": _("Case file title"),
    "retention": _("Retention period"), "unit_or_person": _("Department or person"),
    "department": _("Department"), "responsible": _("Person responsible"),
    "notes": _("Notes"), "file": _("File"),
}
MSG_NO_HEADER = _(
    "The sheet has no header row naming the columns “Số và ký hiệu hồ sơ” and “Tên đề mục "
    "và tiêu đề hồ sơ” (the form of the file plan, Decree 30/2020 Appendix V).")
MSG_NO_ENTRIES = _("The sheet has no entries under its header row.")
MSG_ROWS_REFUSED = _("${count} row(s) of the sheet refused; no entry was added.")
MSG_ROW_COLUMN = _("Row ${row}, column “${column}”: ${message}")
MSG_NOT_UNIT_OR_PERSON = _("“${value}” is neither a department nor a person of this agency.")
MSG_DUPLICATE_ROW = _("the notation ${code} is also on row ${other}.")


class PlanImportRefused(plans.PlanRefused):
    """``errors``: one {row, column, field, message} per bad row."""

    def __init__(self, msgid, mapping=None, field="file", rule=None, errors=()):
        super().__init__(msgid, mapping, field, rule)
        self.errors = list(errors)


class _Names:
    """The agency's departments and people by what a sheet may call them."""

    def __init__(self, agency):
        self.departments = {}
        for dept in children(agency, "Department"):
            for name in (dept.getId(), dept.title, getattr(dept, "notation_abbr", "")):
                if name:
                    self.departments[fold(name)] = dept.getId()
        self.people = {}
        for userid in agency_user_ids(agency):
            user = api.user.get(userid=userid)
            self.people[fold(userid)] = userid
            if user is not None and user.getProperty("fullname"):
                self.people.setdefault(fold(user.getProperty("fullname")), userid)

    def department(self, value):
        return self.departments.get(fold(value), value) if value else None

    def person(self, value):
        return self.people.get(fold(value), value) if value else None


def _entry_data(cells, fields, names):
    """(the entry's data as plans.checked_entry reads it, which column each
    field came from); None for a heading or the column numbers."""
    row = {f: cell for f, cell in zip(fields, cells) if f}
    if S.is_column_numbers(cells) or S.is_heading(row):
        return None
    data = {"code": row.get("code", ""), "title": row.get("title", ""),
            "retention": S.read_retention(row.get("retention")),
            "notes": row.get("notes", ""),
            "department": names.department(row.get("department")),
            "responsible": names.person(row.get("responsible"))}
    source = {"department": "department", "responsible": "responsible"}
    either = row.get("unit_or_person")
    if either:
        key = fold(either)
        if key in names.departments and not data["department"]:
            data["department"], source["department"] = names.departments[key], "unit_or_person"
        elif key in names.people and not data["responsible"]:
            data["responsible"], source["responsible"] = names.people[key], "unit_or_person"
        else:
            raise plans.PlanRefused(MSG_NOT_UNIT_OR_PERSON, {"value": either}, "unit_or_person")
    return data, source


def _error(number, field, message, request):
    column = in_vietnamese(COLUMN_TITLES.get(field, COLUMN_TITLES["file"]), request)
    text = in_vietnamese(_(MSG_ROW_COLUMN, mapping={
        "row": number, "column": column, "message": in_vietnamese(message, request)}), request)
    return {"row": number, "column": column, "field": field, "message": text}


def _checked_row(agency, cells, fields, names):
    """(the entry's data, its checked fields) or None for a row that is no
    entry; a refusal names the sheet's column at fault."""
    found = _entry_data(cells, fields, names)
    if found is None:
        return None
    item, source = found
    try:
        return item, plans.checked_entry(agency, item)
    except plans.PlanRefused as refusal:
        refusal.field = source.get(refusal.field, refusal.field)
        raise


def read_entries(agency, year, filename, data, request=None, existing=()):
    """The entries of the sheet, each checked; PlanImportRefused names
    every bad row (its number in the sheet) and its column."""
    rows = numbered_rows(filename, data, PlanImportRefused)
    header = S.find_header([cells for _n, cells in rows])
    if header is None:
        raise PlanImportRefused(MSG_NO_HEADER)
    fields = S.header_fields(rows[header][1])
    names, seen = _Names(agency), {code: None for code in existing}
    entries, errors = [], []
    for number, cells in rows[header + 1:]:
        try:
            found = _checked_row(agency, cells, fields, names)
        except plans.PlanRefused as refusal:
            field = refusal.field if refusal.field in COLUMN_TITLES else "file"
            errors.append(_error(number, field, refusal.message(), request))
            continue
        if found is None:
            continue
        item, checked = found
        code = checked["code"]
        if code in seen:
            other = seen[code]
            message = (_(MSG_DUPLICATE_ROW, mapping={"code": code, "other": other}) if other
                       else _(plans.MSG_DUPLICATE, mapping={"year": str(year), "code": code}))
            errors.append(_error(number, "code", message, request))
            continue
        seen[code] = number
        entries.append(item)
    if errors:
        raise PlanImportRefused(MSG_ROWS_REFUSED, {"count": len(errors)}, "file",
                                errors=errors)
    if not entries:
        raise PlanImportRefused(MSG_NO_ENTRIES)
    return entries


def import_plan(agency, year, filename, data, request=None):
    """The office's import into the plan of ``year`` (made when there is
    none): all rows or none. Returns (the plan, the entries added)."""
    year = plans.read_year(year)
    plan = plans.plan_of(agency, year)
    plans.check_may_keep(agency, plan)
    existing = [e.code for e in plans.entries(plan)] if plan is not None else ()
    items = read_entries(agency, year, filename, data, request, existing)
    return plans.keep_plan(agency, year, items)
