"""“Văn bản chờ tiếp nhận”: the clerk's list of documents other agencies
sent, with what a clerk decides on (number and notation, sending agency,
date, summary, urgency, deadline) and the step to take, instead of
Plone's folder listing, which named the sending clerk as the author and
showed none of it (issue 16). From the catalog's metadata, newest first."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import VIETNAM
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type
from qlvbdh_policy.vocabularies.registry_vocabularies import title_of

URGENT = {"khan", "thuong_khan", "hoa_toc"}  # Khẩn, Thượng khẩn, Hỏa tốc stand out


class InboxView(BrowserView):
    template = ViewPageTemplateFile("templates/inbox.pt")

    def __call__(self):
        brains = api.content.find(
            context=self.context, depth=1, portal_type="IncomingDocument",
            sort_on="created", sort_order="descending")
        self.rows = [self.row(b) for b in brains]
        return self.template()

    def row(self, brain):
        term = document_type(brain.doc_type) if brain.doc_type else None
        return {
            "url": brain.getURL(),
            "code": brain.document_code or "",
            "type": term.title if term else "",
            "title": brain.Title,
            "sender": brain.sender_name or "",
            "doc_date": format_date(brain.doc_date),
            "sent": format_datetime(brain.created.asdatetime().astimezone(VIETNAM)
                                    if brain.created else None),
            "due": format_date(brain.due_date),
            "urgency": title_of("urgency", brain.urgency) if brain.urgency else "",
            "urgent": brain.urgency in URGENT,
        }
