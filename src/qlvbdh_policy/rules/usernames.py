"""Account names by Quy chế Điều 6.2.

The full name without diacritics (đ → d) or spaces, lowercase, unique in
the agency; on a clash, in this order: họ + chữ lót + tên, viết tắt họ +
chữ lót + tên, viết tắt họ + viết tắt chữ lót + tên, họ + chữ lót + tên +
the last two digits of the birth year (Nguyễn Thanh Phúc → nguyenthanhphuc,
nthanhphuc, ntphuc, nguyenthanhphuc76). Nothing is guessed beyond that:
when every option is taken the administrator chooses.
"""

from qlvbdh_policy.rules.folding import fold

import re
import unicodedata

EMPTY, BAD_YEAR, ALL_TAKEN, NEED_YEAR = "empty", "bad-year", "all-taken", "need-year"


class UsernameError(ValueError):
    """The rule gives no account name: ``kind`` says why (the forms
    translate it), ``options`` what was tried; ``str()`` in Vietnamese."""

    def __init__(self, kind, text, options=(), value=None):
        super().__init__(text)
        self.kind, self.options, self.value = kind, list(options), value


def name_parts(full_name):
    """(họ, [chữ lót …], tên) as folded ASCII words."""
    text = unicodedata.normalize("NFC", full_name or "")
    words = [re.sub(r"[^a-z0-9]", "", w) for w in fold(text).split()]
    words = [w for w in words if w]
    if not words:
        raise UsernameError(EMPTY, "Họ và tên trống: không đặt được tên tài khoản.")
    if len(words) == 1:
        return "", [], words[0]
    return words[0], words[1:-1], words[-1]


def year_suffix(birth_year):
    if birth_year in (None, ""):
        return None
    text = f"Năm sinh “{birth_year}” không hợp lệ."
    try:
        year = int(str(birth_year).strip())
    except ValueError:
        raise UsernameError(BAD_YEAR, text, value=birth_year) from None
    if not 1900 <= year <= 2100:
        raise UsernameError(BAD_YEAR, text, value=birth_year)
    return f"{year % 100:02d}"


def candidates(full_name, birth_year=None):
    """The names the rule allows, in its order, without repeats."""
    surname, middle, given = name_parts(full_name)
    full = surname + "".join(middle) + given
    options = [
        full,
        surname[:1] + "".join(middle) + given,
        surname[:1] + "".join(m[:1] for m in middle) + given,
    ]
    suffix = year_suffix(birth_year)
    if suffix:
        options.append(full + suffix)
    seen, out = set(), []
    for option in options:
        if option not in seen:
            seen.add(option)
            out.append(option)
    return out


def suggest_username(full_name, birth_year=None, taken=()):
    """The first account name of the rule not in ``taken`` (case-insensitive)."""
    used = {t.lower() for t in taken}
    options = candidates(full_name, birth_year)
    for option in options:
        if option not in used:
            return option
    tried = ", ".join(options)
    if year_suffix(birth_year) is None:
        raise UsernameError(
            NEED_YEAR,
            f"Các tên tài khoản theo Điều 6.2 ({tried}) đều đã có trong cơ quan; "
            "cần năm sinh để đặt tên kèm 02 số cuối năm sinh, hoặc quản trị viên chọn tên khác.",
            options)
    raise UsernameError(
        ALL_TAKEN,
        f"Các tên tài khoản theo Điều 6.2 ({tried}) đều đã có trong cơ quan; "
        "quản trị viên hãy chọn tên khác.", options)
