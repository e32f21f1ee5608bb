"""What text may be stored: one-line fields (trích yếu, tác giả, ký hiệu,
người ký, names, file names) and multi-line fields (notes).

A record of the register book (NĐ 30/2020 Phụ lục IV) is printed text. A
character that no printed document carries either means nothing to a reader
and can be dropped or turned into a space, or it betrays text that came from
a program and must be refused, because stored it breaks what reads it later
(openpyxl refuses control characters in a cell: one bad title broke every
XLSX export that included it; lone surrogates cannot even be written as
UTF-8). Per class of character:

========================================  ===================================
class                                      at input
========================================  ===================================
canonical equivalents (NFD, precomposed)   stored NFC: "Ủy" typed as U+0055
                                           U+031B U+0309 is stored as U+1EE6
zero-width (U+200B–U+200D, U+2060,         dropped: invisible, they only make
U+FEFF)                                    two equal texts differ
line breaks and tabs (LF, CR, VT, FF,      one-line fields: one space; runs of
NEL, U+2028, U+2029, TAB), other spaces    spaces collapsed, ends trimmed.
(NBSP, U+2000–U+200A, …)                   Multi-line fields: line breaks kept
                                           as LF (CRLF, CR, VT, FF, NEL,
                                           U+2028/9 become LF), TAB kept
other C0 controls (NUL, U+0001–U+0008,     one-line fields: refused, naming the
U+000E–U+001F), DEL, C1 controls           field and the character: they are
(U+0080–U+009F but NEL), lone surrogates   what identifies a record (trích yếu,
(U+D800–U+DFFF), non-characters            tác giả, ký hiệu: the duplicate
(U+FFFE, U+FFFF)                           check, the book), no printed
                                           document has them, and dropping them
                                           silently could join words or hide an
                                           attack. Multi-line fields (notes):
                                           dropped, as free text pasted from a
                                           word processor carries them (U+0007
                                           ends a table cell)
========================================  ===================================

File names are normalised, never refused for their characters: the
folder part a browser or a client sends (``C:\\fakepath\\x.pdf``,
``../../x.pdf``) is cut, refused characters are dropped (a file name is not
text a clerk typed), so nothing of the kind reaches a
``Content-Disposition`` header.
"""

from collections import namedtuple
from qlvbdh_policy import _

import re
import unicodedata

Refusal = namedtuple("Refusal", "field rule msgid mapping")

RULE_PLAIN_TEXT = "NĐ 30/2020/NĐ-CP, Phụ lục VI: dữ liệu đặc tả là văn bản in được"
MSG_NOT_TEXT = _("“${field}” takes text, not ${value}.")
MSG_CONTROL_CHARACTER = _(
    "The field “${field}” contains a character that cannot be stored "
    "(${character}, a control character or a broken character); remove it "
    "and save again."
)

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"

# Refused everywhere (see the table above)
_REFUSED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_CRLF = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# spaces of Unicode (Zs), not the information separators U+001C–U+001F that
# str.split() also takes for whitespace: those are refused
_SPACES = "\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ANY_SPACE = re.compile(f"[\t{LINE_BREAKS}{_SPACES}]+")
_LINE_SPACE = re.compile(f"[{_SPACES}]+")  # tabs and line breaks kept
_FILENAME_DROP = re.compile(
    f"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{ZERO_WIDTH}\"]"
)


def nfc(text):
    """NFC, tolerating lone surrogates (they are refused, not crashed on)."""
    try:
        return unicodedata.normalize("NFC", text)
    except UnicodeError:  # pragma: no cover - normalize accepts surrogates
        return text


def without_invisible(text):
    """Zero-width characters dropped (the duplicate check compares this)."""
    return _ZERO_WIDTH.sub("", text)


def one_line(text):
    """A one-line field as stored: NFC, no zero-width characters, every line
    break, tab and space run one space, trimmed. Refused characters are
    left for ``refused_character`` to name."""
    if not text:
        return text
    return _ANY_SPACE.sub(" ", without_invisible(nfc(text))).strip(" ")


def multi_line(text):
    """A multi-line field as stored: NFC, no zero-width characters, line
    breaks as LF, tabs kept, other spaces single, lines right-trimmed."""
    if not text:
        return text
    text = _CRLF.sub("\n", _REFUSED.sub("", without_invisible(nfc(text))))
    lines = [_LINE_SPACE.sub(" ", line).rstrip(" \t") for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def refused_character(text):
    """The first refused character written as U+XXXX, or None."""
    match = _REFUSED.search(text or "")
    return f"U+{ord(match.group()):04X}" if match else None


def refuse_control(text, field, field_title=None):
    """A Refusal naming the field and the character, or None."""
    character = refused_character(text)
    if character is None:
        return None
    return Refusal(
        field, RULE_PLAIN_TEXT, MSG_CONTROL_CHARACTER,
        {"field": field_title or field, "character": character},
    )


def checked(value, field, field_title=None, multi=False):
    """A text that has no schema field (a routing step's direction,
    comment, result or reason; an account's full name; a saved search's
    name) as stored, by the rules of the fields: ``(text, None)``, or
    ``(None, Refusal)`` naming the field. One-line texts refuse the
    characters of the table above; multi-line texts drop them, as notes
    do. ``None`` is the empty text; a value that is not text (a number, a
    list, an object sent as JSON) is refused."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        shown = type(value).__name__ if isinstance(value, (list, dict)) else repr(value)
        return None, Refusal(field, RULE_PLAIN_TEXT, MSG_NOT_TEXT,
                             {"field": field_title or field, "value": shown})
    if multi:
        return multi_line(value), None
    refusal = refuse_control(value, field, field_title)
    if refusal:
        return None, refusal
    return one_line(value), None


def clean_filename(filename):
    """The file's own name: folders cut (Windows and POSIX), control and
    invisible characters and double quotes dropped, NFC, spaces single; a
    name that is nothing but dots is no name."""
    if filename is None:
        return None
    name = re.split(r"[/\\]", filename)[-1]
    if re.match(r"^[A-Za-z]:", name):  # "C:x.pdf": a drive, relative path
        name = name[2:]
    name = _ANY_SPACE.sub(" ", _FILENAME_DROP.sub("", nfc(name))).strip(" ")
    return "" if set(name) <= {"."} else name
