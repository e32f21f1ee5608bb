"""The print mark (NĐ 30/2020 Phụ lục VI III.6.k: the system marks the
documents and data it prints): every PDF the system makes — the register
book, the phiếu, the search listing, the reports of issue 18 — carries at
the foot of each page who asked for it and when, in Vietnam time:
"In bởi <full name> (<user id>) lúc HH:MM dd/mm/yyyy".

A document's own uploaded PDF is left as filed unless the site setting
``qlvbdh.stamp_document_pdfs`` (off by default, profiles/default/registry/
printing.xml) asks for the same mark on its downloads: ``stamp_pdf`` adds
the line to each page's foot as a new content stream over the page
(pypdf), the stored file is not changed."""

from AccessControl import getSecurityManager
from io import BytesIO
from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_now
from qlvbdh_policy.vietnamese import in_vietnamese

import logging

logger = logging.getLogger(__name__)

STAMP_RECORD = "qlvbdh.stamp_document_pdfs"
MSG_MARK = _("Printed by ${name} (${userid}) at ${when}")
MSG_MARK_ANONYMOUS = _("Printed at ${when}")
FONT_SIZE = 7


def mark_text(request=None, user=None, when=None):
    """The mark for ``user`` (default: who is logged in) at ``when``
    (default: now), in Vietnamese."""
    if user is None:  # the security manager's: known outside a site too (scripts, tests)
        current = getSecurityManager().getUser()
        user = None if current is None or current.getUserName() == "Anonymous User" else current
    when = format_datetime(when or vietnam_now())
    if user is None:
        return in_vietnamese(_(MSG_MARK_ANONYMOUS, mapping={"when": when}), request)
    userid = user.getId()
    get = getattr(user, "getProperty", None)  # a script's special user has none
    name = (get("fullname", "") if get else "") or userid
    return in_vietnamese(_(MSG_MARK, mapping={"name": name, "userid": userid, "when": when}),
                         request)


def draw_mark(canvas, text, x, y, font_name):
    """The mark at (x, y) of a reportlab canvas, left-aligned."""
    canvas.saveState()
    canvas.setFont(font_name, FONT_SIZE)
    canvas.drawString(x, y, text)
    canvas.restoreState()


def stamping_enabled():
    """The site setting: downloads of a document's PDF carry the mark."""
    return bool(api.portal.get_registry_record(STAMP_RECORD, default=False))


def is_pdf(file):
    content_type = (getattr(file, "contentType", "") or "").split(";")[0].strip()
    return content_type == "application/pdf"


def _overlay(width, height, text):
    """One page of ``width`` × ``height`` points holding the mark alone."""
    from qlvbdh_policy.registers.pdf import mark_font
    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out, pagesize=(width, height))
    draw_mark(canvas, text, 12, 6, mark_font())
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def stamp_pdf(data, text):
    """``data`` (a PDF's bytes) with ``text`` at the foot of every page;
    a file pypdf cannot read (damaged, encrypted) is answered as it is,
    since the mark must not make a filed document unreadable."""
    from pypdf import PdfReader
    from pypdf import PdfWriter

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            return data
        writer = PdfWriter(clone_from=reader)
        overlays = {}
        for page in writer.pages:
            box = page.mediabox
            size = (float(box.width), float(box.height))
            if size not in overlays:
                overlays[size] = PdfReader(BytesIO(_overlay(*size, text))).pages[0]
            page.merge_page(overlays[size], over=True)
        out = BytesIO()
        writer.write(out)
        return out.getvalue()
    except Exception:  # a PDF pypdf cannot read is served unmarked, never refused
        logger.warning("print mark not added to a PDF pypdf cannot read", exc_info=True)
        return data
