"""Field classes of the add-on.

NumberLine: an integer shown as plain digits: years and document numbers must read
2026, 1234 and 05, never '2.026' as Vietnamese number formatting groups
them (NĐ 30/2020: numbers below 10 take a leading zero).

PlainTextLine, PlainText: text as printed documents carry it; what each
class of character becomes is decided in rules/plain_text.py."""

from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import plain_text
from z3c.form.converter import IntegerDataConverter
from z3c.form.interfaces import IWidget
from zope.component import adapter
from zope.interface import implementer
from zope.schema import Int
from zope.schema import Text
from zope.schema import TextLine
from zope.schema.interfaces import IInt
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine


class INumberLine(IInt):
    """An Int that is a code, not a quantity."""


@implementer(INumberLine)
class NumberLine(Int):
    pass


@adapter(INumberLine, IWidget)
class NumberLineConverter(IntegerDataConverter):
    def toWidgetValue(self, value):
        if value is self.field.missing_value:
            return ""
        return f"{value:02d}"  # numbers below 10 take a leading zero

    def toFieldValue(self, value):
        value = (value or "").strip().replace(".", "").replace(",", "")
        if not value:
            return self.field.missing_value
        return super().toFieldValue(value)


class IPlainTextLine(ITextLine):
    """A one-line text as printed documents carry it (rules/plain_text.py)."""


class IPlainText(IText):
    """A multi-line text as printed documents carry it (rules/plain_text.py)."""


class _PlainTextMixin:
    """Refuses control characters naming the field; normalises what it
    receives from a form or from plone.restapi (both call ``fromUnicode``).
    The Python API and values set without a form go through
    ``validation.clean_text`` in the types' event subscribers."""

    normalise = None
    refuses_control = True  # else normalise drops them (rules/plain_text.py)

    def fromUnicode(self, value):
        if isinstance(value, str):
            self.refuse_control(value)  # named before normalising hides it
            value = type(self).normalise(value)
        return super().fromUnicode(value)

    def _validate(self, value):
        super()._validate(value)
        self.refuse_control(value)

    def refuse_control(self, value):
        if not self.refuses_control:
            return
        refusal = plain_text.refuse_control(value, self.__name__, self.title)
        if refusal:
            raise RefusedValue(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)


@implementer(IPlainTextLine)
class PlainTextLine(_PlainTextMixin, TextLine):
    normalise = plain_text.one_line


@implementer(IPlainText)
class PlainText(_PlainTextMixin, Text):
    normalise = plain_text.multi_line
    refuses_control = False
