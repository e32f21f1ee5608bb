"""An incoming document's REST answer with the key ``edxml``
(``received_info.as_json``): null for a document that came no edXML way,
else the header fields its own fields do not hold and the sender's
request waiting for the clerk (``change``, null when none). plone.restapi
serializes the schema's fields only; ``edxml_info`` is none of them."""

from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from qlvbdh_policy.exchange import changes
from qlvbdh_policy.exchange import received_info
from qlvbdh_policy.interfaces import IIncomingDocument
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from zope.component import adapter
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(IIncomingDocument, IQlvbdhPolicyLayer)
class IncomingDocumentSerializer(SerializeFolderToJson):
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        result["edxml"] = received_info.as_json(received_info.info_of(self.context),
                                                changes.pending_change(self.context))
        return result
