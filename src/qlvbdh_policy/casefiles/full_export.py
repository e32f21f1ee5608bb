"""A case file's full export (NĐ 30/2020 Phụ lục VI III.4.g: its
documents, files and metadata as PDF and XML, in the order they were
formed), delivered as one ZIP:

- ``<notation>.pdf``: a cover and the mục lục văn bản trong hồ sơ (V.5),
  then each document's PDF files (its own file, then its attachments) in
  the order the documents were put in the case file (III.4.b), each one
  a bookmark; with the print mark on the pages the system writes;
- ``<notation>.xml``: the metadata, the case file's fields of Phụ lục VI
  Phần II mục III (FileCode, OrganId, FileCatalog, FileNotation, Title,
  Maintenance, Creator, StartDate, EndDate, DocTotal, PageTotal,
  Description …) and each document's (DocOrdinal, TypeName, CodeNumber,
  CodeNotation, IssuedDate, OrganName, Subject, PageAmount, SignerInfo …,
  as the agency export writes them), dates as yyyy-mm-dd;
- ``tai-lieu/``: the files that are no PDF (or a PDF that cannot be
  read), byte for byte, named after the document's order number.

Only what the reader may open goes in: a document he may not open is
listed by its order number alone."""

from io import BytesIO
from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.casefiles import exports
from qlvbdh_policy.exports import agency_export as A
from qlvbdh_policy.exports import print_mark
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.rules import agency_export as AR
from qlvbdh_policy.rules import case_files as R
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.vocabularies.case_file_vocabularies import RETENTION_TITLES
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type_map
from qlvbdh_policy.vocabularies.registry_vocabularies import term_map
from xml.etree import ElementTree as ET

import re
import zipfile

MSG_COVER_KIND = _("CASE FILE")
MSG_COVER_DATES = _("From ${opened} to ${closed}")
MSG_COVER_RETENTION = _("Retention period: ${retention}")
MSG_COVER_RESPONSIBLE = _("Person responsible: ${name}")
FILES_FOLDER = "tai-lieu"
#: the element of one item of a list in the XML, by the list's name
LIST_ITEMS = {"To": "Organ", "TraceHeaderList": "TraceHeader", "files": "File",
              "delivery": "Delivery", "Documents": "Document"}
_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _element(parent, name, value):
    """``value`` (dict, list, scalar) under ``parent`` as element ``name``."""
    tag = name if _XML_NAME.match(name) else "Field"
    node = ET.SubElement(parent, tag)
    if tag != name:
        node.set("name", name)
    if isinstance(value, dict):
        for key, item in value.items():
            _element(node, str(key), item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _element(node, LIST_ITEMS.get(name, "Item"), item)
    elif value is not None:
        node.text = _NOT_IN_XML.sub("", str(value).lower() if isinstance(value, bool)
                                    else str(value))
    return node


def case_file_metadata(case_file):
    """Phụ lục VI Phần II mục III of the case file (ISO dates)."""
    agency = agency_of(case_file)
    year = case_file.opened.year if case_file.opened else None
    retention = RETENTION_TITLES.get(case_file.retention)
    return AR.iso({
        "FileCode": R.file_code(getattr(agency, "agency_code", None), year, case_file.code),
        "OrganId": getattr(agency, "agency_code", None) or None,
        "OrganName": agency.title,
        "FileCatalog": year, "FileNotation": case_file.code, "Title": case_file.title,
        "Maintenance": exports._tr(retention, None) if retention else case_file.retention,
        "Rights": None, "Creator": exports._person(case_file.responsible),
        "Language": "Tiếng Việt", "StartDate": case_file.opened, "EndDate": case_file.closed,
        "DocTotal": len(case_file.documents or ()), "PageTotal": case_file.page_count,
        "Description": case_file.notes or None,
        "OutsidePlan": bool(case_file.outside_plan),
        "State": api.content.get_state(case_file, default=None),
    })


class _Context:
    """What the agency export's document reader needs, read once."""

    def __init__(self, request):
        self.request = request
        self.types, self.urgencies = document_type_map(), term_map("urgency")
        self.wftool = api.portal.get_tool("portal_workflow")
        self.agencies, self.containers = {}, {}
        for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
                portal_type="Agency"):
            other = brain._unrestrictedGetObject()
            self.agencies[brain.UID] = {"uid": brain.UID, "title": other.title,
                                        "code": getattr(other, "agency_code", None) or None}

    def metadata(self, doc):
        register = A._container_info(doc, self.containers)
        return AR.document_metadata(A._document(doc, register, self.types, self.urgencies,
                                                self.agencies, self.wftool, self.request))


def _documents(case_file):
    """(order, document or None) in the case file's order; None for one
    the reader may not open."""
    catalog = api.portal.get_tool("portal_catalog")
    for order, uid in R.numbered(case_file.documents or ()):
        brains = catalog.searchResults(UID=uid)
        yield order, brains[0].getObject() if brains else None


def _pdf_reader(data):
    from pypdf import PdfReader

    try:
        reader = PdfReader(BytesIO(data))
        return reader if not reader.is_encrypted and len(reader.pages) else None
    except Exception:  # a file pypdf cannot read goes beside the PDF, as it is
        return None


def _cover(case_file, request):
    tr = exports._tr
    retention = RETENTION_TITLES.get(case_file.retention)
    lines = [((agency_of(case_file).title or "").upper(), "cover_bold"),
             (tr(MSG_COVER_KIND, request), "cover_title"),
             (case_file.code or "", "cover_bold"), (case_file.title or "", "cover_bold"),
             (tr(MSG_COVER_DATES, request, opened=format_date(case_file.opened) or "…",
                 closed=format_date(case_file.closed) or "…"), "cover"),
             (tr(MSG_COVER_RETENTION, request,
                 retention=tr(retention, request) if retention else ""), "cover"),
             (tr(MSG_COVER_RESPONSIBLE, request,
                 name=exports._person(case_file.responsible)), "cover")]
    return lines


def _front(case_file, request):
    rows = [[exports._text(v) for v in row] for row in exports.toc_rows(case_file, request)]
    blocks = [("table", [exports._tr(h, request) for h in exports.TOC_HEADERS], rows,
               exports.TOC_WIDTHS, len(exports.TOC_HEADERS), False),
              ("text", exports._tr(exports.MSG_TOC_COUNT, request, count=len(rows)))]
    signature = ([], exports._tr(exports.MSG_MADE_BY, request),
                 exports._tr(exports.MSG_SIGN, request))
    return report_pdf.report_pdf(exports._heading(agency_of(case_file), request),
                                 exports._toc_lines(case_file, request), blocks, signature,
                                 cover=_cover(case_file, request))


def _file_entry(named, role, title, order, zip_name, pages):
    return {"name": named.filename, "role": role, "title": title,
            "content_type": named.contentType, "size": named.getSize(),
            "in_pdf": zip_name is None, "pdf_pages": pages, "zip_name": zip_name,
            "order": order}


def write_export(case_file, out, request=None):
    """The ZIP of the case file written to the file object ``out``."""
    from pypdf import PdfWriter

    context = _Context(request)
    writer = PdfWriter(clone_from=_pdf_reader(_front(case_file, request)))
    stamp = print_mark.mark_text(request) if print_mark.stamping_enabled() else None
    documents, loose = [], []
    for order, doc in _documents(case_file):
        if doc is None:
            documents.append({"DocOrdinal": order, "readable": False})
            continue
        meta = {"DocOrdinal": order, **context.metadata(doc)}
        files, first_page = [], None
        for role, title, named in A._files(doc):
            data = named.data
            reader = _pdf_reader(print_mark.stamp_pdf(data, stamp) if stamp else data)
            if reader is None:
                name = f"{FILES_FOLDER}/{order:03d}-" + AR.file_name(named.filename, set())
                loose.append((name, data))
                files.append(_file_entry(named, role, title, order, name, None))
                continue
            start = len(writer.pages)
            writer.append(reader)
            first_page = start if first_page is None else first_page
            files.append(_file_entry(named, role, title, order, None, len(reader.pages)))
        meta["files"] = files
        if first_page is not None:
            writer.add_outline_item(f"{order}. {doc.Title()}"[:200], first_page)
        documents.append(meta)
    xml = ET.Element("HoSo")
    for key, value in case_file_metadata(case_file).items():
        _element(xml, key, value)
    _element(xml, "Documents", AR.iso(documents))
    ET.indent(xml)
    base = AR.ascii_id(case_file.code or case_file.getId())
    pdf_out = BytesIO()
    writer.write(pdf_out)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{base}.pdf", pdf_out.getvalue())
        archive.writestr(f"{base}.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n'
                         + ET.tostring(xml, encoding="utf-8"))
        for name, data in loose:
            archive.writestr(name, data)
    return out


def export_filename(case_file):
    return f"ho-so-{AR.ascii_id(case_file.code or case_file.getId())}.zip"


def send_export(case_file, request):
    """The ZIP as an attachment (the page's link and REST alike)."""
    out = BytesIO()
    write_export(case_file, out, request)
    response = request.response
    response.setHeader("Content-Type", "application/zip")
    response.setHeader("Content-Disposition",
                       f'attachment; filename="{export_filename(case_file)}"')
    response.setHeader("Cache-Control", "no-store")
    return out.getvalue()
