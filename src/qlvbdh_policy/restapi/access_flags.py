"""The flagged changes of who may read a document (NĐ 30/2020 Phụ lục VI
III.3.c; ``stats.access_flags``):

GET  <agency>/@access-changes             the unconfirmed ones, newest first, and their count
POST <agency>/@access-changes {"id": 3}    confirm one → the confirmed flag

The agency's admins and site managers only: others get 403, anonymous
401; an unknown or already confirmed id answers 404."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.rules.request_body import COUNT
from qlvbdh_policy.stats import access_flags
from zope.interface import alsoProvides


class AccessChangesGet(Service):
    def reply(self):
        access_flags.check(self.context)
        return json_compatible(access_flags.listing_json(self.context))


class AccessChangesPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        access_flags.check(self.context)
        data = json_object(self.request, {"id": COUNT})
        flag = access_flags.confirm(self.context, data.get("id"))
        return json_compatible({
            "id": flag["id"], "confirmed_by": flag["confirmed_by"],
            "confirmed_at": flag["confirmed_at"], "count": access_flags.count(self.context)})
