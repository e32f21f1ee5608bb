"""Write the plain data of ``message`` as an edXML message the way
QCVN 102:2016/BTTTT writes it: the edXML namespace with the ``edXML``
prefix, the header fields in the standard's order (From, To, Code,
PromulgationInfo, DocumentType, Subject, Content, SignerInfo, DueDate,
ToPlaces, OtherInfo, ResponseFor, SteeringType, DocumentId), the
attachments base64 in AttachmentEncoded after the envelope, dates
``yyyy/MM/dd`` and times ``yyyy/MM/dd HH:mm:ss``. Absent values (None) are
left out. The XML-DSig signature is not written here.
"""

from qlvbdh_policy.edxml.message import format_date
from qlvbdh_policy.edxml.message import format_time
from qlvbdh_policy.edxml.message import NS
from xml.etree import ElementTree

import base64

ElementTree.register_namespace("edXML", NS)
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

ORGANIZATION_FIELDS = (
    ("OrganId", "organ_id"), ("OrganizationInCharge", "organization_in_charge"),
    ("OrganName", "organ_name"), ("OrganAdd", "organ_add"), ("Email", "email"),
    ("Telephone", "telephone"), ("Fax", "fax"), ("Website", "website"),
)
STAFF_FIELDS = (("Department", "department"), ("Staff", "staff"), ("Email", "email"),
                ("Mobile", "mobile"))


def q(name):
    return f"{{{NS}}}{name}"


def node(parent, name, content=None):
    element = ElementTree.SubElement(parent, q(name))
    element.text = content
    return element


def value(parent, name, data):
    """A text child from a str, int, bool, date or datetime."""
    if data is None:
        return
    if isinstance(data, bool):
        data = "true" if data else "false"
    elif hasattr(data, "hour"):
        data = format_time(data)
    elif hasattr(data, "day"):
        data = format_date(data)
    node(parent, name, str(data))


def fields(parent, obj, pairs):
    for name, attribute in pairs:
        value(parent, name, getattr(obj, attribute))


def _envelope(header_fill):
    root = ElementTree.Element(q("edXML"))
    envelope = node(root, "edXMLEnvelope")
    header = node(node(envelope, "edXMLHeader"), "MessageHeader")
    header_fill(header)
    return root, envelope


def _serialize(root):
    """UTF-8 with the declaration the standard's samples carry."""
    ElementTree.indent(root, space="  ")
    return DECLARATION + ElementTree.tostring(root, encoding="unicode").encode("utf-8")


def write_status(status):
    """A status message (Quyết định 28/2018/QĐ-TTg) as UTF-8 bytes."""
    def fill(header):
        fields(node(header, "From"), status.sender, ORGANIZATION_FIELDS)
        response_for(header, status.response_for)
        if status.staff is not None:
            fields(node(header, "StaffInfo"), status.staff, STAFF_FIELDS)
        value(header, "StatusCode", status.status_code)
        value(header, "Description", status.description)
        value(header, "Timestamp", status.timestamp)
    root, _envelope_element = _envelope(fill)
    return _serialize(root)


def response_for(header, answer):
    if answer is None:
        return
    element = node(header, "ResponseFor")
    fields(element, answer, (("OrganId", "organ_id"), ("Code", "code"),
                             ("PromulgationDate", "promulgation_date"),
                             ("DocumentId", "document_id")))


def write_edoc(edoc):
    """A document message as UTF-8 bytes."""
    root, envelope = _envelope(lambda header: _edoc_header(header, edoc))
    trace_list = node(envelope.find(q("edXMLHeader")), "TraceHeaderList")
    for trace in edoc.traces:
        fields(node(trace_list, "TraceHeader"), trace,
               (("OrganId", "organ_id"), ("Timestamp", "timestamp")))
    _business(trace_list, edoc.business)
    manifest = node(node(envelope, "edXMLBody"), "edXMLManifest")
    manifest.set("version", "1.0")
    encoded = node(root, "AttachmentEncoded") if edoc.attachments else None
    for attachment in edoc.attachments:
        fields(node(manifest, "Reference"), attachment,
               (("ContentId", "content_id"), ("ContentType", "content_type"),
                ("Description", "description"), ("AttachmentName", "name")))
        element = node(encoded, "Attachment")
        fields(element, attachment,
               (("ContentId", "content_id"), ("AttachmentName", "name"),
                ("Description", "description"), ("ContentType", "content_type")))
        value(element, "ContentTransferEncoded", base64.b64encode(attachment.data).decode("ascii"))
    return _serialize(root)


def _edoc_header(header, edoc):
    fields(node(header, "From"), edoc.sender, ORGANIZATION_FIELDS)
    for recipient in edoc.recipients:
        fields(node(header, "To"), recipient, ORGANIZATION_FIELDS)
    fields(node(header, "Code"), edoc, (("CodeNumber", "code_number"),
                                        ("CodeNotation", "code_notation")))
    fields(node(header, "PromulgationInfo"), edoc,
           (("Place", "place"), ("PromulgationDate", "promulgation_date")))
    fields(node(header, "DocumentType"), edoc, (("Type", "doc_type"),
                                                ("TypeDetail", "doc_type_detail"),
                                                ("TypeName", "doc_type_name")))
    value(header, "Subject", edoc.subject)
    value(header, "Content", edoc.content)
    if edoc.signer is not None:
        fields(node(header, "SignerInfo"), edoc.signer,
               (("Competence", "competence"), ("Position", "position"),
                ("FullName", "full_name")))
    value(header, "DueDate", edoc.due_date)
    if edoc.to_places:
        places = node(header, "ToPlaces")
        for place in edoc.to_places:
            value(places, "Place", place)
    _other_info(header, edoc.other_info)
    response_for(header, edoc.response_for)
    value(header, "SteeringType", edoc.steering_type)
    value(header, "DocumentId", edoc.document_id)


def _other_info(header, info):
    if info is None:
        return
    element = node(header, "OtherInfo")
    fields(element, info, (("Priority", "priority"),
                           ("SphereOfPromulgation", "sphere_of_promulgation"),
                           ("TyperNotation", "typer_notation"),
                           ("PromulgationAmount", "promulgation_amount"),
                           ("PageAmount", "page_amount"), ("Direction", "direction")))
    if info.appendixes:
        appendixes = node(element, "Appendixes")
        for appendix in info.appendixes:
            value(appendixes, "Appendix", appendix)


def _business(trace_list, business):
    """Bussiness, in the order of the published samples: DocumentId,
    BussinessDocType, BussinessDocReason, Paper, BussinessDocumentInfo,
    ReplacementInfoList, StaffInfo."""
    element = node(trace_list, "Bussiness")
    fields(element, business, (("DocumentId", "document_id"), ("BussinessDocType", "doc_type"),
                               ("BussinessDocReason", "reason"), ("Paper", "paper")))
    if business.document_info is not None or business.document_receiver is not None \
            or business.receivers:
        info = node(element, "BussinessDocumentInfo")
        fields(info, business, (("DocumentInfo", "document_info"),
                                ("DocumentReceiver", "document_receiver")))
        receivers = node(info, "ReceiverList") if business.receivers else None
        for receiver in business.receivers:
            fields(node(receivers, "Receiver"), receiver,
                   (("OrganId", "organ_id"), ("ReceiverType", "receiver_type")))
    if business.replacements:
        replacements = node(element, "ReplacementInfoList")
        for replacement in business.replacements:
            info = node(replacements, "ReplacementInfo")
            value(info, "DocumentId", replacement.document_id)
            organs = node(info, "OrganIdList")
            for organ_id in replacement.organ_ids:
                value(organs, "OrganId", organ_id)
    if business.staff is not None:
        fields(node(element, "StaffInfo"), business.staff, STAFF_FIELDS)
