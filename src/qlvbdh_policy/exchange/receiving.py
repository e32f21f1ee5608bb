"""One edXML message received for an agency, whichever way it came
(``POST <agency>/@edxml-inbox``, the drop folder ``console/edxml_inbox.py``):
a status message goes to the sending side (``status_in.consume``), a new
document lands in the agency's inbox (``inbox``), a recall, update or
replacement acts on the document received before (``changes``)."""

from plone import api
from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.message import Status
from qlvbdh_policy.exchange import changes
from qlvbdh_policy.exchange import inbox
from qlvbdh_policy.exchange import status_in

#: what ``receive`` did: a document landed, a status consumed
ARRIVED = "arrived"
STATUS = "status"


def receive(agency, data):
    """Act on the message ``data`` (bytes) for ``agency``: (what, document),
    what one of ARRIVED, STATUS or ``changes``' answers.

    :raises: inbox.MessageRefused (its subclasses for 409, 413),
        status_in.StatusRefused, changes.ChangeRefused; nothing stored"""
    message = inbox.read(data)
    if isinstance(message, Status):
        return STATUS, status_in.consume(api.portal.get(), message)
    inbox.check_edoc(agency, message, data)
    if message.business.doc_type == codes.BUSINESS_NEW:
        inbox.check_not_received(agency, message.document_id)
        return ARRIVED, inbox.land(agency, message)
    return changes.act(agency, message, data)
