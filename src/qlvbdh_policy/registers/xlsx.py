"""Listings as XLSX sheets with Vietnamese headers (register books, search
results). Write-only mode: 10,000 rows stream without building a tree."""

from io import BytesIO
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INVALID_TITLE_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_xlsx(sheet_title, headers, rows, widths=None):
    """``rows``: iterable of lists of cell values (strings, numbers)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title.translate(INVALID_TITLE_CHARS)[:31])
    for index, width in enumerate(widths or (), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(8, width * 1.4)
    sheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    head = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.alignment = bold, wrap
        head.append(cell)
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def send(response, data, filename):
    response.setHeader("Content-Type", XLSX_TYPE)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return data
