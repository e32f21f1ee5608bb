"""The directory of external organisations (ministries, other provinces,
the national hub's members) the province exchanges edXML messages with:
name, identification code (mã định danh, Quyết định 28/2018/QĐ-TTg Điều
10.2.a), address, e-mail. Site managers keep it through the web and import
it from a CSV sheet; a received message's sender is matched here by its
code (``organisation``).

Kept in the site's annotations, one entry per code (an OOBTree: two
managers saving different organisations do not conflict). An import checks
every row first: one bad row stores nothing, and every bad row is named by
its row and column.
"""

from qlvbdh_policy import _
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import formula_cells
from qlvbdh_policy.rules import organ_codes
from qlvbdh_policy.rules.folding import fold
from qlvbdh_policy.sheets import numbered_rows
from qlvbdh_policy.site_storage import site_tree
from qlvbdh_policy.vietnamese import in_vietnamese

import re

KEY = "qlvbdh_policy.exchange.directory"
FIELDS = ("code", "name", "address", "email")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 200  # OrganName, NĐ 30/2020 Phụ lục VI

TITLES = {
    "code": _("Identification code"),
    "name": _("Organisation name"),
    "address": _("Address"),
    "email": _("E-mail"),
}
COLUMNS = {  # folded header → field
    "ma dinh danh": "code", "ma": "code", "code": "code", "organid": "code",
    "ten": "name", "ten co quan": "name", "ten to chuc": "name",
    "ten co quan, to chuc": "name", "ten don vi": "name", "name": "name",
    "organname": "name",
    "dia chi": "address", "address": "address", "organadd": "address",
    "thu dien tu": "email", "email": "email", "e-mail": "email",
}

MSG_NEED_NAME = _("The organisation's name is required.")
MSG_NAME_TOO_LONG = _("The organisation's name is longer than ${max} characters.")
MSG_BAD_EMAIL = _("“${value}” is not an e-mail address.")
MSG_CODE_TAKEN = _("The identification code ${value} is already in the directory "
                   "(${name}).")
MSG_CODE_TWICE = _("The identification code ${value} is also on row ${other}.")
MSG_NO_SUCH = _("No organisation in the directory has the code ${value}.")
MSG_NO_ROWS = _("The sheet has no organisations: a header row with “Tên cơ quan” and "
                "“Mã định danh” (and “Địa chỉ”, “Thư điện tử” if known), then one row per "
                "organisation.")
MSG_ROWS_REFUSED = _("${count} row(s) refused; nothing was imported.")
MSG_CELL = _("Row ${row}, column “${column}”: ${message}")


class DirectoryRefused(RefusedValue):
    """A bad entry or sheet (HTTP 400); ``errors``: one {row, field,
    message} per bad cell of an import."""

    def __init__(self, msgid, mapping=None, field=None, rule=None, errors=()):
        super().__init__(msgid, mapping, field, rule)
        self.errors = list(errors)


def _tree(create=False):
    return site_tree(KEY, create=create)


def organisation(code):
    """{code, name, address, email} of the organisation, or None."""
    entry = _tree().get(organ_codes.normalized(code)) if code else None
    return dict(entry) if entry is not None else None


def organisations():
    """Every organisation, by name (folded)."""
    return sorted((dict(e) for e in _tree().values()), key=lambda e: fold(e["name"]))


def checked(code, name, address=None, email=None):
    """The entry as stored, each value checked.

    :raises: DirectoryRefused naming the field"""
    refusal = organ_codes.refuse_code(code)
    if refusal:
        raise DirectoryRefused(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    name = plain(name, "name", TITLES["name"], refused=DirectoryRefused)
    if not name:
        raise DirectoryRefused(MSG_NEED_NAME, {}, "name")
    if len(name) > MAX_NAME:
        raise DirectoryRefused(MSG_NAME_TOO_LONG, {"max": MAX_NAME}, "name")
    address = plain(address, "address", TITLES["address"], refused=DirectoryRefused) or None
    for field, value in (("name", name), ("address", address)):
        start = formula_cells.formula_start(value)
        if start:  # it would go on into edXML To/OrganName and the exports
            raise DirectoryRefused(formula_cells.MSG_FORMULA, {"value": value, "start": start},
                                   field)
    email = plain(email, "email", TITLES["email"], refused=DirectoryRefused) or None
    if email and not EMAIL.match(email):
        raise DirectoryRefused(MSG_BAD_EMAIL, {"value": email}, "email")
    return {"code": organ_codes.normalized(code), "name": name, "address": address,
            "email": email}


def save(code, name, address=None, email=None, replaces=None):
    """Add an organisation, or change the one whose code was ``replaces``.

    :raises: DirectoryRefused"""
    entry = checked(code, name, address, email)
    tree = _tree(create=True)
    old = organ_codes.normalized(replaces) if replaces else None
    if old and old not in tree:
        raise DirectoryRefused(MSG_NO_SUCH, {"value": old}, "code")
    taken = tree.get(entry["code"])
    if taken is not None and entry["code"] != old:
        raise DirectoryRefused(MSG_CODE_TAKEN, {"value": entry["code"], "name": taken["name"]},
                               "code")
    if old and old != entry["code"]:
        del tree[old]
    tree[entry["code"]] = entry
    return dict(entry)


def remove(code):
    """:raises: DirectoryRefused when no organisation has the code."""
    tree = _tree(create=True)
    code = organ_codes.normalized(code)
    if code not in tree:
        raise DirectoryRefused(MSG_NO_SUCH, {"value": code}, "code")
    del tree[code]


# -- import -----------------------------------------------------------------

def _cell_error(number, column, field, message):
    return {"row": number, "field": field, "message": in_vietnamese(_(MSG_CELL, mapping={
        "row": number, "column": column, "message": in_vietnamese(message)}))}


def read_sheet(filename, data):
    """[(row number, {field: text}, {field: column as headed})] of the rows
    under the header."""
    rows = numbered_rows(filename, data, DirectoryRefused)
    if len(rows) < 2:
        raise DirectoryRefused(MSG_NO_ROWS, {}, "file")
    headers = rows[0][1]
    fields = [COLUMNS.get(fold(h).strip(" :*")) for h in headers]
    if "code" not in fields or "name" not in fields:
        raise DirectoryRefused(MSG_NO_ROWS, {}, "file")
    columns = {f: h for f, h in zip(fields, headers) if f}
    return [(number, {f: cell for f, cell in zip(fields, row) if f}, columns)
            for number, row in rows[1:]]


def plan(rows):
    """The entries of the rows, each checked; DirectoryRefused lists every
    bad cell (a code twice in the sheet too)."""
    planned, errors, seen = [], [], {}
    for number, row, columns in rows:
        try:
            entry = checked(row.get("code"), row.get("name"), row.get("address"),
                            row.get("email"))
        except DirectoryRefused as refusal:
            field = refusal.field or "code"
            errors.append(_cell_error(number, columns.get(field, field), field,
                                      refusal.message()))
            continue
        if entry["code"] in seen:
            errors.append(_cell_error(number, columns["code"], "code", _(
                MSG_CODE_TWICE, mapping={"value": entry["code"], "other": seen[entry["code"]]})))
            continue
        seen[entry["code"]] = number
        planned.append(entry)
    if errors:
        raise DirectoryRefused(MSG_ROWS_REFUSED, {"count": len(errors)}, "file", errors=errors)
    return planned


def import_sheet(filename, data):
    """Add or update (by code) the organisations of a CSV (UTF-8, header
    row) or XLSX sheet: {"added": n, "updated": n}. Nothing is stored
    unless every row is right.

    :raises: DirectoryRefused"""
    entries = plan(read_sheet(filename, data))
    tree = _tree(create=True)
    added = sum(1 for e in entries if e["code"] not in tree)
    for entry in entries:
        tree[entry["code"]] = entry
    return {"added": added, "updated": len(entries) - added}
