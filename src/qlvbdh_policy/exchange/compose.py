"""The edXML message of an issued outgoing document for one recipient
outside the province (QCVN 102:2016/BTTTT, MessageHeader and
TraceHeaderList/Bussiness), from plain values: no Zope here, so what the
header says of a document is tested without a site.

``facts`` is a dict the sending side reads off the document (see
``sending.facts``): sender {organ_id, name, address, email, phone}, code,
issued_date, place, doc_type, doc_type_title, legal, subject, signer_*,
due_date, urgency, to_places, page_amount, promulgation_amount, steering,
files [(name, content type, bytes)], staff {department, staff, email,
mobile}.
"""

from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.message import Attachment
from qlvbdh_policy.edxml.message import Business
from qlvbdh_policy.edxml.message import document_id
from qlvbdh_policy.edxml.message import Edoc
from qlvbdh_policy.edxml.message import Organization
from qlvbdh_policy.edxml.message import OtherInfo
from qlvbdh_policy.edxml.message import Receiver
from qlvbdh_policy.edxml.message import Replacement
from qlvbdh_policy.edxml.message import Signer
from qlvbdh_policy.edxml.message import StaffInfo
from qlvbdh_policy.edxml.message import TraceHeader
from qlvbdh_policy.rules import edxml_doc_type

#: the register's urgency (qlvbdh.urgency) → OtherInfo/Priority (QCVN 102:2016:
#: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ)
PRIORITY_OF_URGENCY = {"thuong": 0, "khan": 1, "thuong_khan": 2, "hoa_toc": 3,
                       "hoa_toc_hen_gio": 4}
#: the reasons written in BussinessDocReason when the clerk gives none, as
#: the published samples write them
REASONS = {
    codes.BUSINESS_NEW: "Văn bản điện tử mới",
    codes.BUSINESS_RECALL: "Thu hồi văn bản điện tử",
    codes.BUSINESS_UPDATE: "Cập nhật văn bản điện tử",
    codes.BUSINESS_REPLACE: "Văn bản thay thế",
}


def split_code(code):
    """'05/QĐ-STTTT' → ('05', 'QĐ-STTTT'); '03/2026/QĐ-UBND' → ('03',
    '2026/QĐ-UBND'): CodeNumber is the number, CodeNotation the rest."""
    number, _sep, notation = (code or "").partition("/")
    return number or None, notation or None


def edoc_id(facts):
    """DocumentId ``OrganId,yyyy/MM/dd,số/ký hiệu`` of the issued document."""
    return document_id(facts["sender"]["organ_id"], facts["issued_date"], facts["code"])


def organization(entry):
    """From/To out of a {organ_id or code, name, address, email, phone} dict."""
    entry = entry or {}
    name = entry.get("name")
    return Organization(
        organ_id=entry.get("organ_id") or entry.get("code"), organization_in_charge=name,
        organ_name=name, organ_add=entry.get("address") or None,
        email=entry.get("email") or None, telephone=entry.get("phone") or None,
    )


def edoc(facts, recipient, business_type=codes.BUSINESS_NEW, reason=None, now=None,
         replaced=None, receivers=()):
    """The Edoc for ``recipient`` (a directory entry: code, name, address,
    email). ``replaced``: [(DocumentId, [OrganId…])] of the documents a
    replacement (3) replaces; ``receivers``: the OrganIds an update (2)
    goes to; ``now``: the TraceHeader's timestamp (naive Vietnam time)."""
    number, notation = split_code(facts["code"])
    own_id = edoc_id(facts)
    staff = facts.get("staff") or {}
    business = Business(
        doc_type=business_type,
        document_id=own_id if business_type in (codes.BUSINESS_NEW, codes.BUSINESS_UPDATE)
        else None,
        reason=reason or REASONS[business_type],
        paper=0 if facts.get("electronic_only") else 1,
        staff=StaffInfo(**{k: staff.get(k) or None
                           for k in ("department", "staff", "email", "mobile")})
        if staff else None,
    )
    if business_type == codes.BUSINESS_UPDATE:
        business.document_info = 1
        business.document_receiver = 1 if receivers else 0
        business.receivers = [Receiver(organ_id=code, receiver_type=0) for code in receivers]
    if business_type == codes.BUSINESS_REPLACE:
        business.replacements = [Replacement(document_id=old, organ_ids=list(organs))
                                 for old, organs in replaced or ()]
    doc_type, type_detail, type_name = edxml_doc_type.document_type(
        facts.get("doc_type"), facts.get("doc_type_title"), facts.get("legal"))
    signer = Signer(competence=facts.get("signer_competence") or None,
                    position=facts.get("signer_position") or None,
                    full_name=facts.get("signer_name") or None)
    return Edoc(
        sender=organization(facts["sender"]),
        recipients=[organization(recipient)],
        document_id=own_id,
        code_number=number, code_notation=notation,
        place=facts.get("place") or None,
        promulgation_date=facts["issued_date"],
        doc_type=doc_type, doc_type_detail=type_detail, doc_type_name=type_name,
        subject=facts["subject"],
        content=facts.get("content") or None,
        signer=signer if any((signer.competence, signer.position, signer.full_name)) else None,
        due_date=facts.get("due_date"),
        to_places=list(facts.get("to_places") or ()),
        other_info=OtherInfo(
            priority=PRIORITY_OF_URGENCY.get(facts.get("urgency"), 0),
            promulgation_amount=facts.get("promulgation_amount"),
            page_amount=facts.get("page_amount"),
            direction=bool(facts.get("steering") == 2),
            appendixes=[name for name, _type, _data in (facts.get("files") or ())[1:]],
        ),
        steering_type=facts.get("steering") or 1,
        traces=[TraceHeader(organ_id=facts["sender"]["organ_id"], timestamp=now)],
        business=business,
        attachments=[] if business_type == codes.BUSINESS_RECALL else [
            Attachment(content_id=f"cid:{n + 1}", name=name, content_type=content_type,
                       description=name, data=data)
            for n, (name, content_type, data) in enumerate(facts.get("files") or ())
        ],
    )
