"""The footer of every page: the province's system and who to ask for
help (Quy chế Điều 10.2, 10.4: the IT centre supports the users), instead
of Plone's copyright and “Powered by Plone” (issue 16). Both come from
settings a site manager changes through the web: the site's title (Site
Setup › Site) and the mail sender's name and address (Site Setup › Mail),
which are also what the system's own mails are signed with. The footer is
a portlet of Plone's footer manager (profiles/default/portlets.xml), so it
can be moved or replaced through the web too."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.timeutil import vietnam_today


class ProvinceFooter(BrowserView):
    index = ViewPageTemplateFile("templates/province_footer.pt")

    def __call__(self):
        return self.index()

    def site_title(self):
        return api.portal.get_registry_record("plone.site_title", default="") or ""

    def support(self):
        name = api.portal.get_registry_record("plone.email_from_name", default="") or ""
        address = api.portal.get_registry_record("plone.email_from_address", default="") or ""
        return {"name": name, "address": address} if (name or address) else None

    def year(self):
        return vietnam_today().year
