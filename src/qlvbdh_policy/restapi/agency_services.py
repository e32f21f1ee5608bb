"""POST <agency>/@dissolve (site managers): the agency becomes a read-only
archive (``dissolution``); answers what was closed and disabled."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from qlvbdh_policy.dissolution import dissolve
from zope.interface import alsoProvides


class DissolvePost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        return json_compatible(dissolve(self.context))
