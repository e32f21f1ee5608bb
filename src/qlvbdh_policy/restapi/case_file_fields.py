"""The choices of the file plan and the case files through plone.restapi
(issue 19): a retention period or a plan entry that is not one is
refused with the rule it breaks (NĐ 30/2020 Phụ lục V: thời hạn bảo
quản; Điều 29.2: a case file opened from the agency's plan), not with
the generic “cannot take the value” the envelope gives any choice."""

from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.content.validation import refuse
from qlvbdh_policy.interfaces import ICaseFile
from qlvbdh_policy.interfaces import IFilePlanEntry
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from qlvbdh_policy.rules import case_files as R
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import IChoice


def _token(value):
    return value["token"] if isinstance(value, dict) and "token" in value else value


class RuledChoice(ChoiceFieldDeserializer):
    """:raises: RefusedValue (HTTP 400) naming the field and the rule."""

    def __call__(self, value):
        token = _token(value)
        if token not in (None, ""):
            name = self.field.getName()
            if name == "retention":
                refuse(R.refuse_retention(token, name))
            elif name == "plan_entry" and token not in self.field.bind(self.context).vocabulary:
                raise filing.CaseFileRefused(filing.MSG_NOT_ENTRY,
                                             {"value": str(token), "rule": R.RULE_DATES}, name)
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IChoice, ICaseFile, IQlvbdhPolicyLayer)
class CaseFileChoice(RuledChoice):
    pass


@implementer(IFieldDeserializer)
@adapter(IChoice, IFilePlanEntry, IQlvbdhPolicyLayer)
class FilePlanEntryChoice(RuledChoice):
    pass
