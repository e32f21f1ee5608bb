"""REST: ``GET <document>/@signatures`` (also ``?expand=signatures``), the
check of the document's digital signatures; ``POST <document>/@signatures``
checks them again ("Kiểm tra lại") and answers the same; ``GET
<site>/@trust-roots`` lists the installed trust roots (site managers)."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.interfaces import IExpandableElement
from plone.restapi.services import Service
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.signatures import checking
from qlvbdh_policy.signatures import trust_roots
from qlvbdh_policy.signatures.presentation import described
from zope.component import adapter
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.interface import Interface


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
