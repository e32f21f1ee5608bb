"""When two incoming documents are the same document (Phụ lục VI: warn
before registering a duplicate): same số, ký hiệu, issuing agency and date.

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
    date = doc_date.isoformat() if doc_date else ""
    return "|".join((number, notation, _visible(sender_name), date))
