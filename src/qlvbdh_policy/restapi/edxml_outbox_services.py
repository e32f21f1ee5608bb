"""REST of the edXML outbox (QCVN 102:2016/BTTTT), for the hub adapter that
carries the messages to the national document hub, and of one document's
messages, for its clerk.

    GET  <site>/@edxml-outbox?b_size=50&after=<id>&inline=true   pending messages, oldest first
    GET  <site>/@edxml-outbox/<id>                                one message, the XML file
    POST <site>/@edxml-outbox-ack      {"ids": [...]}             taken by the hub adapter
    GET  <doc>/@edxml-messages                                    the document's messages
    GET  <doc>/@edxml-messages/<id>                               one of them, the XML file
    POST <doc>/@edxml-update           {"reason", "title", "due_date"}   BussinessDocType 2

The outbox: the hub adapter's account (role HubAdapter) and site managers
(permission ExchangeEdxml). A document's messages: whoever may open it.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.edxml.codes import BUSINESS_TITLES
from qlvbdh_policy.exchange import outbox
from qlvbdh_policy.exchange import sending
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.restapi.path_params import PathParamsService
from qlvbdh_policy.restapi.routing_services import url_of_uid
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.rules.request_body import TEXTS
from zope.i18n import translate
from zope.interface import alsoProvides

import base64

TRUE = ("1", "true", "yes")
MSG_NO_MESSAGE = _("No edXML message ${id} is here.")
MSG_ONE_MESSAGE = _("Name one message in the address: @edxml-outbox/<id>.")


class OutboxRefused(RefusedValue):
    error_type = "BadRequest"


class MessageNotFound(RefusedValue):
    status = 404
    error_type = "NotFound"


def api_base(context, service):
    """The address of ``service`` under ``++api++``: the links the answers
    give (download, next) then work as given with a plain GET (wget, a
    browser, a shell without ``Accept: application/json``), where the bare
    ``@edxml-outbox/<id>`` would be an ordinary page lookup and a 404."""
    site = api.portal.get().absolute_url()
    # ++api++ right after the site: plone.rest's traverser wraps what follows
    path = context.absolute_url()[len(site):]
    return f"{site}/++api++{path}/{service}"


def message_json(message, request, base, inline=False):
    out = {
        "id": message.id,
        "kind": message.kind,
        "business_type": message.business_type,
        "business_title": translate(BUSINESS_TITLES[message.business_type], context=request)
        if message.business_type in BUSINESS_TITLES else None,
        "recipient_code": message.recipient_code,
        "document_id": message.document_id,
        "document_uid": message.document_uid,
        "document": url_of_uid(message.document_uid) if message.document_uid else None,
        "created": message.created.isoformat(),
        "acknowledged": message.acknowledged.isoformat() if message.acknowledged else None,
        "size": message.size,
        "download": f"{base}/{message.id}",
    }
    if inline:
        out["xml_base64"] = base64.b64encode(message.data()).decode("ascii")
    return out


def send_xml(request, message):
    response = request.response
    response.setHeader("Content-Type", "application/xml; charset=utf-8")
    response.setHeader("Content-Disposition", f'attachment; filename="{message.id}.edxml"')
    response.setHeader("Content-Length", str(message.size))
    return message.data()


class _OneMessage(PathParamsService):
    """Takes a message id from the path."""

    def render(self):
        # the XML itself, not JSON, for one message
        if self.params:
            self.check_permission()
            return self.reply()
        return super().render()

    def one(self, found):
        if len(self.params) != 1:
            raise OutboxRefused(MSG_ONE_MESSAGE, {}, "id")
        message = found(self.params[0])
        if message is None:
            raise MessageNotFound(MSG_NO_MESSAGE, {"id": self.params[0]}, "id")
        return send_xml(self.request, message)


class OutboxGet(_OneMessage):
    def reply(self):
        site = api.portal.get()
        if self.params:
            return self.one(lambda i: outbox.get(site, i))
        form = self.request.form
        size = int(form.get("b_size") or outbox.PAGE)
        after = form.get("after") or None
        inline = str(form.get("inline", "")).lower() in TRUE
        base = api_base(site, "@edxml-outbox")
        items = outbox.pending(site, limit=size, after=after)
        page = min(max(size, 1), outbox.MAX_PAGE)
        more = len(items) == page and outbox.pending(site, limit=1, after=items[-1].id)
        return {
            "@id": self.request.get("ACTUAL_URL", base),
            "items_total": outbox.pending_count(site),
            "items": [message_json(m, self.request, base, inline) for m in items],
            "next": f"{base}?b_size={page}&after={items[-1].id}"
            + ("&inline=true" if inline else "") if more else None,
        }


class OutboxAcknowledgePost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, {"ids": TEXTS})
        site = api.portal.get()
        try:
            now, before = outbox.acknowledge(site, data.get("ids") or [])
        except outbox.OutboxError as error:
            raise OutboxRefused(error.msgid, error.mapping, "ids") from None
        for message_id in now:
            sending.mark_taken(outbox.get(site, message_id))
        return {"acknowledged": now, "already_acknowledged": before,
                "items_total": outbox.pending_count(site)}


def document_messages(doc, request):
    base = api_base(doc, "@edxml-messages")
    return {"@id": doc.absolute_url() + "/@edxml-messages",
            "items": [message_json(m, request, base) for m in outbox.messages_for(doc)]}


class DocumentMessagesGet(_OneMessage):
    def reply(self):
        if self.params:
            mine = {m.id: m for m in outbox.messages_for(self.context)}
            return self.one(mine.get)
        return document_messages(self.context, self.request)


class UpdatePost(Service):
    """The clerk's update of an issued document sent outside (BussinessDocType 2)."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, {"reason": TEXT, "title": TEXT, "due_date": TEXT})
        sending.send_update(self.context, data.get("reason"), title=data.get("title"),
                            due_date=data.get("due_date"))
        return document_messages(self.context, self.request)
