"""PDF of the register books (A4 landscape: cover, then the columns, the
"ký nhận" column left blank for signatures) and of the phiếu giải quyết.

The caller passes translated text; this module only lays it out, and
puts the print mark (exports/print_mark.py, NĐ 30/2020 Phụ lục VI
III.6.k: who printed it, when) at the foot of every page: the caller's
``mark``, or the mark of whoever is logged in now. Text is
set in DejaVu Serif (Debian's fonts-dejavu-core), which has every
precomposed Vietnamese letter; text is NFC-normalised first, since
reportlab does not compose combining marks.
"""

from html import escape
from io import BytesIO
from pathlib import Path
from qlvbdh_policy.exports import print_mark
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

import unicodedata

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
FONTS = {"QlvbdhSerif": "DejaVuSerif.ttf", "QlvbdhSerif-Bold": "DejaVuSerif-Bold.ttf"}
REGULAR, BOLD = "QlvbdhSerif", "QlvbdhSerif-Bold"


class FontMissing(RuntimeError):
    """The Vietnamese font is not installed (Debian: fonts-dejavu-core)."""


def _register_fonts():
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in FONTS.items():
        path = next((d / filename for d in FONT_DIRS if (d / filename).exists()), None)
        if path is None:
            raise FontMissing(f"{filename} not found: apt-get install fonts-dejavu-core")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)


def mark_font():
    """The font name the print mark is drawn in (registered on first use)."""
    _register_fonts()
    return REGULAR


def _styles():
    base = ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=10)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, alignment=TA_CENTER),
        "normal": ParagraphStyle("normal", parent=base, fontSize=12, leading=16),
        "center": ParagraphStyle("center", parent=base, fontSize=13, leading=18,
                                 alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", parent=base, fontName=BOLD, fontSize=13,
                                  leading=18, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=22,
                                leading=30, alignment=TA_CENTER, spaceBefore=40,
                                spaceAfter=20),
    }


def _p(text, style):
    text = unicodedata.normalize("NFC", str(text or ""))
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _page_number(label, mark=None):
    """Each page's foot: the page number on the right, the print mark on
    the left (``mark`` None: the mark of whoever is logged in now)."""
    mark = print_mark.mark_text() if mark is None else mark

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.drawRightString(doc.pagesize[0] - 12 * mm, 7 * mm, f"{label} {doc.page}")
        canvas.restoreState()
        if mark:
            print_mark.draw_mark(canvas, unicodedata.normalize("NFC", mark), 12 * mm,
                                 7 * mm, REGULAR)
    return draw


def _cover(lines, styles):
    """``lines``: [(text, style name)], style one of title, heading, center, normal."""
    return [_p(text, styles[style]) for text, style in lines] + [PageBreak()]


def book_pdf(cover_lines, headers, widths, rows, page_label="Trang", empty_text="",
             mark=None):
    """The book: a cover page, then one table (headers repeated on each page,
    the column numbers (1)…(n) under them, as in Phụ lục IV)."""
    _register_fonts()
    styles = _styles()
    out = BytesIO()
    pagesize = landscape(A4)
    doc = SimpleDocTemplate(out, pagesize=pagesize, leftMargin=12 * mm,
                            rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
                            title=cover_lines[0][0] if cover_lines else "")
    usable = pagesize[0] - 24 * mm
    total = float(sum(widths))
    col_widths = [usable * w / total for w in widths]
    data = [[_p(h, styles["head"]) for h in headers],
            [_p(f"({i})", styles["head"]) for i in range(1, len(headers) + 1)]]
    data += [[_p(cell, styles["cell"]) for cell in row] for row in rows]
    story = _cover(cover_lines, styles)
    table = Table(data, colWidths=col_widths, repeatRows=2)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 1), colors.Color(0.92, 0.92, 0.92)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 2), (-1, -1), 12),  # room to sign in "ký nhận"
    ]) if rows else TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story.append(table)
    if not rows and empty_text:
        story += [Spacer(1, 6 * mm), _p(empty_text, styles["normal"])]
    footer = _page_number(page_label, mark)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def sheet_pdf(heading_lines, sections, page_label="Trang",
              mark=None):
    """A one-document form (phiếu), A4 portrait: heading lines, then
    sections [(title, [lines])]."""
    _register_fonts()
    styles = _styles()
    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm,
                            title=heading_lines[0][0] if heading_lines else "")
    story = [_p(text, styles[style]) for text, style in heading_lines]
    story.append(Spacer(1, 8 * mm))
    for title, lines in sections:
        story.append(_p(title, ParagraphStyle("section", parent=styles["normal"],
                                              fontName=BOLD, spaceBefore=10)))
        story += [_p(line, styles["normal"]) for line in lines]
        story.append(Spacer(1, 14 * mm))
    footer = _page_number(page_label, mark)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def listing_pdf(title_lines, headers, widths, rows, page_label="Trang", empty_text="",
                mark=None):
    """A listing (the search results), A4 landscape: title lines, then one
    table whose header row repeats on each page. Text is stripped of what
    a PDF page cannot show (control characters) and escaped."""
    from qlvbdh_policy.exports.xlsx import sheet_text

    _register_fonts()
    styles = _styles()
    out = BytesIO()
    pagesize = landscape(A4)
    doc = SimpleDocTemplate(out, pagesize=pagesize, leftMargin=12 * mm,
                            rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
                            title=title_lines[0][0] if title_lines else "")
    usable = pagesize[0] - 24 * mm
    total = float(sum(widths)) or 1.0
    col_widths = [usable * w / total for w in widths]
    clean = lambda text: sheet_text(str(text or ""))  # noqa: E731
    story = [_p(clean(text), styles[style]) for text, style in title_lines]
    story.append(Spacer(1, 4 * mm))
    data = [[_p(clean(h), styles["head"]) for h in headers]]
    data += [[_p(clean(cell), styles["cell"]) for cell in row] for row in rows]
    table = Table(data, colWidths=col_widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(table)
    if not rows and empty_text:
        story += [Spacer(1, 6 * mm), _p(clean(empty_text), styles["normal"])]
    footer = _page_number(page_label, mark)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
