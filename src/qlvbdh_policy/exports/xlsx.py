"""Listings as XLSX sheets with Vietnamese headers (register books, search
results, account import results). Write-only mode: 10,000 rows stream
without building a tree.

Every value goes through ``safe_cell``: a sheet never carries a live
formula and no stored value can make the export fail.

- Text is always a text cell (``data_type`` 's'): openpyxl would write a
  string starting with ``=`` as a formula, so a title ``=HYPERLINK(…)`` or
  a sender ``=1+2`` would run in the reader's Excel (OWASP, CSV/formula
  injection). Text starting with ``= + - @``, a tab or a CR also gets
  Excel's quote prefix, so it stays text when someone edits the cell. The
  text itself is not changed: "-" and "-5" read back as written.
- Characters a sheet cannot hold (control characters, lone surrogates) are
  dropped: text stored before input was checked (rules/plain_text.py) made
  openpyxl raise ``IllegalCharacterError``, answering 500 to every export
  that included it.
- Numbers, dates and booleans stay what they are.
"""

from io import BytesIO
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

import re

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INVALID_TITLE_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# what an XML 1.0 document cannot carry (tab, LF and CR can), as openpyxl
# checks it, plus lone surrogates and the non-characters U+FFFE/U+FFFF
_NOT_IN_SHEET = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_CELL_CHARS = 32767  # Excel's limit for one cell


def sheet_text(value):
    """The text as a sheet can hold it."""
    return _NOT_IN_SHEET.sub("", value)[:MAX_CELL_CHARS]


def safe_cell(sheet, value, font=None, alignment=None):
    """A write-only cell holding ``value``; text is written as text."""
    if isinstance(value, str):
        text = sheet_text(value)
        cell = WriteOnlyCell(sheet, value=None)
        cell._value, cell.data_type = text, "s"  # never a formula
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def sheet_xlsx(sheet_title, headers, rows, widths=None, title_lines=()):
    """``rows``: iterable of lists of cell values (strings, numbers);
    ``title_lines``: lines of text above the headers (a listing's title,
    its criteria, its date), one cell each."""
    book = Workbook(write_only=True)
    title = sheet_text(sheet_title).translate(INVALID_TITLE_CHARS)[:31] or "Sheet"
    sheet = book.create_sheet(title=title)
    for index, width in enumerate(widths or (), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(8, width * 1.4)
    sheet.freeze_panes = f"A{len(title_lines) + 2}"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for line in title_lines:
        sheet.append([safe_cell(sheet, line, bold)])
    sheet.append([safe_cell(sheet, header, bold, wrap) for header in headers])
    for row in rows:
        sheet.append([safe_cell(sheet, value) for value in row])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def send(response, data, filename):
    response.setHeader("Content-Type", XLSX_TYPE)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return data


def report_xlsx(sheet_title, title_lines, sections, notes=(), widths=None):
    """A report on one sheet: title lines, then sections (a heading, its
    header row, its rows), then notes. ``sections``: [(heading, headers,
    rows, formats)], ``formats`` {column index: number format} for the
    numbers of that column (a share: ``0.0%``)."""
    book = Workbook(write_only=True)
    title = sheet_text(sheet_title).translate(INVALID_TITLE_CHARS)[:31] or "Sheet"
    sheet = book.create_sheet(title=title)
    for index, width in enumerate(widths or (), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(8, width * 1.4)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for line in title_lines:
        sheet.append([safe_cell(sheet, line, bold)])
    for heading, headers, rows, formats in sections:
        sheet.append([])
        sheet.append([safe_cell(sheet, heading, bold)])
        sheet.append([safe_cell(sheet, header, bold, wrap) for header in headers])
        for row in rows:
            cells = [safe_cell(sheet, value) for value in row]
            for index, number_format in (formats or {}).items():
                if not isinstance(row[index], str):
                    cells[index].number_format = number_format
            sheet.append(cells)
    if notes:
        sheet.append([])
    for note in notes:
        sheet.append([safe_cell(sheet, note)])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
