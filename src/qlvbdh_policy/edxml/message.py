"""The plain data of an edXML message (QCVN 102:2016/BTTTT), its date
formats and DocumentId, and the one exception bad messages raise.

Dates are written ``yyyy/MM/dd`` and times ``yyyy/MM/dd HH:mm:ss``, Vietnam
local time, without a zone; the data holds them as ``date`` and naive
``datetime``. Text is ``str`` (None when absent or empty).
"""

from dataclasses import dataclass
from dataclasses import field as dc_field
from qlvbdh_policy import _

import datetime

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
DATE_FORMAT = "%Y/%m/%d"
TIME_FORMAT = "%Y/%m/%d %H:%M:%S"

RULE = "QCVN 102:2016/BTTTT"

#: reason -> English msgid; ${field} names the element, ${value} the bad value
MESSAGES = {
    "not_xml": _("The edXML message is not well-formed XML (line ${line}, column "
                 "${column})."),
    "doctype": _("The edXML message declares a DOCTYPE, which edXML does not allow."),
    "wrong_root": _("The message is not edXML: its root is ${value}, not edXML in the "
                    "namespace of QCVN 102:2016."),
    "wrong_kind": _("The edXML message is a ${value}, not the kind expected here."),
    "missing": _("The edXML message lacks the required field ${field}."),
    "bad_date": _("The field ${field} of the edXML message holds \"${value}\", not a "
                  "date written ${detail}."),
    "bad_number": _("The field ${field} of the edXML message holds \"${value}\", not a "
                    "whole number."),
    "bad_base64": _("The attachment ${value} of the edXML message is not valid base64."),
    "bad_business_type": _("The edXML business type (BussinessDocType) \"${value}\" is "
                           "not one of 0 (new), 1 (recall), 2 (update), 3 (replace)."),
    "bad_status_code": _("The edXML status code \"${value}\" is not one of the codes of "
                         "Quyết định 28/2018/QĐ-TTg (${detail})."),
    "bad_priority": _("The edXML priority \"${value}\" is not one of 0 to 4."),
    "bad_steering_type": _("The edXML steering type \"${value}\" is not one of 1, 2, 3."),
    "too_long": _("The field ${field} of the edXML message is longer than ${detail} "
                  "characters."),
    "bad_document_id": _("The edXML DocumentId \"${value}\" is not written "
                         "OrganId,yyyy/MM/dd,number/notation."),
}


class EdxmlError(ValueError):
    """A message refused: ``reason`` (a key of MESSAGES), ``field`` (the
    element, e.g. ``From/OrganId``), ``value`` and ``detail``; ``msgid`` and
    ``mapping`` give the interface its translated sentence."""

    def __init__(self, reason, field=None, value=None, detail=None, position=None):
        self.reason = reason
        self.position = position  # (line, column) where the XML parser stopped
        self.field = field
        self.value = value
        self.detail = detail
        self.rule = RULE
        super().__init__(f"{reason}: {field or ''} {value or ''} {detail or ''}".strip())

    @property
    def msgid(self):
        return MESSAGES[self.reason]

    @property
    def mapping(self):
        mapping = {"field": self.field or "",
                   "value": "" if self.value is None else str(self.value),
                   "detail": self.detail or ""}
        if self.position is not None:
            mapping["line"], mapping["column"] = (str(n) for n in self.position)
        return mapping


def format_date(value):
    return value.strftime(DATE_FORMAT) if value else None


def format_time(value):
    return value.strftime(TIME_FORMAT) if value else None


def parse_date(text, field):
    return _parse(text, field, DATE_FORMAT, "yyyy/MM/dd").date() if text else None


def parse_time(text, field):
    return _parse(text, field, TIME_FORMAT, "yyyy/MM/dd HH:mm:ss") if text else None


def _parse(text, field, fmt, shown):
    try:
        return datetime.datetime.strptime(text, fmt)
    except ValueError:
        raise EdxmlError("bad_date", field, text, shown) from None


def document_id(organ_id, promulgation_date, code):
    """``OrganId,yyyy/MM/dd,số/ký hiệu``, e.g.
    ``000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`` (QCVN 102:2016)."""
    return f"{organ_id},{format_date(promulgation_date)},{code}"


def split_document_id(text):
    """(OrganId, date, số/ký hiệu) of a DocumentId; EdxmlError if it is not
    written that way."""
    parts = (text or "").split(",", 2)
    if len(parts) != 3 or not parts[0] or not parts[2]:
        raise EdxmlError("bad_document_id", "DocumentId", text)
    try:
        day = datetime.datetime.strptime(parts[1], DATE_FORMAT).date()
    except ValueError:
        raise EdxmlError("bad_document_id", "DocumentId", text) from None
    return parts[0], day, parts[2]


@dataclass
class Organization:
    """From / To: an agency by its identification code (mã định danh)."""

    organ_id: str = None
    organization_in_charge: str = None
    organ_name: str = None
    organ_add: str = None
    email: str = None
    telephone: str = None
    fax: str = None
    website: str = None


@dataclass
class StaffInfo:
    department: str = None
    staff: str = None
    email: str = None
    mobile: str = None


@dataclass
class ResponseFor:
    """The document a message answers."""

    organ_id: str = None
    code: str = None
    promulgation_date: datetime.date = None
    document_id: str = None


@dataclass
class Signer:
    competence: str = None
    position: str = None
    full_name: str = None


@dataclass
class OtherInfo:
    priority: int = None
    sphere_of_promulgation: str = None
    typer_notation: str = None
    promulgation_amount: int = None
    page_amount: int = None
    direction: bool = None
    appendixes: list = dc_field(default_factory=list)


@dataclass
class TraceHeader:
    organ_id: str = None
    timestamp: datetime.datetime = None


@dataclass
class Receiver:
    organ_id: str = None
    receiver_type: int = None


@dataclass
class Replacement:
    """A document this one replaces, and the agencies that received it."""

    document_id: str = None
    organ_ids: list = dc_field(default_factory=list)


@dataclass
class Business:
    """TraceHeaderList/Bussiness: new (0), recall (1), update (2) or
    replacement (3), with why and for whom."""

    doc_type: int = 0
    document_id: str = None
    reason: str = None
    paper: int = None
    document_info: int = None
    document_receiver: int = None
    receivers: list = dc_field(default_factory=list)
    replacements: list = dc_field(default_factory=list)
    staff: StaffInfo = None


@dataclass
class Attachment:
    content_id: str = None
    name: str = None
    content_type: str = None
    description: str = None
    data: bytes = b""


@dataclass
class Edoc:
    """A document message: the header fields and the attachments."""

    sender: Organization = None
    recipients: list = dc_field(default_factory=list)
    document_id: str = None
    code_number: str = None
    code_notation: str = None
    place: str = None
    promulgation_date: datetime.date = None
    doc_type: str = None
    doc_type_detail: str = None
    doc_type_name: str = None
    subject: str = None
    content: str = None
    signer: Signer = None
    due_date: datetime.date = None
    to_places: list = dc_field(default_factory=list)
    other_info: OtherInfo = None
    response_for: ResponseFor = None
    steering_type: int = None
    traces: list = dc_field(default_factory=list)
    business: Business = dc_field(default_factory=Business)
    attachments: list = dc_field(default_factory=list)

    @property
    def code(self):
        """số/ký hiệu as written on the document, e.g. ``7816/VPCP-TTĐT``."""
        return "/".join(part for part in (self.code_number, self.code_notation) if part)


@dataclass
class Status:
    """A status message (Quyết định 28/2018/QĐ-TTg): what became of a
    document at its recipient."""

    sender: Organization = None
    response_for: ResponseFor = None
    staff: StaffInfo = None
    status_code: str = None
    description: str = None
    timestamp: datetime.datetime = None
