"""POST into a Register: plone.restapi's add, plus the register's answers.

- the registration runs as its own short transaction under the register's
  lock (``numbering.register_in_own_transaction``), so concurrent clerks
  neither conflict nor wait for Zope's back-off;
- 400 with ``errors: [{field, message}]`` when a field breaks a rule
  (the REST envelope, ``envelope.py``);
- 409 when an incoming document looks registered already (Phụ lục VI),
  unless the client sends ``"confirm_duplicate": true``;
- 400 when the register refuses the document (closed, wrong kind).

The body is parsed once (``body.json_object``) and the file fields are set
aside before stock plone.restapi runs (``body.set_aside_files``): its add
service, serializer and batching each parse the body again, which for a
5 MB file in base64 cost as much as the registration itself. The
documents' deserializer puts the files back, so the file is decoded once,
by the field's own deserializer (empty refused, name cleaned, upload
rules), before the document is added and numbered, as before.
"""

from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import resolveDottedName
from plone.restapi.services.content.add import FolderPost
from qlvbdh_policy import _
from qlvbdh_policy.content.register import DOCUMENT_TYPE_OF_KIND
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.registers.numbering import register_in_own_transaction
from qlvbdh_policy.registers.registration import check_register_kind
from qlvbdh_policy.registers.registration import find_duplicates
from qlvbdh_policy.registers.registration import KIND_TITLES
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.restapi.body import set_aside_files
from qlvbdh_policy.restapi.envelope import error_body
from qlvbdh_policy.restapi.envelope import field_errors
from qlvbdh_policy.restapi.envelope import fields_body
from zExceptions import BadRequest
from zope.component import queryUtility
from zope.i18n import translate

import datetime

MSG_DUPLICATE = _(
    "A document with the same number, notation and issuing agency, of the "
    "same year, is already registered: ${documents}. Send confirm_duplicate: "
    "true to register it again."
)


def parse_date(value):
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def is_document_type(type_name):
    """Whether content of this type is an official document (its
    deserializer is ``DocumentDeserializer``, which reads set-aside files)."""
    fti = queryUtility(IDexterityFTI, name=type_name) if isinstance(type_name, str) else None
    if fti is None:
        return False
    try:
        return IOfficialDocument.implementedBy(resolveDottedName(fti.klass))
    except (ImportError, AttributeError, TypeError):
        return False


class Answer(Exception):
    """Ends the registration transaction with a reply instead of a commit."""

    def __init__(self, status, body):
        self.status, self.body = status, body


class RegisterPost(FolderPost):
    def keeps_files_aside(self, data):
        """Whether the files set aside from the body as the site was entered
        stay aside (``body.after_traversal``): a document's deserializer
        puts them back."""
        return is_document_type(data.get("@type"))

    def reply(self):
        data = json_object(self.request)
        if is_document_type(data.get("@type")):
            set_aside_files(self.request, data)  # DocumentDeserializer adds them back
        try:
            return register_in_own_transaction(self.context, lambda: self.register(data))
        except Answer as answer:
            self.request.response.setStatus(answer.status)
            return answer.body

    def register(self, data):
        kind = {v: k for k, v in DOCUMENT_TYPE_OF_KIND.items()}.get(data.get("@type"))
        if kind is not None:  # before plone.restapi's bare "Disallowed subobject type"
            try:
                check_register_kind(self.context, kind, KIND_TITLES[kind])
            except DocumentRefused as exc:
                message = translate(exc.message(), context=self.request)
                raise Answer(400, fields_body(
                    [{"field": exc.field, "message": message}])) from None
        if data.get("@type") == "IncomingDocument" and not data.get("confirm_duplicate"):
            duplicates = find_duplicates(
                self.context,
                data.get("code_number"),
                data.get("code_notation"),
                data.get("sender_name"),
                parse_date(data.get("doc_date")),
            )
            if duplicates:
                raise Answer(409, self.conflict(duplicates))
        try:
            result = super().reply()
        except DocumentRefused as exc:
            message = translate(exc.message(), context=self.request)
            raise Answer(400, fields_body([{"field": exc.field, "message": message}]))
        except BadRequest as exc:
            errors = field_errors(exc, self.request)
            if errors is None:
                raise
            raise Answer(400, fields_body(errors)) from None
        status = self.request.response.getStatus()
        if status >= 400:  # plone.restapi answered an error itself
            raise Answer(status, result)
        return result

    def conflict(self, brains):
        found = [
            {
                "@id": b.getURL(),
                "title": b.Title,
                "arrival_number": b.arrival_number,
                "arrival_date": b.arrival_date.isoformat() if b.arrival_date else None,
            }
            for b in brains
        ]
        listing = ", ".join(
            f"số đến {d['arrival_number']:02d} ({d['@id']})" if d["arrival_number"] else d["@id"]
            for d in found
        )
        message = translate(_(MSG_DUPLICATE, mapping={"documents": listing}), context=self.request)
        return error_body("Conflict", message, duplicates=found)
