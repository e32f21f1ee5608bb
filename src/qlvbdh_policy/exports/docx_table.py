"""Listings as DOCX (the search results, NĐ 30/2020 Phụ lục VI §III.6.h):
title lines, then one table whose header row repeats on each page; A4
landscape, Times New Roman as Vietnamese administrative documents are
set (NĐ 30/2020 Phụ lục I).

A minimal WordprocessingML package written with the standard library
(no python-docx): [Content_Types].xml, the package relationships and
word/document.xml. Every text goes through ``xlsx.sheet_text`` (no
character an XML document cannot carry) and is escaped; a DOCX has no
formulas, so a text starting with "=" stays text.
"""

from io import BytesIO
from qlvbdh_policy.exports.xlsx import sheet_text
from xml.sax.saxutils import escape

import unicodedata
import zipfile

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Times New Roman"
# A4 landscape in twentieths of a point; 2 cm margins
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 16838, 11906, 1134

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>')


def docx_text(value):
    """The text as a DOCX can hold it (NFC, no control characters)."""
    return sheet_text(unicodedata.normalize("NFC", str(value or "")))


def _run(text, size, bold=False):
    props = (f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
             + ("<w:b/>" if bold else "") + f'<w:sz w:val="{size}"/></w:rPr>')
    lines = docx_text(text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{props}{body}</w:r>"


def _paragraph(text, size=22, bold=False, center=False):
    props = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    return f"<w:p>{props}{_run(text, size, bold)}</w:p>"


def _cell(text, width, bold=False):
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"{_paragraph(text, size=20, bold=bold)}</w:tc>")


def table_docx(title_lines, headers, rows, widths=None, empty_text=""):
    """``title_lines``: [(text, bold)] above the table; ``rows``: lists of
    cell strings; ``widths``: shares of the page's width."""
    usable = PAGE_WIDTH - 2 * MARGIN
    widths = list(widths or [1] * len(headers))
    total = float(sum(widths)) or 1.0
    twips = [max(400, int(usable * w / total)) for w in widths]
    parts = [_paragraph(text, size=26 if bold else 22, bold=bold, center=True)
             for text, bold in title_lines]
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{t}"/>' for t in twips)
    head = ('<w:tr><w:trPr><w:tblHeader/></w:trPr>'
            + "".join(_cell(h, t, bold=True) for h, t in zip(headers, twips)) + "</w:tr>")
    body = "".join("<w:tr>" + "".join(_cell(v, t) for v, t in zip(row, twips)) + "</w:tr>"
                   for row in rows)
    parts.append(f'<w:tbl><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
                 f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                 f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{head}{body}</w:tbl>")
    if not rows and empty_text:
        parts.append(_paragraph(empty_text))
    section = (f'<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}" w:orient="landscape"/>'
               f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" '
               f'w:left="{MARGIN}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>')
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W}"><w:body>{"".join(parts)}{section}'
                "</w:body></w:document>")
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        package.writestr("word/document.xml", document)
    return out.getvalue()


def send(response, data, filename):
    response.setHeader("Content-Type", DOCX_TYPE)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return data
