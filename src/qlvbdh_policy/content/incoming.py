"""IncomingDocument (Văn bản đến): registered in a Register on creation,
with the fields of the incoming register (NĐ 30/2020 Phụ lục IV) and the
input metadata of Phụ lục VI."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.content import document_fields as fields
from qlvbdh_policy.content.fields import NumberLine
from qlvbdh_policy.content.fields import PlainText
from qlvbdh_policy.content.fields import PlainTextLine
from qlvbdh_policy.content.validation import check_arrival_date
from qlvbdh_policy.interfaces import IIncomingDocument
from qlvbdh_policy.interfaces import IRegister
from qlvbdh_policy.timeutil import vietnam_today
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
    arrival_date = schema.Date(
        title=_("Arrival date"), defaultFactory=today, constraint=check_arrival_date
    )
    sender_name = PlainTextLine(
        title=_("Issuing agency"),
        description=_("Tác giả: the agency or organisation that issued the document."),
    )
    sender_agency = schema.Choice(
        title=_("Issuing agency in the province"),
        description=_("When the document comes from an agency of this system."),
        vocabulary="qlvbdh.Agencies",
        required=False,
    )
    code_number = fields.code_number(_("As printed, e.g. 123."))
    code_notation = PlainTextLine(
        title=_("Notation"), description=_("As printed, e.g. UBND-VP."), required=False
    )
    doc_date = fields.doc_date()
    doc_type = fields.doc_type()
    title = fields.summary()
    signer_name = fields.signer_name()
    signer_position = fields.signer_position()
    urgency = fields.urgency()
    secrecy = fields.secrecy()
    page_count = fields.count("page_count", _("Number of pages"))
    directives.widget(file=fields.MAIN_FILE_WIDGET)
    file = fields.main_file()
    recipient_unit = PlainTextLine(
        title=_("Receiving unit or person"), required=False
    )
    transfer_date = schema.Date(title=_("Transfer date"), required=False)
    due_date = schema.Date(title=_("Deadline"), required=False)
    received_on_paper = schema.Bool(title=_("Received on paper"), required=False, default=False)
    notes = PlainText(title=_("Notes"), required=False)

    directives.order_before(arrival_number="*")


@implementer(IIncomingDocument)
class IncomingDocument(Container):
    """Văn bản đến. Further attachments are File objects inside it."""

    arrival_number = None
    source_uid = None  # the outgoing document this copy was delivered from
    instruction = ""  # the leader's direction
    result = ""  # the handler's report
    reply_uid = None
    read_by = ()

    def in_register(self):
        """Guard of the register steps: the document sits in a register
        (not in the inbox of delivered documents)."""
        return IRegister.providedBy(aq_parent(aq_inner(self)))

    @property
    def code(self):
        """Số, ký hiệu as printed: '123/UBND-VP'."""
        parts = [p for p in (self.code_number, self.code_notation) if p]
        return "/".join(parts)
