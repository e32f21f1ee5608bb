"""A report as an administrative document, as PDF (NĐ 30/2020 Phụ lục I:
the layout of a văn bản hành chính), A4 landscape so that a table of
indicators fits across:

- the heading: the issuing agency's name on the left (ô số 2) with the
  number line under it (ô số 3); the national motto "CỘNG HÒA XÃ HỘI CHỦ
  NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" on the right (ô số 1) with
  place and date under it, in italics (ô số 4);
- the title ("BÁO CÁO" and what about, ô số 5b), then the body: headings,
  sentences and tables;
- "Nơi nhận:" on the left (ô số 9b), the signer's title and room for the
  signature and seal on the right (ô số 7), ready to sign;
- optionally a cover page before all of it (the Điều 13 report).

The caller passes translated text; the fonts and the foot of each page
(page number, print mark) are those of registers/pdf.py.
"""

from html import escape
from io import BytesIO
from pathlib import Path
from qlvbdh_policy.registers import pdf
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.enums import TA_LEFT
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

ITALIC, BOLD_ITALIC = "QlvbdhSerif-Italic", "QlvbdhSerif-BoldItalic"
OPTIONAL_FONTS = {ITALIC: "DejaVuSerif-Italic.ttf", BOLD_ITALIC: "DejaVuSerif-BoldItalic.ttf"}
MARGIN = 15 * mm


def _fonts():
    """Regular and bold (required), italics where installed (Debian's
    fonts-dejavu-extra); without them italic text is set upright."""
    regular = pdf.mark_font()
    found = {}
    for name, filename in OPTIONAL_FONTS.items():
        if name in pdfmetrics.getRegisteredFontNames():
            found[name] = name
            continue
        path = next((Path(d) / filename for d in pdf.FONT_DIRS
                     if (Path(d) / filename).exists()), None)
        if path is not None:
            pdfmetrics.registerFont(TTFont(name, str(path)))
            found[name] = name
    return {"regular": regular, "bold": pdf.BOLD, "italic": found.get(ITALIC, regular),
            "bold_italic": found.get(BOLD_ITALIC, pdf.BOLD)}


def _styles():
    f = _fonts()
    base = ParagraphStyle("r-base", fontName=f["regular"], fontSize=12, leading=16)
    center = dict(parent=base, alignment=TA_CENTER)
    return {
        "agency": ParagraphStyle("r-agency", fontName=f["bold"], fontSize=12, leading=15,
                                 **center),
        "parent": ParagraphStyle("r-parent", fontSize=12, leading=15, **center),
        "number": ParagraphStyle("r-number", fontSize=12, **center),
        "motto": ParagraphStyle("r-motto", fontName=f["bold"], fontSize=12, leading=15, **center),
        "slogan": ParagraphStyle("r-slogan", fontName=f["bold"], fontSize=13, leading=16,
                                 **center),
        "place": ParagraphStyle("r-place", fontName=f["italic"], fontSize=13, **center),
        "title": ParagraphStyle("r-title", fontName=f["bold"], fontSize=14, leading=18,
                                spaceBefore=8, **center),
        "subtitle": ParagraphStyle("r-subtitle", fontName=f["bold"], fontSize=13, leading=17,
                                   **center),
        "period": ParagraphStyle("r-period", fontName=f["italic"], fontSize=13, spaceAfter=8,
                                 **center),
        "heading": ParagraphStyle("r-heading", parent=base, fontName=f["bold"], fontSize=13,
                                  spaceBefore=8, spaceAfter=4, alignment=TA_LEFT,
                                  keepWithNext=1),
        "text": ParagraphStyle("r-text", parent=base, fontSize=13, leading=18,
                               firstLineIndent=10 * mm, spaceAfter=3),
        "cell": ParagraphStyle("r-cell", parent=base, fontSize=9, leading=11),
        "number_cell": ParagraphStyle("r-ncell", parent=base, fontSize=9, leading=11,
                                      alignment=2),
        "head": ParagraphStyle("r-head", parent=base, fontName=f["bold"], fontSize=9,
                               leading=11, alignment=TA_CENTER),
        "recipients_title": ParagraphStyle("r-rt", parent=base, fontName=f["bold_italic"],
                                           fontSize=12),
        "recipients": ParagraphStyle("r-rec", parent=base, fontSize=11, leading=14),
        "signer": ParagraphStyle("r-signer", fontName=f["bold"], fontSize=13, leading=17,
                                 **center),
        "signer_note": ParagraphStyle("r-note", fontName=f["italic"], fontSize=12, **center),
        "cover_title": ParagraphStyle("r-ct", fontName=f["bold"], fontSize=22, leading=30,
                                      spaceBefore=30, spaceAfter=16, **center),
        "cover": ParagraphStyle("r-cover", fontSize=14, leading=20, **center),
        "cover_bold": ParagraphStyle("r-cb", fontName=f["bold"], fontSize=15, leading=21,
                                     **center),
    }


class Heading:
    """What the heading of the document says (Phụ lục I ô số 1–4)."""

    def __init__(self, issuer_lines, number_line, place_date,
                 motto="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 slogan="Độc lập - Tự do - Hạnh phúc"):
        self.issuer_lines, self.number_line, self.place_date = issuer_lines, number_line, \
            place_date
        self.motto, self.slogan = motto, slogan


def _heading(heading, styles, width):
    # the governing body upright (ô số 2: tên cơ quan chủ quản), the issuer in bold
    *parents, issuer = heading.issuer_lines
    left = [pdf._p(line, styles["parent"]) for line in parents]
    left.append(pdf._p(issuer, styles["agency"]))
    left += [Spacer(1, 2 * mm), pdf._p(heading.number_line, styles["number"])]
    right = [pdf._p(heading.motto, styles["motto"]),
             _underlined(heading.slogan, styles["slogan"]),
             Spacer(1, 2 * mm), pdf._p(heading.place_date, styles["place"])]
    table = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _underlined(text, style):
    """The slogan with the line under it (Phụ lục I II.1.b)."""
    return Paragraph(f"<u>{escape(unicodedata.normalize('NFC', text))}</u>", style)


def _table(headers, rows, widths, usable, styles, numeric_from, total_row=False):
    total = float(sum(widths)) or 1.0
    col_widths = [usable * w / total for w in widths]

    def cell(index, value, bold):
        style = styles["number_cell"] if index >= numeric_from else styles["cell"]
        return pdf._p(value, ParagraphStyle(f"{style.name}-b", parent=style,
                                            fontName=pdf.BOLD) if bold else style)

    last = len(rows) - 1
    data = [[pdf._p(h, styles["head"]) for h in headers]]
    data += [[cell(i, value, total_row and n == last) for i, value in enumerate(row)]
             for n, row in enumerate(rows)]
    table = Table(data, colWidths=col_widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _signature(signature, styles, width):
    recipients, signer_title, signer_note = signature
    left = [pdf._p(recipients[0], styles["recipients_title"])] if recipients else []
    left += [pdf._p(line, styles["recipients"]) for line in recipients[1:]]
    right = [pdf._p(signer_title, styles["signer"]), pdf._p(signer_note, styles["signer_note"]),
             Spacer(1, 30 * mm)]
    table = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def report_pdf(heading, title_lines, blocks, signature, cover=(), mark=None,
               page_label="Trang"):
    """The report's bytes.

    :param heading: a ``Heading``
    :param title_lines: ["BÁO CÁO", what about, the period]
    :param blocks: [("heading", text) | ("text", text) |
        ("table", headers, rows, widths, numeric_from, total_row)]: numbers
        from column ``numeric_from`` on are set to the right; the last row
        in bold when ``total_row``
    :param signature: ([“Nơi nhận:”, "- …;", …], signer's title, note)
    :param cover: [(text, style)] of a cover page, style one of cover_title,
        cover, cover_bold; none by default
    """
    styles = _styles()
    out = BytesIO()
    pagesize = landscape(A4)
    doc = SimpleDocTemplate(out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN,
                            title=" ".join(title_lines[:2]))
    usable = pagesize[0] - 2 * MARGIN
    story = []
    if cover:
        story += [pdf._p(text, styles[style]) for text, style in cover] + [PageBreak()]
    story.append(_heading(heading, styles, usable))
    story.append(Spacer(1, 6 * mm))
    title_styles = ["title", "subtitle", "period"]
    story += [pdf._p(line, styles[title_styles[min(i, 2)]]) for i, line in enumerate(title_lines)]
    for block in blocks:
        if block[0] == "table":
            story.append(_table(*block[1:4], usable, styles, *block[4:]))
            story.append(Spacer(1, 3 * mm))
        else:
            story.append(pdf._p(block[1], styles[block[0]]))
    story.append(Spacer(1, 8 * mm))
    story.append(_signature(signature, styles, usable))
    footer = pdf._page_number(page_label, mark)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


PDF_TYPE = "application/pdf"


def send(response, data, filename):
    """The PDF as an attachment."""
    response.setHeader("Content-Type", PDF_TYPE)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return data
