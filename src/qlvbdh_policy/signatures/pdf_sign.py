"""The agency's own digital signature on a PDF (ký số của cơ quan, NĐ
30/2020 Phụ lục I, I.1.b and II.4: the agency's signature on an issued
document), with pyHanko from a PKCS#12 key and certificate. The signature
is an incremental update, so the leader's own signature already in the
file (made on the leader's token, outside the server) stays valid.

Where it goes and what it shows (Phụ lục I, Phần II, mục 8.a): "Hình
ảnh, vị trí chữ ký số của cơ quan, tổ chức là hình ảnh dấu … màu đỏ,
kích thước bằng kích thước thực tế của dấu, định dạng (.png) nền trong
suốt, trùm lên khoảng 1/3 hình ảnh chữ ký số của người có thẩm quyền về
bên trái".

- When the file carries the leader's *visible* signature (a signed
  signature field whose widget has an area) and the agency's seal image
  is installed, the agency's signature shows the seal alone, at its real
  size (from the PNG's resolution, else ``SEAL_MM``), on that widget's
  page, its right edge at one third of the widget's width and centred on
  it vertically: it covers about the left third of the leader's signature
  image, as a paper seal covers the signature (Điều 33 khoản 1.b of the
  decree). The agency's name and the
  signing time are in the signature itself (its certificate and time),
  which every reader and this system's check show.
- Otherwise — the leader's signature is invisible (many tokens sign so),
  there is none, or no seal image is installed — there is no signature
  image to lay the seal on: the stamp is drawn at the foot of the last
  page, right (where the signature block of NĐ 30 forms stands), as the
  seal (when installed), the agency's name and the time of signing
  "ngày/tháng/năm giờ:phút:giây" with Vietnam's time zone as ISO 8601
  writes it (+07:00), so that a reader of the printed page still sees who
  signed and when.

The stamps are drawn with reportlab in DejaVu Serif (every Vietnamese
letter) as a one-page PDF, which pyHanko puts in the signature field's
appearance.
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
SEAL = 64  # the seal in the foot stamp
MARGIN = 36
SEAL_MM = 36  # a seal's real diameter when its PNG does not say (round seals: 32–42 mm)
POINTS_PER_MM = 72 / 25.4


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


def seal_size(seal_png):
    """The seal's side in points: its real size from the PNG's resolution
    (pHYs), else ``SEAL_MM`` millimetres."""
    from PIL import Image

    try:
        with Image.open(BytesIO(seal_png)) as image:
            width, dpi = image.size[0], (image.info.get("dpi") or (0, 0))[0]
    except Exception:  # an unreadable image: reportlab will say so
        return SEAL_MM * POINTS_PER_MM
    if dpi and dpi > 1:
        return min(max(width / float(dpi) * 72, 20 * POINTS_PER_MM), 60 * POINTS_PER_MM)
    return SEAL_MM * POINTS_PER_MM


def seal_pdf(seal_png, side):
    """The seal alone as a one-page PDF of ``side`` × ``side`` points."""
    out = BytesIO()
    page = canvas.Canvas(out, pagesize=(side, side))
    page.drawImage(ImageReader(BytesIO(seal_png)), 0, 0, side, side, mask="auto",
                   preserveAspectRatio=True)
    page.save()
    return out.getvalue()


def _page_count(writer):
    return int(writer.root["/Pages"]["/Count"])


def _page(writer, index):
    return writer.find_page_for_modification(index)[0].get_object()


def _box(page):
    return tuple(float(v) for v in page.get("/MediaBox", [0, 0, 595, 842]))


def _inherited(annot, key):
    while annot is not None:
        if key in annot:
            return annot[key]
        annot = annot.get("/Parent")
        annot = annot.get_object() if annot is not None else None
    return None


def leader_widgets(writer):
    """[(page index, (x1, y1, x2, y2))] of the file's visible, signed
    signature widgets, in page order (the agency's own left out)."""
    found = []
    for index in range(_page_count(writer)):
        annots = _page(writer, index).get("/Annots") or []
        for annot in annots.get_object() if hasattr(annots, "get_object") else annots:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Widget" or _inherited(annot, "/FT") != "/Sig":
                continue
            if _inherited(annot, "/V") is None or str(_inherited(annot, "/T") or "").startswith(
                    FIELD):
                continue
            x1, y1, x2, y2 = (float(v) for v in annot.get("/Rect", [0, 0, 0, 0]))
            x1, x2, y1, y2 = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
            if x2 - x1 > 1 and y2 - y1 > 1:
                found.append((index, (x1, y1, x2, y2)))
    return found


def over_left_third(widget, side, page_box):
    """The seal's box: its right edge at a third of the widget's width, its
    centre at the widget's height, kept inside the page."""
    x1, y1, x2, y2 = widget
    right = x1 + (x2 - x1) / 3
    bottom = (y1 + y2) / 2 - side / 2
    px1, py1, px2, py2 = page_box
    left = max(px1, right - side)
    bottom = min(max(py1, bottom), py2 - side)
    return (int(round(left)), int(round(bottom)), int(round(left + side)),
            int(round(bottom + side)))


def placement(writer, agency_name, moment, seal_png=None):
    """(page index, box, stamp PDF bytes): over the leader's visible
    signature, else at the foot of the last page (see the module doc)."""
    widgets = leader_widgets(writer) if seal_png else []
    if widgets:
        page_ix, widget = widgets[-1]
        side = seal_size(seal_png)
        return (page_ix, over_left_third(widget, side, _box(_page(writer, page_ix))),
                seal_pdf(seal_png, side))
    page_ix = _page_count(writer) - 1
    _x1, y1, x2, _y2 = _box(_page(writer, page_ix))
    box = (int(x2 - MARGIN - WIDTH), int(y1 + MARGIN), int(x2 - MARGIN), int(y1 + MARGIN + HEIGHT))
    return page_ix, box, stamp_pdf(agency_name, moment, seal_png)


def sign_pdf(data, p12, password, agency_name, moment, seal_png=None):
    """``data`` signed by the key of ``p12`` (bytes of a PKCS#12 file,
    ``password`` its password as text), its appearance where ``placement``
    puts it.

    :raises: ValueError when the PKCS#12 cannot be opened with the password
        or ``data`` is no PDF"""
    signer = signers.SimpleSigner.load_pkcs12_data(
        p12, other_certs=[], passphrase=password.encode("utf-8") if password else None)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
        page_ix, box, stamp = placement(writer, agency_name, moment, seal_png)
    except Exception as error:  # pyHanko's many kinds of a broken file
        raise ValueError(str(error)) from error
    field_name = f"{FIELD}{moment:%Y%m%d%H%M%S}"  # once per signing: a second one is new
    meta = signers.PdfSignatureMetadata(field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES,
                                        name=agency_name, reason="Ký số của cơ quan")
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as stamp_file:
        stamp_file.write(stamp)
    try:
        style = StaticStampStyle.from_pdf_file(stamp_file.name, border_width=0)
        pdf_signer = signers.PdfSigner(
            meta, signer=signer, stamp_style=style,
            new_field_spec=fields.SigFieldSpec(field_name, on_page=page_ix, box=box))
        return pdf_signer.sign_pdf(writer).getvalue()
    finally:
        os.unlink(stamp_file.name)
