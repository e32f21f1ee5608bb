"""What must not enter the system (Quy chế 03/2014/QĐ-UBND, Điều 3.2).

A refusal names the field, the rule, and an English msgid whose Vietnamese
translation the interface layer shows.
"""

from collections import namedtuple
from qlvbdh_policy import _
from qlvbdh_policy.rules.complaint_letters import is_complaint_letter

Refusal = namedtuple("Refusal", "field rule msgid mapping")

SECRECY_ORDINARY = "thuong"
RULE_SECRET = "Quy chế 03/2014/QĐ-UBND, Điều 3 khoản 2 điểm a"
RULE_COMPLAINT = "Quy chế 03/2014/QĐ-UBND, Điều 3 khoản 2 điểm b"

MSG_SECRET = _(
    "Documents containing state secrets (classified ${level}) must not be "
    "entered into the system (${rule})."
)
MSG_COMPLAINT = _(
    "Dispute, complaint and denunciation letters must not be entered into the "
    "system (${rule})."
)

#: the document type a clerk may choose for such a letter: offered so that
#: the kind is explicit, and refused like the title
COMPLAINT_TYPE = "don_thu"


def refuse_secrecy(secrecy, level_title=None):
    if secrecy and secrecy != SECRECY_ORDINARY:
        return Refusal(
            "secrecy", RULE_SECRET, MSG_SECRET,
            {"level": level_title or secrecy, "rule": RULE_SECRET},
        )
    return None


def refuse_complaint_type(doc_type):
    if doc_type == COMPLAINT_TYPE:
        return Refusal("doc_type", RULE_COMPLAINT, MSG_COMPLAINT, {"rule": RULE_COMPLAINT})
    return None


def refuse_complaint(title, field="title"):
    if is_complaint_letter(title):
        return Refusal(field, RULE_COMPLAINT, MSG_COMPLAINT, {"rule": RULE_COMPLAINT})
    return None
