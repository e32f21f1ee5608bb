"""Words inside attached files find the document: PDF (poppler's
pdftotext, on a PDF printed by Debian's Chromium), DOCX and ODT, once the
reading queue has run (registration itself never reads a file)."""

from browser import chromium_page
from domain_fixtures import incoming
from domain_fixtures import make_agency
from domain_fixtures import pdf
from plone import api
from qlvbdh_policy.rules.office_text import office_text
from qlvbdh_policy.search import extraction
from qlvbdh_policy.search.attachment_text import file_text

import io
import pytest
import zipfile

BODY = "Triển khai ứng dụng chữ ký số trong các cơ quan nhà nước trên địa bàn tỉnh"


@pytest.fixture(scope="module")
def printed_pdf():
    with chromium_page() as page:
        page.set_content(f"<html lang='vi'><body><h1>Kế hoạch</h1><p>{BODY}</p></body></html>")
        return page.pdf(format="A4")


def docx(text):
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
           'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
           f'{text}</w:t></w:r></w:p></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def odt(text):
    xml = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
           '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:'
           f'tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>{text}'
           '</text:p></office:text></office:body></office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("content.xml", xml)
    return out.getvalue()


def test_office_text_reads_docx_and_odt():
    assert office_text(docx("Báo cáo quý IV"), "bc.docx") == "Báo cáo quý IV"
    assert office_text(odt("Tờ trình dự toán"), "tt.odt") == "Tờ trình dự toán"
    assert office_text(b"not a zip", "x.docx") == ""


def find(query):
    return {b.UID for b in api.content.find(unrestricted=True, SearchableText=query,
                                            portal_type="IncomingDocument")}


def run_queue():
    with api.env.adopt_roles(["Manager"]):
        return extraction.run_all()


def test_words_inside_a_pdf(portal, printed_pdf):
    doc = incoming(make_agency(portal)["den-2026"], title="Kế hoạch năm 2027",
                   file=pdf("kh.pdf", printed_pdf))
    assert find("chu ky so") == set()  # not read yet: waiting in the queue
    assert file_text(doc, doc.file) == ""
    assert run_queue()["read"] == 1
    assert "chữ ký số" in file_text(doc, doc.file)
    assert extraction.status(doc)["status"] == extraction.DONE
    assert find("chu ky so") == {doc.UID()}
    assert find("địa bàn tỉnh") == {doc.UID()}


def test_words_inside_attachments(portal):
    from plone.namedfile.file import NamedBlobFile

    doc = incoming(make_agency(portal)["den-2026"], title="Tờ trình")
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=doc, type="File", id="bc.docx", title="Báo cáo",
                           file=NamedBlobFile(docx("Quyết toán ngân sách xã"), filename="bc.docx"))
        api.content.create(container=doc, type="File", id="tt.odt", title="Tờ trình",
                           file=NamedBlobFile(odt("Sáp nhập đơn vị hành chính"), filename="tt.odt"))
    assert find("quyet toan ngan sach") == set()
    assert run_queue()["read"] == 2
    assert find("quyet toan ngan sach") == {doc.UID()}
    assert find("sap nhap don vi") == {doc.UID()}


def test_text_is_extracted_once_per_file_version(portal, printed_pdf, monkeypatch):
    doc = incoming(make_agency(portal)["den-2026"], title="Kế hoạch",
                   file=pdf("kh.pdf", printed_pdf))
    find("x")
    assert extraction.pending_count() == 1
    run_queue()
    assert find("chu ky so") == {doc.UID()}  # indexed, text extracted
    calls = []
    monkeypatch.setattr(extraction, "read_text",
                        lambda kind, path: calls.append(path) or ("", None))
    doc.title = "Kế hoạch năm 2027"
    doc.reindexObject()
    assert find("chu ky so") == {doc.UID()}  # the queue is processed: text from the cache
    assert extraction.pending_count() == 0
    assert calls == []
    from qlvbdh_policy.search import text_cache
    from zope.annotation.interfaces import IAnnotations

    del IAnnotations(doc)[text_cache.KEY]  # a new file version would do the same
    doc.reindexObject(idxs=["SearchableText"])
    find("anything")
    assert calls == [] and extraction.pending_count() == 1  # queued, not read in the request
    run_queue()
    assert len(calls) == 1


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory):
    """An image-only PDF, as a scanner makes: a screenshot of Vietnamese
    text, saved as PDF by Pillow (no text layer)."""
    from PIL import Image

    with chromium_page(width=1400, height=400) as page:
        page.set_content(
            "<html lang='vi'><body style='font: 40px DejaVu Sans; margin: 40px'>"
            "<p>QUYẾT ĐỊNH phê duyệt kế hoạch chuyển đổi số</p>"
            "<p>Sở Thông tin và Truyền thông tỉnh Tiền Giang</p></body></html>")
        png = tmp_path_factory.mktemp("scan") / "scan.png"
        page.screenshot(path=str(png))
    out = io.BytesIO()
    Image.open(png).convert("RGB").save(out, "PDF", resolution=150)
    return out.getvalue()


def test_scanned_pdf_is_read_by_ocr_outside_the_request(portal, scanned_pdf):
    from qlvbdh_policy.search import ocr

    doc = incoming(make_agency(portal)["den-2026"], title="Văn bản scan",
                   file=pdf("scan.pdf", scanned_pdf))
    assert find("chuyen doi so") == set()  # not read yet
    assert extraction.pending_count() == 1 and ocr.pending_count() == 0
    with api.env.adopt_roles(["Manager"]):
        assert extraction.run_queue() == 1  # no text layer: on to OCR
    assert ocr.status(doc) == ocr.PENDING and ocr.pending_count() == 1
    assert find("chuyen doi so") == set()
    with api.env.adopt_roles(["Manager"]):
        assert ocr.run_queue() == 1
    assert ocr.status(doc) == ocr.DONE and ocr.pending_count() == 0
    assert find("chuyen doi so") == {doc.UID()}
    assert find("Truyền thông") == {doc.UID()}
    doc.reindexObject()
    find("x")
    assert ocr.pending_count() == 0  # the OCR text is kept, not queued again
    assert extraction.pending_count() == 0
