"""Documents sent electronically only, without paper (Quy chế Điều 3.3),
and the electronic version every issued paper document carries (Điều 7.1)."""

from qlvbdh_policy import _
from qlvbdh_policy.rules.folding import fold

import re

# Điều 3.3 e) copies; b) invitations; the others are recognised by the title.
ELECTRONIC_ONLY_TYPES = frozenset({"giay_moi", "ban_sao_y", "ban_trich_sao", "ban_sao_luc"})
_TITLE_PATTERNS = re.compile(
    r"\b(bao cao (tuan|thang|quy)"  # a) periodic reports
    r"|moi (hop|hoi nghi|du)"  # b) invitations
    r"|lich (cong tac|lam viec)"  # c) work schedules
    r"|tai lieu (phuc vu )?(cuoc )?(hop|hoi nghi)"  # d) meeting materials
    r"|du thao)\b"  # đ), g) drafts for comment or signature
)

RULE_ELECTRONIC_FILE = "Quy chế 03/2014/QĐ-UBND, Điều 7 khoản 1"
MSG_NEEDS_FILE = _(
    "An issued document must carry its electronic file, also when it is sent "
    "on paper (${rule})."
)
MSG_SIGN_NEEDS_FILE = _(
    "Attach the document's file before signing: what is signed is what is "
    "issued, and an issued document carries its electronic file (${rule})."
)


def electronic_only_default(doc_type, title="", digitally_signed=False):
    """True for the kinds that Điều 3.3 sends electronically only."""
    if digitally_signed or doc_type in ELECTRONIC_ONLY_TYPES:
        return True
    return bool(title) and _TITLE_PATTERNS.search(fold(title)) is not None
