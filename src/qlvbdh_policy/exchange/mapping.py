"""A received document message (``edxml.message.Edoc``) as an incoming
document's fields (NĐ 30/2020 Phụ lục IV and VI) and the rest of its
header, kept beside them (``edxml_info``).

| edXML (QCVN 102:2016)               | incoming document                    |
|-------------------------------------|--------------------------------------|
| Subject                             | title (trích yếu)                    |
| From/OrganName (the directory's     | sender_name (tác giả); sender_agency |
| name, an agency's title)            | when the code is a province agency's |
| Code/CodeNumber, Code/CodeNotation  | code_number, code_notation           |
| PromulgationInfo/PromulgationDate   | doc_date                             |
| DocumentType/TypeName               | doc_type (the site's type of that    |
|                                     | name; none when the site has none)   |
| SignerInfo/FullName, Position       | signer_name, signer_position         |
| OtherInfo/Priority                  | urgency                              |
| OtherInfo/PageAmount                | page_count                           |
| DueDate                             | due_date (hạn xử lý)                 |
| attachments                         | file (the first PDF, else the first) |
|                                     | and File items inside the document   |

Everything else (place, content, competence, places, scope, typist,
number of copies, appendixes, steering type, the answered document, the
sender's contact data) is kept in ``edxml_info``.
"""

from plone import api
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.exchange import directory
from qlvbdh_policy.rules import edxml_intake
from qlvbdh_policy.rules.folding import fold
from qlvbdh_policy.rules.plausible import COUNT_BOUNDS
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type_map

import re

#: the one-line fields checked as every stored text (rules/plain_text.py)
TEXT_FIELDS = ("title", "sender_name", "code_number", "code_notation", "signer_name",
               "signer_position")


def _bare(title):
    """A type's title without its qualifier: "Quyết định (cá biệt)" → "quyet dinh"."""
    return fold(re.sub(r"\(.*?\)", "", title or ""))


def doc_type_token(type_name):
    """The site's document type of that name, or None."""
    wanted = _bare(type_name)
    if not wanted:
        return None
    types = document_type_map()
    for token, term in types.items():
        if fold(term.title) == fold(type_name):
            return token
    for token, term in types.items():
        if _bare(term.title) == wanted:
            return token
    return None


def agency_by_code(code):
    """The province's agency with that identification code, or None."""
    if not code:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency"):
        agency = brain._unrestrictedGetObject()
        if (getattr(agency, "agency_code", None) or "").strip().upper() == code.upper():
            return agency
    return None


def sender_of(edoc):
    """(name, agency or None, directory entry or None) of the sender."""
    code = edoc.sender.organ_id
    agency = agency_by_code(code)
    entry = directory.organisation(code)
    name = (agency.title if agency is not None else None) or (entry or {}).get("name") \
        or edoc.sender.organ_name or edoc.sender.organization_in_charge or code
    return name, agency, entry


def main_attachment(attachments):
    """The attachment that becomes the document's file: the first PDF,
    else the first."""
    for attachment in attachments:
        if (attachment.content_type or "").lower() == "application/pdf" \
                or (attachment.name or "").lower().endswith(".pdf"):
            return attachment
    return attachments[0] if attachments else None


def page_count(other):
    low, high = COUNT_BOUNDS
    pages = other.page_amount if other is not None else None
    return pages if pages is not None and low <= pages <= high else None


def fields(edoc, refused):
    """The incoming document's fields, each text checked as stored text
    (``refused``: the RefusedValue class raised, naming the field)."""
    name, agency, _entry = sender_of(edoc)
    signer = edoc.signer
    other = edoc.other_info
    values = dict(
        title=edoc.subject,
        sender_name=name,
        sender_agency=agency.UID() if agency is not None else None,
        code_number=edoc.code_number,
        code_notation=edoc.code_notation,
        doc_date=edoc.promulgation_date,
        doc_type=doc_type_token(edoc.doc_type_name),
        signer_name=signer.full_name if signer is not None else None,
        signer_position=signer.position if signer is not None else None,
        urgency=edxml_intake.urgency(other.priority if other is not None else None),
        secrecy="thuong",
        page_count=page_count(other),
        due_date=edoc.due_date,
        arrival_date=None,
    )
    for field in TEXT_FIELDS:
        values[field] = plain(values[field], field, field, refused=refused) or None
    return values


def _organization(org):
    return {k: v for k, v in vars(org).items() if v} if org is not None else {}


def info(edoc):
    """What the incoming document's fields do not hold, as plain data."""
    signer = edoc.signer
    other = edoc.other_info
    answer = edoc.response_for
    return {
        "document_id": edoc.document_id,
        "sender": _organization(edoc.sender),
        "place": edoc.place,
        "doc_type_code": edoc.doc_type,
        "doc_type_name": edoc.doc_type_name,
        "content": edoc.content,
        "competence": signer.competence if signer is not None else None,
        "to_places": list(edoc.to_places),
        "priority": other.priority if other is not None else None,
        "sphere_of_promulgation": other.sphere_of_promulgation if other is not None else None,
        "typer_notation": other.typer_notation if other is not None else None,
        "promulgation_amount": other.promulgation_amount if other is not None else None,
        "page_amount": other.page_amount if other is not None else None,
        "appendixes": list(other.appendixes) if other is not None else [],
        "steering_type": edoc.steering_type,
        "response_for": answer.document_id if answer is not None else None,
        "business_type": edoc.business.doc_type,
        "business_reason": edoc.business.reason,
    }
