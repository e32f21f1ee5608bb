"""An outgoing document's exchange outside the province (edXML, QCVN
102:2016/BTTTT), below the document: each organisation's status (Quyết
định 28/2018/QĐ-TTg Điều 9) and the messages sent, each downloadable."""

from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.edxml.codes import BUSINESS_TITLES
from qlvbdh_policy.exchange import outbox
from qlvbdh_policy.exchange import sending
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.timeutil import format_datetime
from zExceptions import NotFound
from zope.i18n import translate


class EdxmlViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/edxml_viewlet.pt")

    def update(self):
        super().update()
        doc = self.context
        self.rows = sorted(sending.external_rows(doc).items(),
                           key=lambda item: item[1].get("agency_title") or item[0])
        self.messages = outbox.messages_for(doc)
        self.can_update = sending.update_offered(doc)

    def available(self):
        return bool(self.rows or self.messages)

    def update_url(self):
        return f"{self.context.absolute_url()}/@@edxml-update"

    def status_title(self, status):
        return translate(delivery.STATUS_TITLES.get(status, status), context=self.request)

    def business_title(self, message):
        title = BUSINESS_TITLES.get(message.business_type)
        return translate(title, context=self.request) if title else message.kind

    def download_url(self, message):
        return f"{self.context.absolute_url()}/@@edxml-message?id={message.id}"

    datetime = staticmethod(format_datetime)


class MessageDownload(BrowserView):
    """One of the document's messages, as the XML file (whoever may open
    the document)."""

    def __call__(self):
        wanted = self.request.form.get("id")
        for message in outbox.messages_for(self.context):
            if message.id == wanted:
                response = self.request.response
                response.setHeader("Content-Type", "application/xml; charset=utf-8")
                response.setHeader("Content-Disposition",
                                   f'attachment; filename="{message.id}.edxml"')
                return message.data()
        raise NotFound(wanted)
