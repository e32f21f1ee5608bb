"""``@@edxml-update``: the sending clerk corrects the summary or the
deadline of a document issued outside the province and tells every
organisation still holding it, with the reason (BussinessDocType 2, QCVN
102:2016/BTTTT; Quyết định 28/2018/QĐ-TTg Điều 8). The form calls
``exchange.sending.send_update``, as REST ``POST <document>/@edxml-update``
does; a refusal is shown on its field and nothing is stored."""

from plone.z3cform.layout import wrap_form
from qlvbdh_policy import _
from qlvbdh_policy.browser.routing_forms import RoutingForm
from qlvbdh_policy.browser.routing_forms import StepLayout
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.exchange import sending
from qlvbdh_policy.routing.steps import RoutingRefused
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.vietnamese import in_vietnamese
from z3c.form import field
from zope import schema
from zope.interface import Interface


class IUpdate(Interface):
    title = schema.Text(title=_("Summary"), required=False)
    # dd/mm/yyyy as officials write dates (ARCHITECTURE.md, traps)
    due_date = schema.TextLine(title=_("Deadline for recipients"), description=_("dd/mm/yyyy"),
                               required=False)
    reason = schema.Text(title=_("Reason for the update"), required=False)


class UpdateForm(RoutingForm):
    """Required: the reason, and a new summary or deadline (the feature
    function says which is missing, in Vietnamese, on its field)."""

    fields = field.Fields(IUpdate)
    label = _("Send an update to the recipients outside the province")
    description = _("The recipients outside the province receive the new summary or "
                    "deadline as an edXML update, with the reason.")
    sent = 0

    def update(self):
        sending.check_may_update(self.context)  # 403 to anyone else
        super().update()
        if not self.status:  # what the update does, above the form
            self.status = in_vietnamese(self.description, self.request)

    def updateWidgets(self):
        super().updateWidgets()
        self.widgets["due_date"].placeholder = "dd/mm/yyyy"
        if "form.buttons.save" in self.request.form:
            return
        self.widgets["title"].value = self.context.title
        self.widgets["due_date"].value = format_date(self.context.due_date)

    def run(self, data):
        try:
            self.sent = len(sending.send_update(self.context, data.get("reason"),
                                                title=data.get("title"),
                                                due_date=data.get("due_date")))
        except DocumentRefused:
            raise
        except RefusedValue as refusal:  # the summary's own rules (check_title)
            raise RoutingRefused(refusal) from None

    def done(self, target):
        return _("The update is queued for ${count} organisation(s) outside the province.",
                 mapping={"count": self.sent})


UpdateView = wrap_form(UpdateForm, StepLayout)
