"""Text of Word (DOCX) and OpenDocument (ODT) files, for full-text search:
both are zip files of XML; a paragraph becomes a line."""

from xml.etree import ElementTree

import io
import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_XML_BYTES = 50 * 1024 * 1024  # a zip bomb stops here


def _xml(data, member):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(member)
        if info.file_size > MAX_XML_BYTES:
            return None
        return ElementTree.fromstring(z.read(member))


def docx_text(data):
    root = _xml(data, "word/document.xml")
    if root is None:
        return ""
    lines = []
    for paragraph in root.iter(W + "p"):
        lines.append("".join(t.text or "" for t in paragraph.iter(W + "t")))
    return "\n".join(line for line in lines if line)


def odt_text(data):
    root = _xml(data, "content.xml")
    if root is None:
        return ""
    lines = []
    for tag in (TEXT + "p", TEXT + "h"):
        for paragraph in root.iter(tag):
            lines.append("".join(paragraph.itertext()))
    return "\n".join(line for line in lines if line)


def office_text(data, filename):
    """The text of a .docx or .odt file; '' for anything else or a broken file."""
    name = (filename or "").lower()
    try:
        if name.endswith(".docx"):
            return docx_text(data)
        if name.endswith(".odt"):
            return odt_text(data)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return ""
    return ""
