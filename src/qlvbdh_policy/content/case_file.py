"""CaseFile (Hồ sơ công việc): opened from an entry of the agency's file
plan, or outside the plan (NĐ 30/2020 Điều 29.2), by the person
responsible for the work. Its documents are named by UID, in the order
they were put in (Phụ lục VI III.4.b): a document stays where it was
registered and may be in several case files of several people without
being copied (III.4.e). The list and the closing data are written by the
feature functions only (casefiles/), never by a form or a PATCH."""

from plone.dexterity.content import Item
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.content.fields import PlainText
from qlvbdh_policy.content.fields import PlainTextLine
from qlvbdh_policy.content.file_plan import check_notation
from qlvbdh_policy.interfaces import ICaseFile
from qlvbdh_policy.timeutil import vietnam_today
from zope import schema
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory


@provider(IContextAwareDefaultFactory)
def today(context):
    return vietnam_today()


class ICaseFileSchema(model.Schema):
    plan_entry = schema.Choice(
        title=_("File plan entry"),
        description=_("The heading of the file plan this case file is opened from."),
        vocabulary="qlvbdh.FilePlanEntries",
        required=False,
    )
    outside_plan = schema.Bool(
        title=_("Outside the file plan"),
        description=_("Then give the notation, the title and the retention period yourself."),
        required=False,
        default=False,
    )
    code = PlainTextLine(
        title=_("Case file notation"),
        description=_("From the file plan entry when left empty, e.g. 01.VP."),
        constraint=check_notation,
        required=False,
    )
    title = PlainTextLine(title=_("Case file title"), required=False)
    retention = schema.Choice(
        title=_("Retention period"), vocabulary="qlvbdh.Retentions", required=False)
    responsible = schema.Choice(
        title=_("Person responsible"),
        description=_("Who keeps the case file; the person who opens it when left empty."),
        vocabulary="qlvbdh.AgencyPeople",
        required=False,
    )
    opened = schema.Date(title=_("Opened on"), defaultFactory=today)
    notes = PlainText(title=_("Notes"), required=False)
    closed = schema.Date(title=_("Closed on"), required=False, readonly=True)
    page_count = schema.Int(title=_("Number of pages"), required=False, readonly=True)
    documents = schema.List(
        title=_("Documents"),
        description=_("UIDs of the documents, in order."),
        value_type=schema.TextLine(),
        required=False,
        readonly=True,
    )


@implementer(ICaseFile)
class CaseFile(Item):
    """Hồ sơ công việc."""

    documents = ()
    closed = None
    page_count = None
