"""The page of an official document. Documents are containers (they hold
their delivery copies and attachments), and Plone's container view lists
their contents, so every document page said “Chưa có nội dung nào trong
thư mục này” (issue 16). A document's page shows its fields as an item's
page does; its trail and files are drawn by viewlets around it.

Each view is kept in the document's access log (``stats.document_log``:
written once the request is over, never in the ZODB)."""

from pathlib import Path
from plone.app.dexterity import browser as dexterity_browser
from plone.dexterity.browser.view import DefaultView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.stats import document_log


class DocumentView(DefaultView):
    index = ViewPageTemplateFile("item.pt", _prefix=str(Path(dexterity_browser.__file__).parent))

    def __call__(self):
        answer = super().__call__()
        document_log.note(self.context, document_log.VIEW, request=self.request)
        return answer
