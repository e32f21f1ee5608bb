"""The header's identity: the province's emblem (the site logo a site
manager uploads in Site Setup › Site; a red disc with the yellow star until
then) beside the system's name and, on an agency's host, the agency's name
(issue 16: the header showed Plone's logo on every agency's pages)."""

from plone.app.layout.viewlets.common import LogoViewlet
from plone.base.interfaces import ISiteSchema
from plone.registry.interfaces import IRegistry
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getUtility


class ProvinceLogo(LogoViewlet):
    index = ViewPageTemplateFile("templates/logo.pt")

    def update(self):
        super().update()
        settings = getUtility(IRegistry).forInterface(ISiteSchema, prefix="plone", check=False)
        self.custom_logo = bool(settings.site_logo)
        # the agency's name under its own host; the portal's title once on the portal
        self.agency_title = (self.navigation_root_title
                             if self.navigation_root_title != self.logo_title else None)
