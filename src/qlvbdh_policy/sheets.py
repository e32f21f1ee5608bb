"""Rows of an uploaded sheet (CSV or XLSX), the reading the imports share
(accounts, the file plan): every cell as trimmed text, blank rows left
out, each row with its number in the sheet so that a refusal names it."""

from io import BytesIO
from io import StringIO
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue

import base64
import binascii
import csv
import datetime

MSG_NOT_A_SHEET = _("The file ${filename} is not a CSV or XLSX sheet.")
MSG_NO_FILENAME = _("Give the file's name (filename), ending in .csv or .xlsx.")
MSG_NO_DATA = _("Give the file's content (data), in base64.")
MSG_NOT_BASE64 = _("The file's content (data) is not valid base64.")


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed in Excel: 10, not 10.0
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value)


def _xlsx_rows(data):
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    return [[_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]


def _csv_rows(data):
    text = data.decode("utf-8-sig")
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        pass
    return list(csv.reader(StringIO(text), dialect))


def uploaded_sheet(data, refused=RefusedValue):
    """(filename, bytes) of a sheet sent through REST as {"filename",
    "data": base64}; ``refused`` (field ``filename`` or ``data``) when one
    is missing or the data is no base64."""
    filename, encoded = data.get("filename") or "", data.get("data") or ""
    if not filename.strip():
        raise refused(MSG_NO_FILENAME, {}, "filename")
    if not encoded.strip():
        raise refused(MSG_NO_DATA, {}, "data")
    try:
        return filename, base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise refused(MSG_NOT_BASE64, {}, "data") from None


def numbered_rows(filename, data, refused=RefusedValue, csv_too=True):
    """[(row number in the sheet, [cell text, …])] of the non-blank rows of
    the first sheet. ``refused``: the RefusedValue class raised (field
    ``file``) for a file that is no sheet."""
    name = (filename or "").lower()
    readers = {".xlsx": _xlsx_rows}
    if csv_too:
        readers[".csv"] = _csv_rows
    reader = next((r for ext, r in readers.items() if name.endswith(ext)), None)
    if not name.strip():
        raise refused(MSG_NO_FILENAME, {}, "filename")
    if reader is None:
        raise refused(MSG_NOT_A_SHEET, {"filename": filename or ""}, "file")
    try:
        rows = reader(data)
    except Exception:  # a damaged or mislabelled file: say so, never 500
        raise refused(MSG_NOT_A_SHEET, {"filename": filename}, "file") from None
    return [(number, [cell.strip() for cell in row])
            for number, row in enumerate(rows, start=1) if any(cell.strip() for cell in row)]
