"""The page of an agency's unconfirmed changes of who may read a document
(@@access-changes; NĐ 30/2020 Phụ lục VI III.3.c; ``stats.access_flags``):
who changed what on which document, when, each with its “Xác nhận”
button; and the line on the agency's page telling its admins how many
wait. The agency's admins and site managers only: others get 403."""

from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.browser.action_pages import ActionPage
from qlvbdh_policy.stats import access_flags

FIELD_TITLES = {"id": _("Change"), "agency": _("Agency")}
MSG_CONFIRMED = _("Confirmed; it is kept in the log of access changes.")


class AccessChangesView(ActionPage):
    index = ViewPageTemplateFile("templates/access_changes.pt")
    field_titles = FIELD_TITLES

    def __call__(self):
        access_flags.check(self.context)
        return super().__call__()

    def act(self, action):
        if action == "confirm":
            access_flags.confirm(self.context, self.request.form.get("id"))
            self.say(MSG_CONFIRMED)
        return self.request.response.redirect(f"{self.context.absolute_url()}/@@access-changes")

    def items(self):
        return access_flags.items(self.context)


class AccessChangesCount(ViewletBase):
    """On the agency's pages, to its admins: how many changes wait."""

    index = ViewPageTemplateFile("templates/access_changes_count.pt")

    def update(self):
        super().update()
        self.count = (access_flags.count(self.context)
                      if access_flags.may_confirm(self.context) else 0)

    def render(self):
        return self.index() if self.count else ""
