"""REST of the receiving side (the hub adapter's account, role HubAdapter):

POST <agency>/@edxml-inbox    body: the edXML message itself
                              (Content-Type application/xml or text/xml)
  201 {"@id", "result": "arrived", "document_id", "review_state", ...}
      a document landed in the agency's inbox (01 queued for the sender)
  200 {"result": "status" | "agreed" | "waiting", ...}
      a status consumed; a recall/update/replacement done (15 queued) or
      waiting for the clerk's agreement
  4xx the project's envelope, nothing stored: 400 malformed, not for this
      agency, secret, bad attachment; 404 a recall/update of a document not
      received; 409 a DocumentId received before, or a status out of order;
      413 too large; 415 not XML

POST <incoming document>/@edxml-change   {"agree": true} | {"agree": false,
                              "reason": "…"}: the clerk answers a sender's
                              recall, update or replacement (15 or 16);
                              401 anonymous, 403 anyone but the agency's
                              clerks (also who may not open the document).
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import max_upload_bytes
from qlvbdh_policy.exchange import changes
from qlvbdh_policy.exchange import inbox
from qlvbdh_policy.exchange import receiving
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.restapi.body import UnsupportedMediaType
from qlvbdh_policy.rules import files
from qlvbdh_policy.rules.request_body import BOOLEAN
from qlvbdh_policy.rules.request_body import TEXT
from zope.interface import alsoProvides

XML_TYPES = ("application/xml", "text/xml")
MSG_NOT_XML = _("Send the edXML message itself as the body, with Content-Type "
                "application/xml or text/xml (not ${media}).")


def message_body(request):
    """The body's bytes, refused before it is read whole when larger than
    a message may be.

    :raises: UnsupportedMediaType, inbox.MessageTooLarge"""
    media = (request.getHeader("Content-Type", "") or "").split(";")[0].strip().lower()
    if media not in XML_TYPES:
        raise UnsupportedMediaType(MSG_NOT_XML, {"media": media or "—"}, "Content-Type")
    limit = files.request_body_limit(max_upload_bytes())
    length = request.getHeader("Content-Length")
    if length and length.isdigit():
        inbox.check_size(int(length))
    body = request.get("BODYFILE")
    if body is None:
        return request.get("BODY") or b""
    body.seek(0)
    data = body.read(limit + 1)
    inbox.check_size(len(data))
    return data


def document_json(doc, result):
    return {"@id": doc.absolute_url(), "result": result, "title": doc.title,
            "document_id": getattr(doc, "edxml_document_id", None),
            "review_state": api.content.get_state(doc, default=None)}


class EdxmlInboxPost(Service):
    #: the body is the XML message, not JSON (``restapi.body.check_api_body``)
    raw_body = True

    def reply(self):
        # REST writes are guarded by restapi.forgery, not by the form authenticator
        alsoProvides(self.request, IDisableCSRFProtection)
        result, doc = receiving.receive(self.context, message_body(self.request))
        if result == receiving.ARRIVED:
            self.request.response.setStatus(201)
        return document_json(doc, result)


class EdxmlChangePost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        changes.check_clerk(self.context)  # before the body: 401 / 403 first
        data = json_object(self.request, {"agree": BOOLEAN, "reason": TEXT})
        if data.get("agree"):
            doc = changes.agree(self.context)
        else:
            doc = changes.refuse(self.context, data.get("reason"))
        return document_json(doc, changes.AGREED if data.get("agree") else "refused")
