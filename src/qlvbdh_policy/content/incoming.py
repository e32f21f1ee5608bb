"""IncomingDocument (Văn bản đến): registered in a Register on creation,
with the fields of the incoming register (NĐ 30/2020 Phụ lục IV) and the
input metadata of Phụ lục VI."""

from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.interfaces import IIncomingDocument
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.validation import check_secrecy
from qlvbdh_policy.validation import check_title
from qlvbdh_policy.validation import check_upload
from qlvbdh_policy.fields import NumberLine
from zope import schema
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory


@provider(IContextAwareDefaultFactory)
def today(context):
    return vietnam_today()


class IIncomingDocumentSchema(model.Schema):
    arrival_number = NumberLine(
        title=_("Arrival number"),
        description=_("Assigned by the register when the document is registered."),
        required=False,
        readonly=True,
    )
    arrival_date = schema.Date(title=_("Arrival date"), defaultFactory=today)
    sender_name = schema.TextLine(
        title=_("Issuing agency"),
        description=_("Tác giả: the agency or organisation that issued the document."),
    )
    sender_agency = schema.Choice(
        title=_("Issuing agency in the province"),
        description=_("When the document comes from an agency of this system."),
        vocabulary="qlvbdh.Agencies",
        required=False,
    )
    code_number = schema.TextLine(
        title=_("Number"), description=_("As printed, e.g. 123."), required=False
    )
    code_notation = schema.TextLine(
        title=_("Notation"), description=_("As printed, e.g. UBND-VP."), required=False
    )
    doc_date = schema.Date(title=_("Document date"))
    doc_type = schema.Choice(title=_("Document type"), vocabulary="qlvbdh.DocumentTypes")
    title = schema.TextLine(
        title=_("Summary"),
        description=_("Trích yếu nội dung, at most 500 characters."),
        max_length=500,
        constraint=check_title,
    )
    signer_name = schema.TextLine(title=_("Signer"), required=False)
    signer_position = schema.TextLine(title=_("Signer's position"), required=False)
    urgency = schema.Choice(title=_("Urgency"), vocabulary="qlvbdh.Urgency", default="thuong")
    secrecy = schema.Choice(
        title=_("Secrecy"),
        vocabulary="qlvbdh.Secrecy",
        default="thuong",
        constraint=check_secrecy,
    )
    page_count = schema.Int(title=_("Number of pages"), min=1, required=False)
    file = NamedBlobFile(title=_("Main file"), required=False, constraint=check_upload)
    recipient_unit = schema.TextLine(
        title=_("Receiving unit or person"), required=False
    )
    transfer_date = schema.Date(title=_("Transfer date"), required=False)
    due_date = schema.Date(title=_("Deadline"), required=False)
    received_on_paper = schema.Bool(title=_("Received on paper"), required=False, default=False)
    notes = schema.Text(title=_("Notes"), required=False)

    directives.order_before(arrival_number="*")


@implementer(IIncomingDocument)
class IncomingDocument(Container):
    """Văn bản đến. Further attachments are File objects inside it."""

    arrival_number = None

    @property
    def code(self):
        """Số, ký hiệu as printed: '123/UBND-VP'."""
        parts = [p for p in (self.code_number, self.code_notation) if p]
        return "/".join(parts)
