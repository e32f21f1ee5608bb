"""REST of the directory of external organisations (``exchange.directory``):

GET  <site>/@external-organisations   {"items": [{code, name, address, email}],
                                       "items_total": n}  (anyone logged in)
POST <site>/@external-organisations   {"filename": "to-chuc.csv", "data": "<base64>"}
                                      → 201 {"added": n, "updated": n}  (site managers)

A sheet with a bad row stores nothing and answers 400 with one entry in
``errors`` per bad cell, its ``row`` and ``field`` named.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from qlvbdh_policy.exchange import directory
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.sheets import uploaded_sheet
from zExceptions import Unauthorized
from zope.interface import alsoProvides


class OrganisationsGet(Service):
    def reply(self):
        if api.user.is_anonymous():  # the site root's View is the login page's
            raise Unauthorized("@external-organisations")
        items = directory.organisations()
        return {"@id": f"{self.context.absolute_url()}/@external-organisations",
                "items": items, "items_total": len(items)}


class OrganisationsPost(Service):
    def reply(self):
        # REST writes are guarded by restapi.forgery, not by the form authenticator
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, {"filename": TEXT, "data": TEXT})
        filename, content = uploaded_sheet(data)
        result = directory.import_sheet(filename, content)
        self.request.response.setStatus(201)
        return result
