"""``POST <register>/@upload``: a file's bytes before the registration
(``rules.uploads``, ``store``).

The body is the file itself (``Content-Type`` of the file, e.g.
``application/pdf``; its name in ``Content-Disposition: attachment;
filename*=UTF-8''…``), no JSON and no base64. The answer, 201::

    {"upload": "<token>", "filename": "…", "content-type": "…", "size": 5312346,
     "expires": "2026-11-27T10:00:00+07:00"}

and the registration names it: ``"file": {"upload": "<token>"}``. The
account needs to be one that may register documents in the register.
Refusals (the file rules, 413 for a file too big) are the REST envelope's,
and nothing is stored for them.
"""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.CMFCore.utils import getToolByName
from qlvbdh_policy.content.register import DOCUMENT_TYPE_OF_KIND
from qlvbdh_policy.rules import uploads as rules
from qlvbdh_policy.timeutil import VIETNAM_OFFSET
from qlvbdh_policy.uploads import store
from zExceptions import Unauthorized
from zope.interface import alsoProvides

import datetime


def check_may_register(register):
    """:raises: Unauthorized unless the account may add the register's
    documents (the envelope answers 403 to a logged-in account)."""
    type_info = getToolByName(register, "portal_types").getTypeInfo(
        DOCUMENT_TYPE_OF_KIND.get(getattr(register, "kind", None), ""))
    if type_info is None or not type_info.isConstructionAllowed(register):
        raise Unauthorized("Cannot upload here")


class UploadPost(Service):
    #: the body is a file, not JSON (``restapi.body.check_api_body``)
    raw_body = True

    def reply(self):
        check_may_register(self.context)
        # as plone.restapi's own writes: REST writes are guarded by
        # restapi.forgery, not by the form authenticator
        alsoProvides(self.request, IDisableCSRFProtection)
        body = self.request.get("BODYFILE")
        filename = rules.filename_of(self.request.getHeader("Content-Disposition"),
                                     self.request.getHeader("Content-Type"))
        token, upload = store.add(self.context, body, filename)
        expires = datetime.datetime.fromtimestamp(
            int(upload.created) + rules.KEEP_SECONDS, VIETNAM_OFFSET)
        self.request.response.setStatus(201)
        return {"upload": token, "filename": upload.filename,
                "content-type": upload.content_type, "size": upload.size,
                "expires": expires.isoformat()}
