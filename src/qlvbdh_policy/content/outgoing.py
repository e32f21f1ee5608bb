"""OutgoingDocument (Văn bản đi): drafted, then issued; issuing assigns the
number, the notation and the date (NĐ 30/2020 Điều 15, 16)."""

from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.content import document_fields as fields
from qlvbdh_policy.content.fields import PlainTextLine
from qlvbdh_policy.interfaces import IOutgoingDocument
from z3c.form.browser.textlines import TextLinesFieldWidget
from zope import schema
from zope.interface import implementer

# plone.app.z3cform's select2 (pat-select2): a list searched as one types
SELECT2_WIDGET = "plone.app.z3cform.widgets.select.Select2FieldWidget"


class IOutgoingDocumentSchema(model.Schema):
    code_number = fields.code_number(_("Assigned when the document is issued."),
                                     readonly=True)
    code_notation = PlainTextLine(
        title=_("Notation"), description=_("Assigned when the document is issued."),
        required=False, readonly=True,
    )
    issued_date = schema.Date(title=_("Issue date"), required=False, readonly=True)
    doc_type = fields.doc_type()
    title = fields.summary()
    # searchable lists (issue 16): the form never asks for a typed login or
    # UID; REST still takes the user id and the UIDs, checked the same way
    directives.widget(signer=SELECT2_WIDGET)
    signer = schema.Choice(
        title=_("Signing leader"),
        description=_("The leader of the agency who signs it."),
        vocabulary="qlvbdh.AgencyLeaders", required=False,
    )
    signer_name = fields.signer_name()
    signer_position = fields.signer_position()
    signer_competence = PlainTextLine(
        title=_("Signing authority"),
        description=_("e.g. KT. GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN."),
        required=False,
    )
    drafting_department = schema.Choice(
        title=_("Drafting department"), vocabulary="qlvbdh.Departments", required=False
    )
    directives.widget(recipients_internal=SELECT2_WIDGET)
    recipients_internal = schema.List(
        title=_("Recipient agencies in the province"),
        value_type=schema.Choice(vocabulary="qlvbdh.Agencies"),
        required=False,
        default=[],
    )
    directives.widget("recipients_external", TextLinesFieldWidget)
    recipients_external = schema.List(
        title=_("Other recipients"),
        description=_("One per line."),
        value_type=PlainTextLine(title=_("Other recipients")),
        required=False,
        default=[],
    )
    # organisations outside the province (ministries, other provinces), by
    # their identification code in the directory: issuing sends each an
    # edXML message through the national hub (exchange/sending.py)
    directives.widget(recipients_edxml=SELECT2_WIDGET)
    recipients_edxml = schema.List(
        title=_("Recipients outside the province (edXML)"),
        description=_("Organisations of the directory; the document goes to each as an "
                      "edXML message through the national document hub when it is issued."),
        value_type=schema.Choice(vocabulary="qlvbdh.ExternalOrganisations"),
        required=False,
        default=[],
    )
    directives.widget(replaces=SELECT2_WIDGET)
    replaces = schema.Choice(
        title=_("Replaces the document"),
        description=_("An issued document of the agency sent outside the province that "
                      "this one replaces: its recipients receive this one as its "
                      "replacement (edXML)."),
        vocabulary="qlvbdh.ReplaceableOutgoing",
        required=False,
    )
    archive_holder = PlainTextLine(
        title=_("Unit or person keeping the archive copy"), required=False
    )
    copies = fields.count("copies", _("Number of copies"))
    urgency = fields.urgency()
    secrecy = fields.secrecy()
    electronic_only = schema.Bool(
        title=_("Electronic only"),
        description=_(
            "Sent without paper. Set automatically for the kinds of Quy chế "
            "Article 3.3; every paper document also needs its electronic file."
        ),
        required=False,
        default=False,
    )
    directives.widget(file=fields.MAIN_FILE_WIDGET)
    file = fields.main_file()
    directives.widget(responds_to=SELECT2_WIDGET)
    responds_to = schema.List(
        title=_("Replies to incoming documents"),
        description=_("The incoming documents this document answers; type a number or words "
                      "of the summary to find one."),
        value_type=schema.Choice(vocabulary="qlvbdh.AnswerableIncoming"),
        required=False,
        default=[],
    )
    due_date = schema.Date(title=_("Deadline for recipients"), required=False)


@implementer(IOutgoingDocument)
class OutgoingDocument(Container):
    """Văn bản đi. Drafts are versioned; attachments are File objects inside."""

    code_number = None
    code_notation = None
    issued_date = None
    code = ""  # '05/QĐ-STTTT', stored when issued
    deliveries = None  # recipient agency UID → edXML status, see delivery.py
