"""The agency's own digital signature on a PDF (ký số của cơ quan, NĐ
30/2020 Phụ lục I, I.1.b and II.4: the agency's signature on an issued
document), with pyHanko from a PKCS#12 key and certificate.

The visible stamp is what Phụ lục I describes for the agency's signature:
the agency's seal image (red, at its real size, a transparent PNG), its
name and the time of signing "ngày/tháng/năm giờ:phút:giây" with Vietnam's
time zone as ISO 8601 writes it (+07:00). It is drawn with reportlab in
DejaVu Serif (every Vietnamese letter) as a one-page PDF, which pyHanko
puts in the signature field's appearance: the signature is an
incremental update, so the leader's own signature already in the file
(made on the leader's token, outside the server) stays valid.
"""

from io import BytesIO
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields
from pyhanko.sign import signers
from pyhanko.stamp import StaticStampStyle
from qlvbdh_policy.registers.pdf import BOLD
from qlvbdh_policy.registers.pdf import mark_font
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import os
import tempfile
import unicodedata

FIELD = "ChuKySoCoQuan"
WIDTH, HEIGHT = 230, 72  # points: the seal (60 pt, ~21 mm shown) and three lines
SEAL = 64
MARGIN = 36


def signing_time_text(moment):
    """dd/mm/yyyy HH:MM:SS +07:00 (``moment`` in Vietnam time)."""
    offset = moment.strftime("%z")  # +0700
    return moment.strftime("%d/%m/%Y %H:%M:%S ") + f"{offset[:3]}:{offset[3:]}"


def stamp_lines(agency_name, moment):
    return [unicodedata.normalize("NFC", agency_name),
            f"Thời gian ký: {signing_time_text(moment)}"]


def stamp_pdf(agency_name, moment, seal_png=None):
    """The stamp as a one-page PDF of WIDTH × HEIGHT points."""
    out = BytesIO()
    page = canvas.Canvas(out, pagesize=(WIDTH, HEIGHT))
    regular = mark_font()
    text_left = 4
    if seal_png:
        page.drawImage(ImageReader(BytesIO(seal_png)), 2, (HEIGHT - SEAL) / 2, SEAL, SEAL,
                       mask="auto", preserveAspectRatio=True)
        text_left = SEAL * 2 / 3 + 4  # the seal covers part of the text's left, as on paper
    name, when = stamp_lines(agency_name, moment)
    page.setFillColorRGB(0.75, 0, 0)
    page.setFont(BOLD, 8)
    page.drawString(text_left, HEIGHT - 24, "Ký bởi: " + name)
    page.setFont(regular, 7.5)
    page.drawString(text_left, HEIGHT - 38, when)
    page.save()
    return out.getvalue()


def _last_page_box(writer):
    pages = writer.root["/Pages"]
    count = int(pages["/Count"])
    page = writer.find_page_for_modification(count - 1)[0].get_object()
    x1, y1, x2, y2 = (float(v) for v in page.get("/MediaBox", [0, 0, 595, 842]))
    return count - 1, (x1, y1, x2, y2)


def sign_pdf(data, p12, password, agency_name, moment, seal_png=None):
    """``data`` signed by the key of ``p12`` (bytes of a PKCS#12 file,
    ``password`` its password as text), with the stamp at the foot of the
    last page, right.

    :raises: ValueError when the PKCS#12 cannot be opened with the password
        or ``data`` is no PDF"""
    signer = signers.SimpleSigner.load_pkcs12_data(
        p12, other_certs=[], passphrase=password.encode("utf-8") if password else None)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
        page_ix, (x1, y1, x2, _y2) = _last_page_box(writer)
    except Exception as error:  # pyHanko's many kinds of a broken file
        raise ValueError(str(error)) from error
    box = (int(x2 - MARGIN - WIDTH), int(y1 + MARGIN), int(x2 - MARGIN), int(y1 + MARGIN + HEIGHT))
    field_name = f"{FIELD}{moment:%Y%m%d%H%M%S}"  # once per signing: a second one is new
    meta = signers.PdfSignatureMetadata(field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES,
                                        name=agency_name, reason="Ký số của cơ quan")
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as stamp_file:
        stamp_file.write(stamp_pdf(agency_name, moment, seal_png))
    try:
        style = StaticStampStyle.from_pdf_file(stamp_file.name, border_width=0)
        pdf_signer = signers.PdfSigner(
            meta, signer=signer, stamp_style=style,
            new_field_spec=fields.SigFieldSpec(field_name, on_page=page_ix, box=box))
        return pdf_signer.sign_pdf(writer).getvalue()
    finally:
        os.unlink(stamp_file.name)
