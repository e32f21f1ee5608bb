"""``@types/<type>``: every field of the type, the read-only ones marked.

plone.restapi builds a type's JSON schema from its add form, which leaves
out the fields nobody types: ``@types/IncomingDocument`` had no
``arrival_number``, ``@types/OutgoingDocument`` no ``code_number``,
``code_notation`` nor ``issued_date``, though every document's JSON
carries them (issue 17). Here each read-only field of the type's schemata
is listed too, in the schema's order, with ``"readonly": true`` (the
field's own word, as Volto reads it) and ``"readOnly": true`` (JSON Schema
and OpenAPI's): a client shows it and never sends it (a write of it
answers 400, ``restapi/deserializers.py``).
"""

from plone.dexterity.utils import iterSchemataForType
from plone.restapi.services.types.get import TypesGet
from plone.restapi.types.interfaces import IJsonSchemaProvider
from zope.component import getMultiAdapter
from zope.component import queryMultiAdapter
from zope.schema import getFieldsInOrder


def readonly_fields(portal_type):
    """[(name, field)] of the type's read-only schema fields, in order."""
    found = []
    for schema in iterSchemataForType(portal_type):
        found.extend((name, field) for name, field in getFieldsInOrder(schema)
                     if field.readonly and name not in dict(found))
    return found


def field_schema(field, context, request):
    provider = queryMultiAdapter((field, context, request), IJsonSchemaProvider,
                                 name=field.__name__)
    provider = provider or getMultiAdapter((field, context, request), IJsonSchemaProvider)
    provider.prefix = ""
    return dict(provider.get_schema(), readonly=True, readOnly=True)


def schema_order(portal_type):
    order = []
    for schema in iterSchemataForType(portal_type):
        order.extend(name for name, _field in getFieldsInOrder(schema) if name not in order)
    return order


def with_readonly_fields(info, portal_type, context, request):
    """The JSON schema ``info`` of ``portal_type`` with its read-only
    fields added to ``properties`` and to the first fieldset, in the
    schema's order."""
    properties = info.get("properties")
    fieldsets = info.get("fieldsets") or []
    missing = [(name, field) for name, field in readonly_fields(portal_type)
               if properties is not None and name not in properties]
    if not missing or not fieldsets:
        return info
    for name, field in missing:
        properties[name] = field_schema(field, context, request)
    order = {name: i for i, name in enumerate(schema_order(portal_type))}
    default = fieldsets[0]
    names = list(default["fields"])
    for name, _field in missing:
        # before the first field listed that the schema puts after it: the
        # form's own order (autoform's directives) stays as it is
        after = [i for i, listed in enumerate(names)
                 if order.get(listed, len(order)) > order[name]]
        names.insert(after[0] if after else len(names), name)
    default["fields"] = names
    return info


class TypesWithReadonlyGet(TypesGet):
    """GET @types as plone.restapi answers it; a type's schema with its
    read-only fields."""

    def reply_for_type(self):
        portal_type = self.params[-1] if self.params else None
        info = super().reply_for_type()
        if self.request.response.getStatus() >= 400 or not isinstance(info, dict):
            return info
        return with_readonly_fields(info, portal_type, self.context, self.request)
