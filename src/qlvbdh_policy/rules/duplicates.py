"""When two incoming documents are the same document (NĐ 30/2020 Phụ lục
VI III.1.h: warn before registering a document twice): same số, ký hiệu
and issuing agency. The date does not make another document (a clerk who
typed another day of the same letter is still warned); only its year
counts, as numbers restart each year (NĐ 30/2020 Điều 15, 22), so last
year's "05/UBND-VP" is another document.

Invisible characters (zero-width space, joiner, word joiner, BOM) and
spacing do not make two texts different: a key is compared on what a
reader sees (see rules/plain_text.py)."""

from qlvbdh_policy.rules.folding import fold
from qlvbdh_policy.rules.plain_text import without_invisible


def _visible(text):
    return fold(without_invisible(str(text or "")))


def duplicate_key(code_number, code_notation, sender_name, doc_date):
    """A comparable key, or None when the document has no number to compare."""
    number = without_invisible(str(code_number or "")).strip()
    if not number:
        return None
    number = number.lstrip("0") or "0"
    notation = _visible(code_notation).replace(" ", "")
    year = str(doc_date.year) if doc_date else ""
    return "|".join((number, notation, _visible(sender_name), year))


def incoming_duplicate_key(doc):
    """The key of a registered incoming document (its catalog index)."""
    return duplicate_key(doc.code_number, doc.code_notation, doc.sender_name, doc.doc_date)
