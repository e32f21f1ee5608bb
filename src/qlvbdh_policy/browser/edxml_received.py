"""A document received as an edXML message (QCVN 102:2016/BTTTT), on its
page: the header fields its own fields do not hold ("Thông tin liên
thông (edXML)", ``exchange.received_info``), and the sender's recall,
update or replacement waiting for the agency's clerk, who agrees or
refuses with a reason (Quyết định 28/2018/QĐ-TTg Điều 8.2, 9.2: 15 or 16
goes back to the sender). ``@@edxml-change`` runs ``exchange.changes``'
``agree`` and ``refuse``, as REST ``POST <document>/@edxml-change`` does."""

from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.browser.action_pages import ActionPage
from qlvbdh_policy.edxml.codes import BUSINESS_TITLES
from qlvbdh_policy.exchange import changes
from qlvbdh_policy.exchange import received_info
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.vietnamese import in_vietnamese
from zope.i18nmessageid import Message

MSG_AGREED = _("Agreed: ${what}. The sender is told (edXML status 15).")
MSG_REFUSED = _("Refused: ${what}. The sender is told why (edXML status 16).")
MSG_REQUEST = _("The sender asks: ${what}.")

CHANGE_FORMS = ViewPageTemplateFile("templates/edxml_change_forms.pt")


def change_title(change, request=None):
    """“Thu hồi văn bản”, “Cập nhật văn bản”, “Thay thế văn bản”."""
    return in_vietnamese(BUSINESS_TITLES.get(change.get("kind"), _("Recall of a document")),
                         request)


class ChangeSummary:
    """What the page and the viewlet say of the waiting request, and the
    two forms (agree; refuse with a reason)."""

    def change_lines(self):
        change = self.change
        return {"what": in_vietnamese(_(MSG_REQUEST, mapping={
                    "what": change_title(change, self.request)}), self.request),
                "reason": change.get("reason") or "",
                "received": format_datetime(change.get("received"))}

    def change_forms(self, reason=""):
        return CHANGE_FORMS(self, action=f"{self.context.absolute_url()}/@@edxml-change",
                            reason=reason)


class ReceivedViewlet(ChangeSummary, ViewletBase):
    index = ViewPageTemplateFile("templates/edxml_received.pt")

    def update(self):
        super().update()
        tr = self.tr
        self.rows = [(tr(label), tr(value)) for label, value
                     in received_info.rows(received_info.info_of(self.context))]
        self.change = changes.pending_change(self.context)
        self.can_answer = bool(self.change) and changes.may_answer(self.context)

    def tr(self, value):
        return in_vietnamese(value, self.request) if isinstance(value, Message) else value

    def available(self):
        return bool(self.rows or self.can_answer)


class ChangeAnswerPage(ChangeSummary, ActionPage):
    """The clerk's answer: GET shows the request and the two forms, POST
    ``action`` agree or refuse (with ``reason``); a refusal (no reason) is
    shown on the page and nothing is stored. Anyone else: 403 (anonymous:
    log in)."""

    index = ViewPageTemplateFile("templates/edxml_change.pt")
    field_titles = {"reason": _("Reason for refusing")}

    def __call__(self):
        changes.check_clerk(self.context)
        self.change = changes.pending_change(self.context)
        return super().__call__()

    def act(self, action):
        what = change_title(self.change or {}, self.request)
        if action == "agree":
            changes.agree(self.context)
            self.say(_(MSG_AGREED, mapping={"what": what}))
        elif action == "refuse":
            changes.refuse(self.context, self.request.form.get("reason"))
            self.say(_(MSG_REFUSED, mapping={"what": what}))
        else:
            return None
        self.request.response.redirect(self.context.absolute_url())
        return ""
