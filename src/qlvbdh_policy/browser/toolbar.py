"""The toolbar's content views, with the last change in Vietnam time
(issue 16: Plone's toolbar let the browser write it in its own time zone,
UTC on many computers, beside pages in Vietnam time)."""

from plone.app.layout.viewlets.common import ContentViewsViewlet
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import VIETNAM


class VietnamContentViews(ContentViewsViewlet):
    menu_template = ViewPageTemplateFile("templates/toolbar_menu.pt")

    def modified_vietnam(self):
        modified = getattr(self.context, "modified", None)
        modified = modified() if callable(modified) else None
        if modified is None:
            return {"iso": "", "text": ""}
        when = modified.asdatetime().astimezone(VIETNAM)
        return {"iso": when.isoformat(), "text": format_datetime(when)}
