"""A document message received for an agency: its checks and its landing
(``receiving.receive`` dispatches every received message).

A document message (BussinessDocType 0) lands in the agency's inbox as an
incoming document waiting for acceptance (văn bản đến chờ tiếp nhận), as a
delivery from another agency of the province does (Quyết định
28/2018/QĐ-TTg Điều 9 khoản 1: the clerk checks it, then accepts it into a
register or refuses it); the sender is told 01 đã đến. Its DocumentId is
kept and indexed (``edxml_document_id``). A status message goes to the
sending side (``status_in.consume``); recall, update and replacement
(BussinessDocType 1–3) act on the document received before (``changes``).

Refused, nothing stored (each a RefusedValue: its HTTP status, the field
at fault, the Vietnamese reason):

- a body larger than a message with one file at the site's limit: 413;
- not edXML, or a field the reader refuses: 400;
- not addressed to this agency (no To/OrganId is its identification
  code): 400;
- secret (rules/edxml_intake.py: Quyết định 28/2018/QĐ-TTg Điều 1.2, Quy chế
  Điều 3.2.a): 400;
- an attachment no attached file may be (empty, a program, another
  format), 400, or too large, 413;
- a DocumentId the agency already received: 409.
"""

from plone import api
from plone.namedfile.file import NamedBlobFile
from qlvbdh_policy import _
from qlvbdh_policy.agencies.setup import ensure_inbox
from qlvbdh_policy.content.validation import max_upload_bytes
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml import reader
from qlvbdh_policy.edxml.message import EdxmlError
from qlvbdh_policy.exchange import mapping
from qlvbdh_policy.exchange import status_out
from qlvbdh_policy.rules import edxml_intake
from qlvbdh_policy.rules import files
from qlvbdh_policy.rules import plain_text
from qlvbdh_policy.timeutil import vietnam_timestamp

import uuid

INDEX = "edxml_document_id"
SECRET_FIELD = "OtherInfo/SphereOfPromulgation"

MSG_TOO_LARGE = _("The edXML message is ${size} MB; a message may be at most ${limit} MB "
                  "(one file at the site's limit of ${file_limit} MB, in base64).")
MSG_NOT_FOR_US = _("The message is addressed to ${codes} (To/OrganId), not to this agency "
                   "(${agency}, identification code ${code}).")
MSG_AGENCY_NO_CODE = _("The agency ${agency} has no identification code (mã định danh): "
                       "it cannot receive edXML messages until a site manager gives it one.")
MSG_SECRET = _("The document is marked secret (${level}): documents with state secrets are "
               "not sent or received electronically (${rule}). Nothing was stored.")
MSG_DUPLICATE = _("The document ${document_id} was already received by this agency "
                  "(${title}, ${state}); it is not stored twice.")
MSG_ATTACHMENT = _("Attachment ${name}: ${reason}")


class MessageRefused(RefusedValue):
    """A received message refused, nothing stored (HTTP 400 unless the
    subclass says otherwise)."""

    error_type = "BadRequest"


class MessageTooLarge(MessageRefused):
    status = 413
    error_type = "PayloadTooLarge"


class DuplicateMessage(MessageRefused):
    status = 409
    error_type = "Conflict"


def refused_edxml(error):
    """The reader's EdxmlError as a refusal naming the element."""
    return MessageRefused(error.msgid, error.mapping, error.field, error.rule)


def _mb(size):
    return f"{size / 1048576:.1f}".replace(".", ",")


def check_size(size):
    """:raises: MessageTooLarge"""
    file_limit = max_upload_bytes()
    limit = files.request_body_limit(file_limit)
    if size > limit:
        raise MessageTooLarge(MSG_TOO_LARGE, {"size": _mb(size), "limit": _mb(limit),
                                              "file_limit": file_limit // 1048576}, "edXML")


def read(data):
    """The Edoc or Status of ``data``.

    :raises: MessageRefused"""
    check_size(len(data or b""))
    try:
        return reader.read_message(data)
    except EdxmlError as error:
        raise refused_edxml(error) from None


def check_recipient(agency, edoc):
    """:raises: MessageRefused unless one To/OrganId is the agency's code."""
    code = (getattr(agency, "agency_code", None) or "").strip()
    if not code:
        raise MessageRefused(MSG_AGENCY_NO_CODE, {"agency": agency.title}, "To/OrganId")
    wanted = [r.organ_id for r in edoc.recipients]
    if code.upper() not in [w.upper() for w in wanted]:
        raise MessageRefused(MSG_NOT_FOR_US, {"codes": ", ".join(wanted), "agency": agency.title,
                                              "code": code}, "To/OrganId")


def level_marks(data):
    """(local name, text) of every element of OtherInfo and MessageHeader
    (where a sender could add a level of secrecy)."""
    root = reader.parse(data)
    header = root.find(f"{reader.q('edXMLEnvelope')}/{reader.q('edXMLHeader')}/"
                       f"{reader.q('MessageHeader')}")
    marks = []
    for parent in (header, header.find(reader.q("OtherInfo")) if header is not None else None):
        for element in (parent if parent is not None else ()):
            marks.append((element.tag.rsplit("}", 1)[-1], element.text or ""))
    return marks


def check_not_secret(edoc, data):
    """:raises: MessageRefused naming the scope of circulation"""
    sphere = edoc.other_info.sphere_of_promulgation if edoc.other_info is not None else None
    level = edxml_intake.secrecy_of(sphere, level_marks(data))
    if level:
        titles = dict((token, title) for title, token in edxml_intake.LEVELS)
        raise MessageRefused(MSG_SECRET, {"level": titles[level].capitalize(),
                                          "rule": edxml_intake.RULE_SECRET_EXCHANGE},
                             SECRET_FIELD, edxml_intake.RULE_SECRET_EXCHANGE)


def check_attachments(edoc):
    """Each attachment as any attached file (rules/files.py).

    :raises: MessageRefused, MessageTooLarge"""
    limit = max_upload_bytes()
    for attachment in edoc.attachments:
        name = plain_text.clean_filename(attachment.name)
        refusal = files.check_file(name, len(attachment.data), attachment.data[:16], limit)
        if refusal:
            kind = MessageTooLarge if refusal.reason == "size" else MessageRefused
            reason = _(refusal.msgid, mapping=refusal.mapping)
            raise kind(MSG_ATTACHMENT, {"name": name, "reason": reason},
                       "Attachment/ContentTransferEncoded")


def received_copy(agency, document_id):
    """The agency's document received under ``document_id``, or None."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        **{INDEX: document_id, "path": "/".join(agency.getPhysicalPath())})
    return brains[0]._unrestrictedGetObject() if len(brains) else None


def check_not_received(agency, document_id):
    """:raises: DuplicateMessage"""
    copy = received_copy(agency, document_id)
    if copy is not None:
        wftool = api.portal.get_tool("portal_workflow")
        state = api.content.get_state(copy, default="")
        state = wftool.getTitleForStateOnType(state, copy.portal_type) or state
        raise DuplicateMessage(MSG_DUPLICATE, {"document_id": document_id, "title": copy.title,
                                               "state": _(state)}, "DocumentId")


def blob(attachment):
    return NamedBlobFile(data=attachment.data, contentType=attachment.content_type
                         or "application/octet-stream",
                         filename=plain_text.clean_filename(attachment.name))


def attach_files(doc, attachments):
    """The first PDF (else the first file) as the document's file, the
    others as File items inside it."""
    main = mapping.main_attachment(attachments)
    doc.file = blob(main) if main is not None else None
    for attachment in attachments:
        if attachment is main:
            continue
        api.content.create(container=doc, type="File", title=attachment.description
                           or attachment.name, file=blob(attachment), safe_id=True,
                           id=plain_text.clean_filename(attachment.name) or None)


def land(agency, edoc):
    """The document in the agency's inbox, its files attached, 01 reported.

    :raises: MessageRefused"""
    fields = mapping.fields(edoc, MessageRefused)
    _name, _agency, entry = mapping.sender_of(edoc)
    with api.env.adopt_roles(["Manager"]):
        doc = api.content.create(container=ensure_inbox(agency), type="IncomingDocument",
                                 id=f"edxml-{uuid.uuid4().hex[:12]}", **fields)
        attach_files(doc, edoc.attachments)
        doc.edxml_document_id = edoc.document_id
        doc.edxml_sender_code = edoc.sender.organ_id
        doc.edxml_organisation = entry["code"] if entry else None
        doc.edxml_info = dict(mapping.info(edoc), received=vietnam_timestamp())
        doc.reindexObject()
    status_out.report(doc, codes.STATUS_ARRIVED)
    return doc


def check_edoc(agency, edoc, data):
    """Every refusal a document message may meet before it acts."""
    check_recipient(agency, edoc)
    check_not_secret(edoc, data)
    check_attachments(edoc)
