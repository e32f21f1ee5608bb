"""Text of a document's files for full-text search, as indexing sees it:
the text already read (kept on the object that holds the file, by file
version: text_cache), or nothing yet.

Indexing runs inside the request that registers a document, under the
register's lock; reading a user's file there let one small hostile .docx
stall every clerk of a book for minutes (issue 14). So a file not read yet
is put in the reading queue (search/extraction.py), and the document is
reindexed when the cron job has read it in a limited process: PDF through
poppler's pdftotext, DOCX/ODT through rules/office_text.py; a PDF without
text goes on to OCR (search/ocr.py)."""

from qlvbdh_policy.search import extraction
from qlvbdh_policy.search.text_cache import cached_text
from qlvbdh_policy.search.text_cache import file_version


def file_text(owner, named_file):
    """Text of ``named_file`` if it was read already; else '' and, for a
    file whose text is read (PDF, DOCX, ODT), the file is queued."""
    if named_file is None:
        return ""
    version = file_version(named_file)
    text = cached_text(owner, version)
    if text is not None:
        return text
    if extraction.file_kind(named_file) is not None:
        extraction.enqueue(owner, version)
    return ""
