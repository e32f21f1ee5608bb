"""@search's numbers as numbers: ``?arrival_number=248`` is the number 248.

plone.restapi leaves a FieldIndex's value as the string the query string
carries; the catalog then compares "248" with the stored integers, finds
nothing and logs an ERROR (issue 17: indexes queryable as documented). The
number indexes of the books read whole numbers, and anything else answers
400 naming the index, in Vietnamese.
"""

from plone.restapi.search.query import FieldIndexQueryParser
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from zope.component import adapter
from zope.interface import Interface

#: FieldIndexes whose values are whole numbers
NUMBER_INDEXES = frozenset({"arrival_number", "book_number"})

MSG_NOT_A_NUMBER = _("${index}: “${value}” is not a whole number.")


@adapter(FieldIndex, Interface, IQlvbdhPolicyLayer)
class NumberFieldIndexQueryParser(FieldIndexQueryParser):
    def parse_query_value(self, query_value):
        if self.index.getId() not in NUMBER_INDEXES:
            return super().parse_query_value(query_value)
        if isinstance(query_value, int) and not isinstance(query_value, bool):
            return query_value
        text = str(query_value).strip()
        if not text.isdigit():
            # a refusal (400 naming the index), not plone.restapi's
            # QueryParsingError, which answers 500
            raise RefusedValue(MSG_NOT_A_NUMBER, {"index": self.index.getId(), "value": text},
                               self.index.getId(), "@search")
        return int(text)
