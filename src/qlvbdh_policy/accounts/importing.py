"""Accounts from a CSV or XLSX sheet (full name, birth year, e-mail,
department, role), with a result sheet of the account names given and
their one-time passwords.

Every row is checked before any account is made: a sheet with one bad
row makes nothing and answers every bad row by number and column, in
Vietnamese. Headers may be Vietnamese (“Họ và tên”, “Năm sinh”, “Thư điện
tử”, “Phòng”, “Vai trò”) or the field names; roles and departments may be
written as their titles.
"""

from qlvbdh_policy import _
from qlvbdh_policy.accounts import directory
from qlvbdh_policy.accounts import management
from qlvbdh_policy.accounts.suggestions import suggest
from qlvbdh_policy.accounts.suggestions import SuggestionRefused
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import account_groups
from qlvbdh_policy.rules.folding import fold
from qlvbdh_policy.sheets import numbered_rows
from qlvbdh_policy.vietnamese import in_vietnamese

COLUMNS = {  # folded header → field
    "ho va ten": "full_name", "ho ten": "full_name", "full_name": "full_name",
    "fullname": "full_name", "nam sinh": "birth_year", "birth_year": "birth_year",
    "email": "email", "e-mail": "email", "thu dien tu": "email",
    "phong": "department", "phong ban": "department", "department": "department",
    "vai tro": "kind", "role": "kind", "kind": "kind",
}
KIND_WORDS = {  # folded titles an admin writes → kind
    "can bo": account_groups.STAFF, "cong chuc": account_groups.STAFF,
    "chuyen vien": account_groups.STAFF, "nhan vien": account_groups.STAFF,
    "can bo, cong chuc": account_groups.STAFF,
    "truong phong": account_groups.DEPARTMENT_HEAD,
    "lanh dao phong": account_groups.DEPARTMENT_HEAD,
    "van thu": account_groups.CLERK, "lanh dao": account_groups.LEADER,
    "lanh dao co quan": account_groups.LEADER, "quan tri": account_groups.ADMIN,
    "quan tri don vi": account_groups.ADMIN,
}
RESULT_HEADERS = (_("No."), _("Full name"), _("Account name"), _("Login at the base domain"),
                  _("One-time password"), _("Role"), _("Department"), _("E-mail"))

MSG_NO_ROWS = _("The sheet has no rows of people (a header row with “Họ và tên” and "
                "“Thư điện tử”, then one row per person).")
MSG_ROWS_REFUSED = _("${count} row(s) refused; no account was created.")
MSG_ROW = _("Row ${row}: ${message}")


class ImportRefused(RefusedValue):
    """``errors``: one {field, row, message} per refusal."""

    def __init__(self, msgid, mapping=None, field="file", errors=()):
        super().__init__(msgid, mapping, field)
        self.errors = list(errors)


def read_sheet(filename, data):
    """Rows as dicts of fields (header names mapped by COLUMNS)."""
    rows = [row for _number, row in numbered_rows(filename, data, ImportRefused)]
    if len(rows) < 2:
        raise ImportRefused(MSG_NO_ROWS)
    fields = [COLUMNS.get(fold(h).strip(" :*")) for h in rows[0]]
    if "full_name" not in fields or "email" not in fields:
        raise ImportRefused(MSG_NO_ROWS)
    return [{f: cell.strip() for f, cell in zip(fields, row) if f} for row in rows[1:]]


def _kind(value):
    folded = fold(value or "")
    if not folded:
        return account_groups.STAFF
    return folded if folded in account_groups.KINDS else KIND_WORDS.get(folded, value)


def _department(agency, value):
    if not value:
        return None
    folded = fold(value)
    for dept in children(agency, "Department"):
        if folded in (dept.getId(), fold(dept.title or ""),
                      fold(getattr(dept, "notation_abbr", "") or "")):
            return dept.getId()
    return value  # refused by check_kind, naming it


def plan(agency, rows):
    """Each row checked, with its account name; ImportRefused lists every
    bad row."""
    taken = set(directory.names_in_use(agency))
    planned, errors = [], []
    for number, row in enumerate(rows, start=2):  # row 1 holds the headers
        try:
            kind = _kind(row.get("kind"))
            department = _department(agency, row.get("department"))
            management.check_kind(agency, kind, department)
            email = management.check_email(row.get("email"))
            full_name = management.check_fullname(row.get("full_name", ""))
            birth_year = row.get("birth_year") or None
            name = suggest(full_name, birth_year, taken)
        except (RefusedValue, SuggestionRefused) as refusal:
            errors.append({"row": number, "field": refusal.field,
                           "message": in_vietnamese(_(MSG_ROW, mapping={
                               "row": number, "message": in_vietnamese(refusal.message())}))})
            continue
        taken.add(name)
        planned.append({"row": number, "full_name": full_name,
                        "email": email, "kind": kind, "department": department,
                        "username": name})
    if errors:
        raise ImportRefused(MSG_ROWS_REFUSED, {"count": len(errors)}, "file", errors)
    return planned


def import_accounts(agency, filename, data):
    """The accounts made, each with its one-time password."""
    planned = plan(agency, read_sheet(filename, data))
    made = []
    for item in planned:
        info, password = management.create_account(
            agency, item["full_name"], item["email"], item["kind"], item["department"],
            username=item["username"])
        made.append(dict(info, row=item["row"], password=password))
    return made


def result_rows(agency, made):
    """The result sheet's rows (Vietnamese titles)."""
    titles = {d["id"]: d["title"] for d in directory.departments(agency)}
    for index, item in enumerate(made, start=1):
        yield [index, item["fullname"], directory.bare_name(item["login"]), item["login"],
               item["password"], in_vietnamese(management.KIND_TITLES.get(item["kind"], item["kind"])),
               titles.get(item["department"], ""), item["email"]]


def result_headers():
    return [in_vietnamese(h) for h in RESULT_HEADERS]

