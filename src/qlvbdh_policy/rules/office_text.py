"""Text of Word (DOCX) and OpenDocument (ODT) files, for full-text search:
both are zip files of XML; a paragraph becomes a line.

A user's file is hostile until read: a 3.7 KB .docx of 200,000 nested
paragraphs took 492 s in an ElementTree walk, a 150 KB one unpacking to
49 MB of XML took 13.6 s and 600 MB (issue 14). So the XML is read as a
stream (expat's callbacks, no tree), only the open paragraphs' text is
held, and reading stops with ``TooComplex`` at the first limit crossed:

- ``MAX_XML_BYTES`` unpacked bytes, counted while unpacking (the size a zip
  declares can lie);
- ``MAX_DEPTH`` levels of nesting (real documents: tables in tables, a few
  dozen);
- ``MAX_ELEMENTS`` elements;
- ``MAX_TEXT`` characters of text.

These bounds make the parser linear and small; the worker process
(search/extract_worker.py) adds time and memory limits as the safety net.
"""

from xml.parsers import expat

import io
import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_XML_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 200
MAX_ELEMENTS = 2_000_000
MAX_TEXT = 2_000_000
CHUNK = 64 * 1024

MEMBERS = {".docx": "word/document.xml", ".odt": "content.xml"}


class TooComplex(ValueError):
    """The file crosses one of the limits; ``reason`` names which:
    "size", "nesting", "elements" or "output"."""

    def __init__(self, reason, limit):
        super().__init__(f"{reason} over {limit}")
        self.reason, self.limit = reason, limit


class Broken(ValueError):
    """Not a zip, no document inside, or not well-formed XML."""


def _chunks(stream, max_bytes):
    total = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return
        total += len(chunk)
        if total > max_bytes:
            raise TooComplex("size", max_bytes)
        yield chunk


FORMATS = {  # paragraph tags, and whether only text inside <w:t> counts
    ".docx": ({W[1:] + "p"}, W[1:] + "t"),
    ".odt": ({TEXT[1:] + "p", TEXT[1:] + "h"}, None),
}


class _ParagraphReader:
    """expat's callbacks for ``paragraphs``: the depth, the counts and the
    text of the open paragraphs."""

    def __init__(self, tags, text_tag, limits):
        self.tags, self.text_tag = tags, text_tag
        self.max_depth, self.max_elements, self.max_text = limits
        self.depth = self.elements = self.text_length = self.in_text = 0
        self.open_paragraphs, self.done = [], []

    def start(self, tag, attributes):
        self.depth += 1
        self.elements += 1
        if self.depth > self.max_depth:
            raise TooComplex("nesting", self.max_depth)
        if self.elements > self.max_elements:
            raise TooComplex("elements", self.max_elements)
        if tag in self.tags:
            self.open_paragraphs.append([])
        elif tag == self.text_tag:
            self.in_text += 1

    def end(self, tag):
        self.depth -= 1
        if tag in self.tags and self.open_paragraphs:
            line = "".join(self.open_paragraphs.pop())
            if line:
                self.done.append(line)
        elif tag == self.text_tag:
            self.in_text -= 1

    def text(self, data):
        if self.open_paragraphs and (self.text_tag is None or self.in_text):
            self.text_length += len(data)
            if self.text_length > self.max_text:
                raise TooComplex("output", self.max_text)
            self.open_paragraphs[-1].append(data)

    def doctype(self, *args):
        raise Broken("a DOCTYPE in an office file")


def paragraphs(chunks, tags, text_tag=None, limits=None):
    """The lines of the paragraphs (elements in ``tags``) of an XML stream,
    innermost first; with ``text_tag``, only text inside such elements.

    Read with expat's callbacks, without building a tree: the state is the
    depth and the text of the open paragraphs, so time and memory stay
    linear in the file whatever its shape. A DOCTYPE is refused (neither
    format has one; it is where entity tricks live)."""
    reader = _ParagraphReader(tags, text_tag, limits or (MAX_DEPTH, MAX_ELEMENTS, MAX_TEXT))
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler, parser.EndElementHandler = reader.start, reader.end
    parser.CharacterDataHandler = reader.text
    parser.StartDoctypeDeclHandler = reader.doctype
    for chunk in _and_end(chunks):
        try:
            parser.Parse(chunk, not chunk)
        except expat.ExpatError as exc:
            raise Broken(str(exc)) from None
        yield from reader.done
        reader.done.clear()


def _and_end(chunks):
    yield from chunks
    yield b""


def office_lines(stream, filename, max_bytes=MAX_XML_BYTES, limits=None):
    """The lines of a .docx or .odt read from a binary ``stream`` (a file
    or BytesIO; a zip needs seeking). Raises Broken or TooComplex."""
    suffix = next((s for s in MEMBERS if (filename or "").lower().endswith(s)), None)
    if suffix is None:
        return []
    tags, text_tag = FORMATS[suffix]
    try:
        with zipfile.ZipFile(stream) as z, z.open(MEMBERS[suffix]) as xml:
            return list(paragraphs(_chunks(xml, max_bytes), tags, text_tag, limits))
    except (zipfile.BadZipFile, KeyError, EOFError, NotImplementedError) as exc:
        raise Broken(str(exc)) from None


def office_text(data, filename):
    """The text of a .docx or .odt file given as bytes; '' for anything
    else, a broken file or one over the limits."""
    try:
        return "\n".join(office_lines(io.BytesIO(data), filename))
    except (Broken, TooComplex):
        return ""
