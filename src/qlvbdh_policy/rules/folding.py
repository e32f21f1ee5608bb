"""Vietnamese diacritic folding: 'Ủy ban' -> 'uy ban', 'Đơn' -> 'don'.

NFD decomposition strips every tone mark and the breve/circumflex/horn;
đ/Đ has no decomposition and is mapped by hand.
"""

import unicodedata

_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def strip_diacritics(text):
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text):
    """Lowercase, without diacritics, with runs of whitespace collapsed."""
    return " ".join(strip_diacritics(text).lower().split())
