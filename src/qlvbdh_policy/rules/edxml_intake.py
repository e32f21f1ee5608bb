"""What a received edXML message may not bring into the system, and how
its values become an incoming document's (QCVN 102:2016/BTTTT; Quyết định
28/2018/QĐ-TTg).

Secret documents: Quyết định 28/2018/QĐ-TTg does not apply to documents of
state-secret content (Điều 1 khoản 2) and the province's regulation keeps
them out of the system (Quy chế 03/2014/QĐ-UBND Điều 3 khoản 2 điểm a).
QCVN 102:2016 has no element for độ mật (a secret document is not meant
to travel this way), so a secret message is recognised by what a sender
can mark: the scope of circulation (OtherInfo/SphereOfPromulgation) naming
"Mật", "Tối mật" or "Tuyệt mật", or an element some systems add for the
level (``SecurityLevel``, ``Secret`` …) holding anything but "thường" or 0.
The words are compared with their diacritics: "mặt" (Mặt trận Tổ quốc) is
not "mật".
"""

from qlvbdh_policy.rules.refusals import RULE_SECRET

import re
import unicodedata

RULE_SECRET_EXCHANGE = "Quyết định 28/2018/QĐ-TTg Điều 1 khoản 2; " + RULE_SECRET

#: the levels of secrecy (Luật Bảo vệ bí mật nhà nước 2018 Điều 8) → the token
#: of the site's secrecy vocabulary; the longest written first
LEVELS = (("tuyệt mật", "tuyet_mat"), ("tối mật", "toi_mat"), ("mật", "mat"))
#: local names of the elements some senders add for the level of secrecy
LEVEL_ELEMENTS = frozenset({"secret", "secretlevel", "securitylevel", "security",
                            "confidential", "confidentiality", "domat"})
NOT_SECRET = frozenset({"", "0", "thường", "thuong", "không", "khong", "none", "false"})

#: OtherInfo/Priority → the site's urgency token (QCVN 102:2016: 0 thường, 1
#: khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ)
URGENCY_OF_PRIORITY = {0: "thuong", 1: "khan", 2: "thuong_khan", 3: "hoa_toc", 4: "hoa_toc"}


def _words(text):
    return re.findall(r"\w+", unicodedata.normalize("NFC", text or "").lower())


def secrecy_in_text(text):
    """The secrecy token a text names ("Mật", "TỐI MẬT", "Tài liệu tuyệt
    mật"), or None."""
    words = _words(text)
    joined = " " + " ".join(words) + " "
    for level, token in LEVELS:
        if f" {level} " in joined:
            return token
    return None


def secrecy_of(sphere, marks=()):
    """The secrecy token of a message: from its scope of circulation, or
    from ``marks`` [(element local name, text)] of the elements a sender
    added; None for an ordinary document."""
    found = secrecy_in_text(sphere)
    if found:
        return found
    for name, value in marks:
        if name.lower() not in LEVEL_ELEMENTS:
            continue
        value = unicodedata.normalize("NFC", (value or "").strip()).lower()
        if value not in NOT_SECRET:
            return secrecy_in_text(value) or "mat"
    return None


def urgency(priority):
    return URGENCY_OF_PRIORITY.get(priority, "thuong")
