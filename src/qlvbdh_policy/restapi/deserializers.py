"""Field deserializers of the add-on's types for plone.restapi.

A file field: plone.restapi stores nothing, without a word, when the data
sent is empty (``"data": ""``), and keeps the file name as sent, folders
and control characters included. Here an empty file is refused like in
the forms (rules/files.py, 400 naming the field) and the name is cleaned
(rules/plain_text.py) before any rule or download header sees it.

A Bool field takes a JSON boolean and nothing else. plone.restapi's default
deserializer passes a string through ``Bool.fromUnicode``, which reads
anything but "True", "true" and "on" as False: ``"received_on_paper":
"yes"`` was stored as False without a word. Registered for the add-on's
documents on its browser layer only, not as a global patch.

A list field takes a JSON array and nothing else: plone.restapi's
collection deserializer wraps any other value in a list, so
``"recipients_external": "Sở Nội vụ"`` was stored as a list of one
without a word, and a client that meant several values never learnt.

A read-only field (``arrival_number``, an outgoing document's
``code_number``, ``code_notation``, ``issued_date``: the register and the
issue set them) is refused by name when a PATCH or POST sends it: stock
plone.restapi skipped it silently, so a client believed it had renumbered
a document (issue 17). ``@types`` marks these fields ``readonly``.

The documents' deserializer gives the field deserializers the file fields
that a registration took out of the request's body (``restapi.body.
set_aside_files``, so that stock code does not parse a 7 MB body again
and again): the file is decoded once, by its field's deserializer, before
the document is added, exactly where it was decoded before.
"""

from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.namedfile.interfaces import INamedField
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.deserializer.dxfields import CollectionFieldDeserializer
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.deserializer.dxfields import NamedFieldDeserializer
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import IFieldDeserializer
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from qlvbdh_policy.restapi.body import files_set_aside
from qlvbdh_policy.rules import files
from qlvbdh_policy.rules import plain_text
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema import getFields
from zope.schema.interfaces import IBool
from zope.schema.interfaces import ICollection

import json

MSG_NOT_A_BOOLEAN = _("“${field}” takes true or false (a JSON boolean), not ${value}.")
MSG_NOT_A_LIST = _("“${field}” takes a list (a JSON array), not ${value}.")
MSG_READONLY = _("“${field}” (${name}) is set by the system and cannot be sent: leave it "
                 "out of the request.")


@implementer(IFieldDeserializer)
@adapter(IBool, IOfficialDocument, IQlvbdhPolicyLayer)
class StrictBoolDeserializer(DefaultFieldDeserializer):
    """:raises: RefusedValue (HTTP 400 naming the field) for a non-boolean."""

    def __call__(self, value):
        if value is None and not self.field.required:
            return self.field.missing_value
        if not isinstance(value, bool):
            raise RefusedValue(
                MSG_NOT_A_BOOLEAN,
                {"field": self.field.title, "value": repr(value)[:40]},
                self.field.__name__,
            )
        self.field.validate(value)
        return value


@implementer(IFieldDeserializer)
@adapter(ICollection, IOfficialDocument, IQlvbdhPolicyLayer)
class StrictListDeserializer(CollectionFieldDeserializer):
    """:raises: RefusedValue (HTTP 400 naming the field) for a value that
    is not a JSON array."""

    def __call__(self, value):
        if not isinstance(value, list):
            raise RefusedValue(
                MSG_NOT_A_LIST,
                {"field": self.field.title, "value": json.dumps(value, ensure_ascii=False)[:40]},
                self.field.__name__,
            )
        return super().__call__(list(value))


@implementer(IFieldDeserializer)
@adapter(INamedField, IDexterityContent, IQlvbdhPolicyLayer)
class CheckedFileDeserializer(NamedFieldDeserializer):
    """:raises: RefusedValue for a file sent with no data."""

    def __call__(self, value):
        if isinstance(value, dict) and "data" in value:
            value = dict(value, filename=plain_text.clean_filename(value.get("filename")))
            if not value.get("data"):
                raise RefusedValue(
                    files.MSG_EMPTY, {"name": value["filename"] or "(không tên)"},
                    self.field.__name__, "empty",
                )
        return super().__call__(value)


@implementer(IDeserializeFromJson)
@adapter(IOfficialDocument, IQlvbdhPolicyLayer)
class DocumentDeserializer(DeserializeFromJson):
    """plone.restapi's, reading the body plus the file fields set aside.

    :raises: BadRequest naming each read-only field the body sends (400)."""

    def __call__(self, validate_all=False, data=None, create=False,
                 mask_validation_errors=True):
        if data is None:
            data = dict(json_body(self.request), **files_set_aside(self.request))
        self.refuse_readonly(data)
        return super().__call__(validate_all=validate_all, data=data, create=create,
                                mask_validation_errors=mask_validation_errors)

    def refuse_readonly(self, data):
        errors = []
        for schema in iterSchemata(self.context):
            for name, field in getFields(schema).items():
                if field.readonly and name in data:
                    message = _(MSG_READONLY, mapping={"field": field.title, "name": name})
                    errors.append({"field": name, "error": "ValidationError",
                                   "message": translate(message, context=self.request)})
        if errors:
            raise BadRequest(errors)
