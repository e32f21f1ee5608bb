"""The order of a recipient's statuses (Quyết định 28/2018/QĐ-TTg Điều 9;
QCVN 102:2016/BTTTT StatusCode): a document arrives (01), is then refused
(02) or accepted (03), assigned (04), handled (05), finished (06). Messages
through the hub may arrive out of order or twice; a status that would take
the sender's delivery row backwards (03 then 02, 05 then 04) is refused
rather than applied. 15 and 16 answer a recall or an update and stand
outside this order (the row keeps the status before them, which keeps
its rank); 13 is the sender's own.

The same code again is no step back (a repeated message).
"""

from collections import namedtuple
from qlvbdh_policy import _

Refusal = namedtuple("Refusal", "field rule msgid mapping")

RULE = "Quyết định 28/2018/QĐ-TTg Điều 9"
#: StatusCode → its place; 02 and 03 share one (either answers 01)
RANK = {"01": 1, "02": 2, "03": 2, "04": 3, "05": 4, "06": 5}
MSG_BACKWARDS = _("The status ${code} comes before the status ${current} the recipient "
                  "already reported (StatusCode): it is not applied.")


def backwards(current, new):
    """The Refusal when ``new`` (a StatusCode) would follow ``current``
    (the last code applied, or None) out of order, else None."""
    if current is None or new == current or new not in RANK or current not in RANK:
        return None
    if RANK[new] > RANK[current]:
        return None
    return Refusal("StatusCode", RULE, MSG_BACKWARDS, {"code": new, "current": current})
