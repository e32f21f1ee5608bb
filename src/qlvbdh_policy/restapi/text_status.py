"""Whether the text of a document's files has been read for search
(search/extraction.py): ``?expand=text-status`` on the document, or GET
@text-status. Each file: pending, done, or failed with the reason in
Vietnamese; ``ocr`` for a scanned PDF."""

from plone.restapi.interfaces import IExpandableElement
from plone.restapi.services import Service
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.search import extraction
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Interface


@implementer(IExpandableElement)
@adapter(IOfficialDocument, Interface)
class TextStatus:
    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self, expand=False):
        result = {"text-status": {"@id": f"{self.context.absolute_url()}/@text-status"}}
        if not expand:
            return result
        files = extraction.file_statuses(self.context)
        for entry in files:
            if entry["message"] is not None:
                entry["message"] = translate(entry["message"], context=self.request)
        result["text-status"]["files"] = files
        return result


class TextStatusGet(Service):
    def reply(self):
        return TextStatus(self.context, self.request)(expand=True)["text-status"]
