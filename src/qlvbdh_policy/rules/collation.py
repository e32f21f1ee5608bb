"""Vietnamese alphabetical order (a ă â b c d đ e ê g … o ô ơ … u ư …),
tones after letters (ngang, huyền, hỏi, ngã, sắc, nặng), case ignored —
not code-point order, which puts "Đ" after "z" and "Ấ" after "Z".

``sort_key`` returns a plain string whose code-point order is that order,
so a catalog FieldIndex (sortable_title) sorts Vietnamese correctly.
"""

import re
import unicodedata

ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_INDEX = {letter: i for i, letter in enumerate(ALPHABET)}
_MODIFIERS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SEPARATOR = "\x01"  # below every character the keys use: shorter words first


def _letter(base, modifier):
    if modifier == "\u0306":
        return "ă" if base == "a" else base
    if modifier == "\u0302":
        return {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
    if modifier == "\u031b":
        return {"o": "ơ", "u": "ư"}.get(base, base)
    return base


def _split(char):
    """(letter of the alphabet or the character itself, tone 0–5)."""
    if char == "đ":
        return "đ", 0
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    modifier = next((m for m in marks if m in _MODIFIERS), None)
    tone = next((_TONES[m] for m in marks if m in _TONES), 0)
    return _letter(base, modifier), tone


def sort_key(text, length=60):
    """Numbers in natural order too: "Quyết định 2" before "Quyết định 10"."""
    text = re.sub(r"\d+", lambda m: m.group().zfill(6), " ".join((text or "").lower().split()))
    primary, tones = [], []
    for char in text[:length]:
        letter, tone = _split(char)
        if letter in _LETTER_INDEX:
            primary.append(chr(0x41 + _LETTER_INDEX[letter]))
            tones.append(chr(0x30 + tone))
        elif letter.isdigit():
            primary.append(letter)  # digits before letters
        elif letter.isspace() or not letter.isalnum():
            primary.append(" ")
        else:
            primary.append(chr(0x100 + ord(letter)))  # other scripts after
    return "".join(primary) + _SEPARATOR + "".join(tones)
