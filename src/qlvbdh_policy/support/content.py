"""The tracked support request (yêu cầu hỗ trợ) and the desk that holds
them (Quy chế Điều 10.4: the IT centre receives the users' requests and
answers them; Điều 8.5, 9.1: incidents are reported to it).

Requests are made by the form at ``<site>/ho-tro`` (support/action.py),
never added by hand: the desk allows no type to be added through the UI.
The desk is an unordered BTree container (no ordering list for two
officials submitting at once to conflict on); its listings go through the
catalog."""

from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.interfaces import IProvinceWide
from zope import schema
from zope.interface import implementer
from zope.interface import Interface

DESK_ID = "yeu-cau-ho-tro"


class ISupportDesk(Interface):
    """Marker: the folder of the site's support requests."""


class ISupportRequest(Interface):
    """Marker: one tracked support request."""


class ISupportDeskSchema(model.Schema):
    pass


class ISupportRequestSchema(model.Schema):
    number = schema.TextLine(title=_("Request number"), required=False, readonly=True)
    kind = schema.TextLine(title=_("Kind of request"), required=False)
    kind_title = schema.TextLine(title=_("Kind of request"), required=False)
    details = schema.Text(title=_("Description of the request"), required=False)
    urgency = schema.TextLine(title=_("Urgency"), required=False)
    urgency_title = schema.TextLine(title=_("Urgency"), required=False)
    attachment = NamedBlobFile(title=_("Screenshot or file"), required=False)
    requester = schema.TextLine(title=_("Requester's account"), required=False)
    requester_name = schema.TextLine(title=_("Requester"), required=False)
    requester_agency = schema.TextLine(title=_("Requester's agency"), required=False)
    agency_name = schema.TextLine(title=_("Name of the agency asking for a domain"),
                                  required=False)
    assignee = schema.TextLine(title=_("Assigned to"), required=False)
    reason = schema.Text(title=_("Reason for the refusal"), required=False)
    resolution = schema.Text(title=_("What was done"), required=False)
    closed = schema.Datetime(title=_("Closed on"), required=False)
    created_agency = schema.TextLine(title=_("Agency created"), required=False)


@implementer(ISupportDesk, IProvinceWide)
class SupportDesk(Container):
    _ordering = "unordered"


@implementer(ISupportRequest)
class SupportRequest(Item):
    number = None
    kind = None
    kind_title = None
    details = None
    urgency = None
    urgency_title = None
    attachment = None
    requester = None
    requester_name = None
    requester_agency = None
    agency_name = None
    assignee = None
    reason = None
    resolution = None
    closed = None
    created_agency = None
