"""Registering documents in register books: arrival numbers on creation,
numbers and notation on issue, refusals in every path, duplicate warnings.

Browser forms, REST services and event subscribers all call these
functions; none holds a rule of its own.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.content.validation import check_document
from qlvbdh_policy.content.validation import check_upload
from qlvbdh_policy.content.validation import clean_filename
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.content.validation import StepRefused
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.interfaces import IRegister
from qlvbdh_policy.registers import closing
from qlvbdh_policy.registers.numbering import counters
from qlvbdh_policy.registers.numbering import take_next
from qlvbdh_policy.rules import electronic
from qlvbdh_policy.rules import notation
from qlvbdh_policy.rules import plausible
from qlvbdh_policy.rules.duplicates import duplicate_key
from qlvbdh_policy.rules.series import INCOMING
from qlvbdh_policy.rules.series import series_key
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type
from qlvbdh_policy.vocabularies.registry_vocabularies import is_legal_type

MSG_WRONG_REGISTER = _("${type} documents belong in a register of kind ${kind}.")
MSG_WRONG_REGISTER_NAMED = _(
    "The register “${register}” is a book of ${kind}; ${type} cannot be "
    "entered in it."
)
KIND_TITLES = {"incoming": "văn bản đến", "outgoing": "văn bản đi"}
MSG_NEEDS_FILE = electronic.MSG_NEEDS_FILE


class RegistrationRefused(DocumentRefused):
    """The register refuses the document (closed, wrong kind, no file)."""


def register_of(obj):
    parent = aq_parent(aq_inner(obj))
    return parent if IRegister.providedBy(parent) else None


def check_register_open(register, today=None):
    """Open, and the book of this year; else refused with a link to the open one."""
    closing.check_takes_documents(register, today)


def check_register_kind(register, kind, type_title):
    """An incoming document in a book of incoming documents, an outgoing one
    in a book of outgoing documents (NĐ 30/2020 Điều 15, 22: one book per
    kind); refused in every path, naming the register."""
    if register.kind != kind:
        raise RegistrationRefused(
            MSG_WRONG_REGISTER_NAMED,
            {"type": type_title, "register": register.title,
             "kind": KIND_TITLES.get(register.kind, register.kind)},
            "register",
        )


def check_arrival_in_register(doc, register, today):
    """Ngày đến in the book's year and not in the future."""
    arrival = aq_base(doc).__dict__.get("arrival_date")
    refusal = plausible.refuse_arrival_date(arrival, today, register.year, register.title)
    if refusal:
        raise RegistrationRefused(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)


# -- incoming ----------------------------------------------------------------


def register_incoming(doc):
    """Give a new incoming document the next arrival number of its register."""
    register = register_of(doc)
    if register is None:
        return None  # waiting in an agency's queue: numbered when accepted
    check_document(doc)
    check_register_kind(register, "incoming", "văn bản đến")
    today = vietnam_today()  # read once: the year checked is the year written
    check_register_open(register, today)
    check_arrival_in_register(doc, register, today)
    doc.arrival_number = take_next(register, INCOMING)
    # Stored, not left to the field's default: Dexterity computes a missing
    # default on every read, so the date would move on with the clock.
    if not aq_base(doc).__dict__.get("arrival_date"):
        doc.arrival_date = today
    doc.reindexObject()
    return doc.arrival_number


MSG_DUPLICATE_ACCEPT = _(
    "This document seems to be registered already: ${documents}. To accept it "
    "anyway, tick “Register anyway” (REST: confirm_duplicate: true)."
)


class DuplicateFound(RegistrationRefused):
    """A delivered copy that looks registered already (HTTP 409, with the
    documents found under ``duplicates``)."""

    status = 409
    error_type = "Conflict"

    def __init__(self, brains):
        found = [{"@id": b.getURL(), "title": b.Title, "arrival_number": b.arrival_number,
                  "arrival_date": b.arrival_date.isoformat() if b.arrival_date else None}
                 for b in brains]
        listing = ", ".join(f"số đến {d['arrival_number']:02d} ({d['title']})"
                            if d["arrival_number"] else d["title"] for d in found)
        super().__init__(MSG_DUPLICATE_ACCEPT, {"documents": listing}, "confirm_duplicate")
        self.extra = {"duplicates": found}


def registered_duplicates(doc, register):
    """Registered incoming documents of the register's agency that are the
    same document as ``doc`` (a delivered copy about to be accepted): the
    copy itself and other copies still waiting are not registered."""
    return [b for b in find_duplicates(register, doc.code_number, doc.code_notation,
                                       doc.sender_name, doc.doc_date)
            if b.UID != doc.UID()]


def find_duplicates(context, code_number, code_notation, sender_name, doc_date):
    """Registered incoming documents of the same agency that are the same
    document (a delivered copy waiting in the inbox is not registered)."""
    key = duplicate_key(code_number, code_notation, sender_name, doc_date)
    agency = agency_of(context)
    if key is None or agency is None:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(
        portal_type="IncomingDocument",
        duplicate_key=key,
        path="/".join(agency.getPhysicalPath()),
    )
    return [b for b in found if b.arrival_number]  # copies waiting in the inbox are not


# -- outgoing ----------------------------------------------------------------


def prepare_outgoing(doc):
    """On creation: the kinds of Quy chế Điều 3.3 are electronic only; a
    draft in a register is in a book of outgoing documents."""
    register = register_of(doc)
    if register is not None:
        check_register_kind(register, "outgoing", "văn bản đi")
    if electronic.electronic_only_default(doc.doc_type, doc.title):
        doc.electronic_only = True
    check_document(doc)


def outgoing_series(register, doc):
    return series_key(
        "outgoing", doc.doc_type, legal=is_legal_type(doc.doc_type),
        mode=register.numbering_mode,
    )


def issue_outgoing(doc):
    """Assign number, notation and date; called by the workflow's issue step."""
    register = register_of(doc)
    if register is None:
        raise RegistrationRefused(
            MSG_WRONG_REGISTER, {"type": "Văn bản đi", "kind": "outgoing"}, "register"
        )
    check_document(doc)
    check_register_kind(register, "outgoing", "văn bản đi")
    today = vietnam_today()
    check_register_open(register, today)
    if doc.file is None:
        raise RegistrationRefused(
            MSG_NEEDS_FILE, {"rule": electronic.RULE_ELECTRONIC_FILE}, "file"
        )
    agency = agency_of(register)
    legal = is_legal_type(doc.doc_type)
    term = document_type(doc.doc_type)
    dept_abbr = ""
    if doc.drafting_department:
        dept = api.content.get(UID=doc.drafting_department)
        dept_abbr = dept.notation_abbr if dept is not None else ""
    kind = notation.KIND_LEGAL if legal else notation.KIND_ADMINISTRATIVE
    code_notation = notation.code_notation(
        agency.notation_abbr, type_abbr=term.abbr if term else "",
        department_abbr=dept_abbr, kind=kind,
    )
    number = take_next(register, outgoing_series(register, doc))
    doc.code_number = notation.format_number(number)  # a string, as printed
    doc.code_notation = code_notation
    doc.issued_date = today
    doc.code = notation.full_code(number, code_notation, year=today.year, kind=kind)
    doc.reindexObject()
    return doc.code


# -- subscribers -------------------------------------------------------------


def on_register_added(register, event):
    counters(register)  # created once, so registrations never race to create it


def on_incoming_added(doc, event):
    register_incoming(doc)


def on_outgoing_added(doc, event):
    prepare_outgoing(doc)


def on_document_modified(doc, event):
    check_document(doc)


def on_attachment_saved(attachment, event):
    """Further attachments (File objects in a document) obey the same file rules."""
    if IOfficialDocument.providedBy(aq_parent(aq_inner(attachment))):
        clean_filename(attachment)
        check_upload(getattr(attachment, "file", None))


def on_before_transition(doc, event):
    """Signing needs the file (otherwise the signed draft could never be
    issued: the clerk cannot attach it); issuing numbers the document."""
    if event.transition is not None and event.transition.id == "sign" and doc.file is None:
        raise StepRefused(electronic.MSG_SIGN_NEEDS_FILE,
                          {"rule": electronic.RULE_ELECTRONIC_FILE}, "file")
    if event.transition is not None and event.transition.id == "issue":
        try:
            issue_outgoing(doc)
        except DocumentRefused as e:
            raise StepRefused(e.msgid, e.mapping, e.field, e.rule) from None

