"""FilePlan (Danh mục hồ sơ): one per agency and year, approved by the head
of the agency at the start of the year (NĐ 30/2020 Điều 28, mẫu Phụ lục V).
Its entries are child items (``FilePlanEntry``), so the office edits each
heading with Plone's own forms and plone.restapi's content calls; the
order of the plan is the order of its notations."""

from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.content.fields import NumberLine
from qlvbdh_policy.content.fields import PlainText
from qlvbdh_policy.content.fields import PlainTextLine
from qlvbdh_policy.content.validation import refuse
from qlvbdh_policy.interfaces import IFilePlan
from qlvbdh_policy.interfaces import IFilePlanEntry
from qlvbdh_policy.rules import case_files
from qlvbdh_policy.timeutil import vietnam_today
from zope import schema
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory


@provider(IContextAwareDefaultFactory)
def this_year(context):
    return vietnam_today().year


def check_notation(value):
    """Số và ký hiệu hồ sơ: ``01.VP`` (rules/case_files.py)."""
    return refuse(case_files.refuse_notation(value, "code"))


class IFilePlanSchema(model.Schema):
    title = PlainTextLine(title=_("File plan name"))
    year = NumberLine(title=_("Year"), min=2000, max=2200, defaultFactory=this_year)


@implementer(IFilePlan)
class FilePlan(Container):
    """Danh mục hồ sơ of one year."""


class IFilePlanEntrySchema(model.Schema):
    code = PlainTextLine(
        title=_("Case file notation"),
        description=_("Entry number and department abbreviation, e.g. 01.VP."),
        constraint=check_notation,
    )
    title = PlainTextLine(title=_("Case file title"))
    retention = schema.Choice(title=_("Retention period"), vocabulary="qlvbdh.Retentions")
    department = schema.Choice(
        title=_("Department"), vocabulary="qlvbdh.Departments", required=False)
    responsible = schema.Choice(
        title=_("Person responsible"), vocabulary="qlvbdh.AgencyPeople", required=False)
    notes = PlainText(title=_("Notes"), required=False)


@implementer(IFilePlanEntry)
class FilePlanEntry(Item):
    """A heading of the file plan: a case file to be opened during the year."""
