"""Read an edXML message (QCVN 102:2016/BTTTT) into the plain data of
``message``: a document message (Edoc) or a status message (Status,
Quyết định 28/2018/QĐ-TTg).

Element order is not relied on (the published samples differ); the
namespace is. A DOCTYPE is refused before any entity is read. Anything that
would make the data wrong raises EdxmlError with its reason and field.
"""

from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.message import Attachment
from qlvbdh_policy.edxml.message import Business
from qlvbdh_policy.edxml.message import Edoc
from qlvbdh_policy.edxml.message import EdxmlError
from qlvbdh_policy.edxml.message import NS
from qlvbdh_policy.edxml.message import Organization
from qlvbdh_policy.edxml.message import OtherInfo
from qlvbdh_policy.edxml.message import parse_date
from qlvbdh_policy.edxml.message import parse_time
from qlvbdh_policy.edxml.message import Receiver
from qlvbdh_policy.edxml.message import Replacement
from qlvbdh_policy.edxml.message import ResponseFor
from qlvbdh_policy.edxml.message import Signer
from qlvbdh_policy.edxml.message import StaffInfo
from qlvbdh_policy.edxml.message import Status
from qlvbdh_policy.edxml.message import TraceHeader
from xml.etree import ElementTree

import base64
import binascii
import logging

logger = logging.getLogger(__name__)

#: maximum lengths of NĐ 30/2020 Phụ lục VI (metadata of a document)
MAX_LENGTHS = {
    "OrganId": 13, "OrganName": 200, "CodeNumber": 11, "CodeNotation": 30,
    "Subject": 500, "Position": 100, "FullName": 50,
}
KIND_EDOC = "document message"
KIND_STATUS = "status message"


def q(name):
    return f"{{{NS}}}{name}"


class _NoDoctype(ElementTree.TreeBuilder):
    """edXML has no DTD: a DOCTYPE can only bring entities, so refuse it
    when it starts, before expat reads its declarations."""

    def doctype(self, name, pubid, system):
        raise EdxmlError("doctype", "edXML")


def parse(data):
    """The root element of ``data`` (bytes or str), or EdxmlError."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    parser = ElementTree.XMLParser(target=_NoDoctype())
    try:
        parser.feed(data)
        root = parser.close()
    except ElementTree.ParseError as error:
        # the parser's own (English) words stay in the log and in ``detail``;
        # the message gives only where it stopped
        logger.info("edXML message not well-formed: %s", error)
        line, column = error.position
        raise EdxmlError("not_xml", "edXML", detail=str(error),
                         position=(line, column + 1)) from None
    if root.tag != q("edXML"):
        raise EdxmlError("wrong_root", "edXML", root.tag)
    return root


def _header(root):
    header = root.find(f"{q('edXMLEnvelope')}/{q('edXMLHeader')}/{q('MessageHeader')}")
    if header is None:
        raise EdxmlError("missing", "edXMLEnvelope/edXMLHeader/MessageHeader")
    return header


def read_message(data):
    """An Edoc or a Status, whichever ``data`` is."""
    root = parse(data)
    header = _header(root)
    if header.find(q("StatusCode")) is not None:
        return _status(header)
    return _edoc(root, header)


def read_edoc(data):
    message = read_message(data)
    if not isinstance(message, Edoc):
        raise EdxmlError("wrong_kind", "MessageHeader", KIND_STATUS)
    return message


def read_status(data):
    message = read_message(data)
    if not isinstance(message, Status):
        raise EdxmlError("wrong_kind", "MessageHeader", KIND_EDOC)
    return message


# -- values -----------------------------------------------------------------

def text(parent, path, prefix=""):
    """The stripped text at ``path`` (names joined by /), None when absent or
    empty; longer than NĐ 30/2020 allows raises too_long."""
    if parent is None:
        return None
    element = parent.find("/".join(q(name) for name in path.split("/")))
    value = (element.text or "").strip() if element is not None else ""
    name = path.rsplit("/", 1)[-1]
    if name in MAX_LENGTHS and len(value) > MAX_LENGTHS[name]:
        raise EdxmlError("too_long", prefix + path, value, str(MAX_LENGTHS[name]))
    return value or None


def required(parent, path, prefix=""):
    value = text(parent, path, prefix)
    if value is None:
        raise EdxmlError("missing", prefix + path)
    return value


def number(parent, path, prefix="", allowed=None, reason="bad_number"):
    value = text(parent, path, prefix)
    if value is None:
        return None
    try:
        result = int(value)
    except ValueError:
        raise EdxmlError(reason if allowed else "bad_number", prefix + path, value) from None
    if allowed is not None and result not in allowed:
        raise EdxmlError(reason, prefix + path, value)
    return result


def date(parent, path, prefix=""):
    return parse_date(text(parent, path, prefix), prefix + path)


def time(parent, path, prefix=""):
    return parse_time(text(parent, path, prefix), prefix + path)


def _children(parent, path):
    if parent is None:
        return []
    return parent.findall("/".join(q(name) for name in path.split("/")))


# -- parts ------------------------------------------------------------------

def organization(element, where):
    """From / To; the code (mã định danh) is required."""
    prefix = where + "/"
    return Organization(
        organ_id=required(element, "OrganId", prefix),
        organization_in_charge=text(element, "OrganizationInCharge", prefix),
        organ_name=text(element, "OrganName", prefix),
        organ_add=text(element, "OrganAdd", prefix),
        email=text(element, "Email", prefix),
        telephone=text(element, "Telephone", prefix),
        fax=text(element, "Fax", prefix),
        website=text(element, "Website", prefix),
    )


def staff_info(element, where):
    if element is None:
        return None
    prefix = where + "/"
    return StaffInfo(
        department=text(element, "Department", prefix), staff=text(element, "Staff", prefix),
        email=text(element, "Email", prefix), mobile=text(element, "Mobile", prefix))


def response_for(element, where="ResponseFor"):
    """None when absent or every field is empty (a message answering nothing)."""
    if element is None:
        return None
    prefix = where + "/"
    answer = ResponseFor(
        organ_id=text(element, "OrganId", prefix), code=text(element, "Code", prefix),
        promulgation_date=date(element, "PromulgationDate", prefix),
        document_id=text(element, "DocumentId", prefix))
    return answer if any(vars(answer).values()) else None


def _sender(header):
    element = header.find(q("From"))
    if element is None:
        raise EdxmlError("missing", "From")
    return organization(element, "From")


def _status(header):
    answer = response_for(header.find(q("ResponseFor")))
    if answer is None or not answer.organ_id or not answer.document_id:
        field = "ResponseFor/OrganId" if not (answer and answer.organ_id) else "ResponseFor/DocumentId"
        raise EdxmlError("missing", field)
    return Status(
        sender=_sender(header),
        response_for=answer,
        staff=staff_info(header.find(q("StaffInfo")), "StaffInfo"),
        status_code=number_code(header),
        description=text(header, "Description"),
        timestamp=_required_time(header, "Timestamp"),
    )


def number_code(header):
    """StatusCode, one of the codes of Quyết định 28/2018/QĐ-TTg."""
    value = required(header, "StatusCode")
    if value not in codes.STATUS_CODES:
        raise EdxmlError("bad_status_code", "StatusCode", value, ", ".join(codes.STATUS_CODES))
    return value


def _required_time(parent, path):
    required(parent, path)
    return time(parent, path)


def _recipients(header):
    elements = _children(header, "To")
    if not elements:
        raise EdxmlError("missing", "To")
    return [organization(element, "To") for element in elements]


def signer(element):
    if element is None:
        return None
    prefix = "SignerInfo/"
    return Signer(competence=text(element, "Competence", prefix),
                  position=text(element, "Position", prefix),
                  full_name=text(element, "FullName", prefix))


def other_info(element):
    if element is None:
        return None
    prefix = "OtherInfo/"
    direction = text(element, "Direction", prefix)
    return OtherInfo(
        priority=number(element, "Priority", prefix, codes.PRIORITIES, "bad_priority"),
        sphere_of_promulgation=text(element, "SphereOfPromulgation", prefix),
        typer_notation=text(element, "TyperNotation", prefix),
        promulgation_amount=number(element, "PromulgationAmount", prefix),
        page_amount=number(element, "PageAmount", prefix),
        direction=None if direction is None else direction.lower() in ("true", "1"),
        appendixes=[(a.text or "").strip() for a in _children(element, "Appendixes/Appendix")],
    )


def _edoc(root, header):
    code = header.find(q("Code"))
    if code is None:
        raise EdxmlError("missing", "Code/CodeNumber")
    promulgation = header.find(q("PromulgationInfo"))
    doc_type = header.find(q("DocumentType"))
    required(promulgation, "PromulgationDate", "PromulgationInfo/")
    return Edoc(
        sender=_sender(header),
        recipients=_recipients(header),
        document_id=required(header, "DocumentId"),
        code_number=required(code, "CodeNumber", "Code/"),
        code_notation=required(code, "CodeNotation", "Code/"),
        place=text(promulgation, "Place", "PromulgationInfo/"),
        promulgation_date=date(promulgation, "PromulgationDate", "PromulgationInfo/"),
        doc_type=text(doc_type, "Type", "DocumentType/"),
        doc_type_detail=text(doc_type, "TypeDetail", "DocumentType/"),
        doc_type_name=text(doc_type, "TypeName", "DocumentType/"),
        subject=required(header, "Subject"),
        content=text(header, "Content"),
        signer=signer(header.find(q("SignerInfo"))),
        due_date=date(header, "DueDate"),
        to_places=[(p.text or "").strip() for p in _children(header, "ToPlaces/Place")],
        other_info=other_info(header.find(q("OtherInfo"))),
        response_for=response_for(header.find(q("ResponseFor"))),
        steering_type=number(header, "SteeringType", "", codes.STEERING_TYPES,
                             "bad_steering_type"),
        traces=_traces(root),
        business=_business(root),
        attachments=_attachments(root),
    )


def _trace_list(root):
    return root.find(f"{q('edXMLEnvelope')}/{q('edXMLHeader')}/{q('TraceHeaderList')}")


def _traces(root):
    prefix = "TraceHeader/"
    return [TraceHeader(organ_id=text(e, "OrganId", prefix), timestamp=time(e, "Timestamp", prefix))
            for e in _children(_trace_list(root), "TraceHeader")]


def _business(root):
    """Bussiness; a message without it is a new document (type 0)."""
    element = _trace_list(root)
    element = element.find(q("Bussiness")) if element is not None else None
    if element is None:
        return Business()
    prefix = "Bussiness/"
    doc_type = number(element, "BussinessDocType", prefix, tuple(codes.BUSINESS_TITLES),
                      "bad_business_type")
    info = element.find(q("BussinessDocumentInfo"))
    return Business(
        doc_type=codes.BUSINESS_NEW if doc_type is None else doc_type,
        document_id=text(element, "DocumentId", prefix),
        reason=text(element, "BussinessDocReason", prefix),
        paper=number(element, "Paper", prefix),
        document_info=number(info, "DocumentInfo", prefix),
        document_receiver=number(info, "DocumentReceiver", prefix),
        receivers=[Receiver(organ_id=text(r, "OrganId", prefix),
                            receiver_type=number(r, "ReceiverType", prefix))
                   for r in _children(info, "ReceiverList/Receiver")],
        replacements=[Replacement(document_id=text(r, "DocumentId", prefix),
                                  organ_ids=[(o.text or "").strip()
                                             for o in _children(r, "OrganIdList/OrganId")])
                      for r in _children(element, "ReplacementInfoList/ReplacementInfo")],
        staff=staff_info(element.find(q("StaffInfo")), "Bussiness/StaffInfo"),
    )


def _manifest_types(root):
    """ContentId -> ContentType from edXMLBody/edXMLManifest (some senders
    put the type only there)."""
    path = f"{q('edXMLEnvelope')}/{q('edXMLBody')}/{q('edXMLManifest')}/{q('Reference')}"
    return {text(r, "ContentId"): text(r, "ContentType") for r in root.findall(path)}


def _attachments(root):
    types = _manifest_types(root)
    result = []
    for element in root.findall(f".//{q('AttachmentEncoded')}/{q('Attachment')}"):
        prefix = "Attachment/"
        content_id = text(element, "ContentId", prefix)
        name = required(element, "AttachmentName", prefix)
        encoded = text(element, "ContentTransferEncoded", prefix) or ""
        result.append(Attachment(
            content_id=content_id, name=name,
            content_type=text(element, "ContentType", prefix) or types.get(content_id),
            description=text(element, "Description", prefix),
            data=decode(encoded, name)))
    return result


def decode(encoded, name):
    """The bytes of base64 text, line breaks allowed; anything else refused."""
    try:
        return base64.b64decode("".join(encoded.split()), validate=True)
    except (binascii.Error, ValueError):
        raise EdxmlError("bad_base64", "Attachment/ContentTransferEncoded", name) from None
