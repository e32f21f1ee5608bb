"""Department (Phòng, ban) of an agency."""

from plone.dexterity.content import Item
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.content.fields import PlainTextLine
from qlvbdh_policy.interfaces import IDepartment
from zope.interface import implementer


class IDepartmentSchema(model.Schema):
    title = PlainTextLine(title=_("Department name"))
    notation_abbr = PlainTextLine(
        title=_("Abbreviation in document notation"),
        description=_("e.g. VP in 123/STTTT-VP."),
    )


@implementer(IDepartment)
class Department(Item):
    """Phòng, ban."""
