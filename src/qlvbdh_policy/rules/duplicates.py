"""When two incoming documents are the same document (Phụ lục VI: warn
before registering a duplicate): same số, ký hiệu, issuing agency and date."""

from qlvbdh_policy.rules.folding import fold


def duplicate_key(code_number, code_notation, sender_name, doc_date):
    """A comparable key, or None when the document has no number to compare."""
    if not code_number:
        return None
    number = str(code_number).strip().lstrip("0") or "0"
    notation = fold(code_notation or "").replace(" ", "")
    date = doc_date.isoformat() if doc_date else ""
    return "|".join((number, notation, fold(sender_name or ""), date))
