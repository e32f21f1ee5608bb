"""An integer shown as plain digits: years and document numbers must read
2026, 1234 and 05, never '2.026' as Vietnamese number formatting groups
them (NĐ 30/2020: numbers below 10 take a leading zero)."""

from z3c.form.converter import IntegerDataConverter
from z3c.form.interfaces import IWidget
from zope.component import adapter
from zope.interface import implementer
from zope.schema import Int
from zope.schema.interfaces import IInt


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
