"""REST: ``GET <document>/@signatures`` (also ``?expand=signatures``), the
check of the document's digital signatures; ``POST <document>/@signatures``
checks them again ("Kiểm tra lại") and answers the same. The trust roots
(site managers)::

    GET    <site>/@trust-roots                  {"@id", "items": [root …]}
    POST   <site>/@trust-roots                  {"filename", "data" (base64 of PEM or DER)}
           → 201 {"root", "recheck"} (200 when it was installed already)
    DELETE <site>/@trust-roots/<fingerprint>    → 200 {"removed", "recheck"}

As the project's other uploads through REST (@external-organisations,
@accounts-import), the file is base64 in a JSON body. A file that is no
CA certificate answers 400 naming the field ``data``, a fingerprint not
installed 404; nothing is stored. ``recheck`` says how many documents the
change made stale and what checks them again (bulk_check.py).
"""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.interfaces import IExpandableElement
from plone.restapi.services import Service
from qlvbdh_policy import _
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.restapi.path_params import PathParamsService
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.signatures import bulk_check
from qlvbdh_policy.signatures import checking
from qlvbdh_policy.signatures import trust_roots
from qlvbdh_policy.signatures.presentation import described
from qlvbdh_policy.vietnamese import in_vietnamese
from zope.component import adapter
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.interface import Interface

import base64
import binascii

FIELD = "data"
MSG_IN_FIELD = _("“${field}” (${filename}): ${reason}")
MSG_NOT_BASE64 = _("“${field}” is not base64: send the root certificate file (PEM or DER) "
                   "encoded in base64.")
MSG_NO_FINGERPRINT = _("Name the trust root in the address: @trust-roots/<SHA-256 fingerprint>.")


@implementer(IExpandableElement)
@adapter(IOfficialDocument, Interface)
class SignaturesExpander:
    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self, expand=False):
        result = {"signatures": {"@id": f"{self.context.absolute_url()}/@signatures"}}
        if expand:
            result["signatures"].update(described(self.context, self.request))
        return result


class SignaturesGet(Service):
    def reply(self):
        return SignaturesExpander(self.context, self.request)(expand=True)["signatures"]


class SignaturesPost(Service):
    """Anyone who reads the document may have it checked again: the check
    is derived from its files and the site's roots, not a person's input."""

    def reply(self):
        # REST writes are guarded by restapi.forgery, as plone.restapi's own
        alsoProvides(self.request, IDisableCSRFProtection)
        checking.recheck(self.context)
        return SignaturesExpander(self.context, self.request)(expand=True)["signatures"]


class TrustRootsGet(Service):
    def reply(self):
        return {"@id": f"{self.context.absolute_url()}/@trust-roots",
                "items": trust_roots.listing()}


def _recheck(site, before):
    """What the change of the roots means for the documents' checks."""
    if trust_roots.digest() == before:
        return {"documents": 0, "message": ""}
    message = bulk_check.roots_changed_message(site)
    return {"documents": bulk_check.signed_count(site) if message else 0,
            "message": in_vietnamese(message) if message else ""}


class TrustRootsPost(Service):
    def reply(self):
        # REST writes are guarded by restapi.forgery, not by the form authenticator
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, {"filename": TEXT, FIELD: TEXT})
        filename = data.get("filename") or ""
        try:
            content = base64.b64decode(data.get(FIELD) or "", validate=True)
        except (binascii.Error, ValueError):
            raise trust_roots.TrustRootRefused(MSG_NOT_BASE64, {"field": FIELD}, FIELD) from None
        before = trust_roots.digest()
        try:
            root = trust_roots.add(content, filename, field=FIELD)
        except trust_roots.TrustRootRefused as refusal:
            raise trust_roots.TrustRootRefused(MSG_IN_FIELD, {
                "field": FIELD, "filename": filename or "?", "reason": refusal.message()},
                FIELD) from None
        recheck = _recheck(self.context, before)
        self.request.response.setStatus(201 if trust_roots.digest() != before else 200)
        return {"@id": f"{self.context.absolute_url()}/@trust-roots/{root['fingerprint']}",
                "root": root, "recheck": recheck}


class TrustRootsDelete(PathParamsService):
    """The fingerprint from the path."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if len(self.params) != 1:
            raise trust_roots.TrustRootRefused(MSG_NO_FINGERPRINT, {}, "fingerprint")
        before = trust_roots.digest()
        trust_roots.remove(self.params[0])
        return {"removed": self.params[0], "recheck": _recheck(self.context, before)}
