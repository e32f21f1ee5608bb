"""The file rules (rules/files.py) in the form that adds an attachment to a
document. An attachment is a stock File whose schema the add-on does not
own; without this validator the refusal came from an event subscriber
after the form was accepted, and the form answered HTTP 500 instead of
showing the message beside the field."""

from plone.formwidget.namedfile.validator import NamedFileWidgetValidator
from plone.namedfile.interfaces import INamed
from plone.namedfile.interfaces import INamedField
from qlvbdh_policy.content.validation import check_upload
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from z3c.form import validator


class AttachmentValidator(NamedFileWidgetValidator):
    """:raises: RefusedValue (shown on the field) for an empty file, a
    program, a format not accepted or a file too big."""

    def validate(self, value, force=False):
        result = super().validate(value, force)
        if INamed.providedBy(value):
            check_upload(value)
        return result


validator.WidgetValidatorDiscriminators(
    AttachmentValidator, context=IOfficialDocument, request=IQlvbdhPolicyLayer,
    field=INamedField,
)
