"""The identification code of an agency or organisation (mã định danh) as
edXML carries it (Quyết định 28/2018/QĐ-TTg Điều 10 khoản 2 điểm a:
"13 ký tự, chia thành bốn nhóm mã, các nhóm mã phân tách bởi dấu chấm").

Written from the lowest level to the highest: ``000.00.32.H55`` is level 4
``000``, level 3 ``00``, level 2 ``32`` and level 1 ``H55`` (a letter and two
digits: the ministry or province). Letters are taken in either case and
kept in capitals, as the national list prints them.
"""

from collections import namedtuple
from qlvbdh_policy import _

import re

Refusal = namedtuple("Refusal", "field rule msgid mapping")

RULE = "Quyết định 28/2018/QĐ-TTg, Điều 10 khoản 2 điểm a"
PATTERN = re.compile(r"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$")
EXAMPLE = "000.00.32.H55"

MSG_BAD_CODE = _("The identification code “${value}” is not written as the regulation "
                 "says: 13 characters in four groups separated by dots, e.g. ${example} "
                 "(${rule}).")
MSG_NO_CODE = _("The identification code is required (${rule}).")


def normalized(code):
    """The code as stored: trimmed, letters in capitals."""
    return (code or "").strip().upper()


def refuse_code(code, field="code"):
    """A Refusal when ``code`` is not a mã định danh, else None."""
    value = normalized(code)
    if not value:
        return Refusal(field, RULE, MSG_NO_CODE, {"rule": RULE})
    if not PATTERN.match(value):
        return Refusal(field, RULE, MSG_BAD_CODE,
                       {"value": code.strip(), "example": EXAMPLE, "rule": RULE})
    return None
