"""Register (Sổ văn bản): one book per kind and year. Holds its documents
in an unordered BTree: no ordering list for concurrent registrations to
fight over; listings go through the catalog."""

from plone.dexterity.content import Container
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.content.fields import NumberLine
from qlvbdh_policy.content.fields import PlainTextLine
from qlvbdh_policy.interfaces import IRegister
from qlvbdh_policy.rules.series import MODE_PER_TYPE
from qlvbdh_policy.rules.series import MODE_SINGLE
from qlvbdh_policy.timeutil import vietnam_today
from zope import schema
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

KINDS = SimpleVocabulary(
    [
        SimpleTerm("incoming", "incoming", _("Incoming documents")),
        SimpleTerm("outgoing", "outgoing", _("Outgoing documents")),
    ]
)
MODES = SimpleVocabulary(
    [
        SimpleTerm(MODE_SINGLE, MODE_SINGLE, _("One series for all administrative documents")),
        SimpleTerm(MODE_PER_TYPE, MODE_PER_TYPE, _("One series per document type")),
    ]
)


@provider(IContextAwareDefaultFactory)
def this_year(context):
    return vietnam_today().year


class IRegisterSchema(model.Schema):
    title = PlainTextLine(title=_("Register name"))
    kind = schema.Choice(title=_("Kind"), vocabulary=KINDS)
    year = NumberLine(title=_("Year"), min=2000, max=2200, defaultFactory=this_year)
    numbering_mode = schema.Choice(
        title=_("Numbering of administrative documents"),
        description=_(
            "Outgoing registers only. Legal normative documents always have "
            "one series per type."
        ),
        vocabulary=MODES,
        default=MODE_SINGLE,
    )


#: the type of document a book of each kind holds (NĐ 30/2020 Điều 15, 22)
DOCUMENT_TYPE_OF_KIND = {"incoming": "IncomingDocument", "outgoing": "OutgoingDocument"}


@implementer(IRegister)
class Register(Container):
    """Sổ văn bản."""

    def allowedContentTypes(self, context=None):
        """The FTI's types, of this book's kind only: the add menu of a book
        of incoming documents offers no "Văn bản đi" (the registration
        refuses it in every path anyway, ``registration.check_register_kind``)."""
        allowed = super().allowedContentTypes(context)
        wanted = DOCUMENT_TYPE_OF_KIND.get(getattr(self, "kind", None))
        if wanted is None:
            return allowed
        return [fti for fti in allowed if fti.getId() == wanted]

    _ordering = "unordered"
    closed_numbers = None  # series → last number, recorded when the book is closed
    closed_on = None
