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


def paragraphs(chunks, tags, text_tag=None, limits=None):
    """The lines of the paragraphs (elements in ``tags``) of an XML stream,
    innermost first; with ``text_tag``, only text inside such elements.

    Read with expat's callbacks, without building a tree: the state is the
    depth and the text of the open paragraphs, so time and memory stay
    linear in the file whatever its shape. A DOCTYPE is refused (neither
    format has one; it is where entity tricks live)."""
    max_depth, max_elements, max_text = limits or (MAX_DEPTH, MAX_ELEMENTS, MAX_TEXT)
    parser = expat.ParserCreate(namespace_separator="}")
    state = {"depth": 0, "elements": 0, "text": 0, "in_text": 0}
    open_paragraphs, done = [], []

    def start(tag, attributes):
        state["depth"] += 1
        state["elements"] += 1
        if state["depth"] > max_depth:
            raise TooComplex("nesting", max_depth)
        if state["elements"] > max_elements:
            raise TooComplex("elements", max_elements)
        if tag in tags:
            open_paragraphs.append([])
        elif tag == text_tag:
            state["in_text"] += 1

    def end(tag):
        state["depth"] -= 1
        if tag in tags and open_paragraphs:
            line = "".join(open_paragraphs.pop())
            if line:
                done.append(line)
        elif tag == text_tag:
            state["in_text"] -= 1

    def text(data):
        if open_paragraphs and (text_tag is None or state["in_text"]):
            state["text"] += len(data)
            if state["text"] > max_text:
                raise TooComplex("output", max_text)
            open_paragraphs[-1].append(data)

    def doctype(*args):
        raise Broken("a DOCTYPE in an office file")

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler, parser.StartDoctypeDeclHandler = text, doctype
    for chunk in _and_end(chunks):
        try:
            parser.Parse(chunk, not chunk)
        except expat.ExpatError as exc:
            raise Broken(str(exc)) from None
        yield from done
        done.clear()


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
