"""Inbox (Văn bản chờ tiếp nhận): one per agency. Documents delivered by
other agencies wait here, unnumbered, until the clerk accepts one into a
register (it moves there and gets its arrival number) or returns it."""

from plone.dexterity.content import Container
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.interfaces import IInbox
from zope import schema
from zope.interface import implementer

INBOX_ID = "cho-tiep-nhan"


class IInboxSchema(model.Schema):
    title = schema.TextLine(title=_("Title"))


@implementer(IInbox)
class Inbox(Container):
    """Hộp văn bản chờ tiếp nhận."""

    _ordering = "unordered"
