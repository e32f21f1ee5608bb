"""The closed lists of edXML values.

Status codes: Quyết định 28/2018/QĐ-TTg and the national hub's QCVN 102:2016
profile; only the codes the hub documents publicly are known here (the
sources seen list no others). Business types, priorities and steering
types: QCVN 102:2016, TraceHeaderList/Bussiness and MessageHeader/OtherInfo.
"""

from qlvbdh_policy import _

#: StatusCode -> (English title msgid); the receiving agency reports these
STATUS_ARRIVED = "01"
STATUS_REFUSED = "02"
STATUS_ACCEPTED = "03"
STATUS_ASSIGNED = "04"
STATUS_PROCESSING = "05"
STATUS_DONE = "06"
STATUS_RECALLED = "13"
STATUS_CHANGE_AGREED = "15"
STATUS_CHANGE_REFUSED = "16"

STATUS_TITLES = {
    STATUS_ARRIVED: _("Arrived"),
    STATUS_REFUSED: _("Refused by the recipient"),
    STATUS_ACCEPTED: _("Accepted by the recipient"),
    STATUS_ASSIGNED: _("Assigned for handling"),
    STATUS_PROCESSING: _("Being handled"),
    STATUS_DONE: _("Handling finished"),
    STATUS_RECALLED: _("Recalled by the sender"),
    STATUS_CHANGE_AGREED: _("Recall or update agreed"),
    STATUS_CHANGE_REFUSED: _("Recall or update refused"),
}
STATUS_CODES = tuple(STATUS_TITLES)

#: BussinessDocType: what the message does to the document
BUSINESS_NEW = 0
BUSINESS_RECALL = 1
BUSINESS_UPDATE = 2
BUSINESS_REPLACE = 3
BUSINESS_TITLES = {
    BUSINESS_NEW: _("New document"),
    BUSINESS_RECALL: _("Recall of a document"),
    BUSINESS_UPDATE: _("Update of a document"),
    BUSINESS_REPLACE: _("Replacement of a document"),
}

#: OtherInfo/Priority: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ
PRIORITIES = (0, 1, 2, 3, 4)
PRIORITY_TITLES = {
    0: _("Normal"),
    1: _("Urgent"),
    2: _("Very urgent"),
    3: _("Express"),
    4: _("Express, at a set time"),
}

#: SteeringType: 1 not a directive, 2 a directive, 3 report on a directive
STEERING_TYPES = (1, 2, 3)
STEERING_TITLES = {
    1: _("Not a directive"),
    2: _("A directive"),
    3: _("A report on carrying out a directive"),
}
