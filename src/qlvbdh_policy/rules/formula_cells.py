"""Spreadsheet formulas in imported text (OWASP "CSV injection"): a cell
beginning with ``= + - @`` is read by Excel or LibreOffice as a formula
(``=HYPERLINK("http://…")`` runs in the reader's spreadsheet). The exports
write such text as text (exports/xlsx.py, rules/agency_export.index_csv);
an import refuses it where the text goes on into messages and exports
(the directory's organisation name and address go into edXML
To/OrganName and OrganAdd, QCVN 102:2016/BTTTT)."""

from qlvbdh_policy import _

#: what a spreadsheet reads as the start of a formula (leading spaces skipped)
FORMULA_STARTS = ("=", "+", "-", "@")
MSG_FORMULA = _("“${value}” begins with ${start}, which a spreadsheet reads as a formula: "
                "write the text without it.")


def formula_start(text):
    """The character that makes ``text`` a formula, or None."""
    stripped = (text or "").lstrip()
    return stripped[0] if stripped.startswith(FORMULA_STARTS) else None
