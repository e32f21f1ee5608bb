"""The page of an official document. Documents are containers (they hold
their delivery copies and attachments), and Plone's container view lists
their contents, so every document page said “Chưa có nội dung nào trong
thư mục này” (issue 16). A document's page shows its fields as an item's
page does; its trail and files are drawn by viewlets around it."""

from pathlib import Path
from plone.app.dexterity import browser as dexterity_browser
from plone.dexterity.browser.view import DefaultView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class DocumentView(DefaultView):
    index = ViewPageTemplateFile("item.pt", _prefix=str(Path(dexterity_browser.__file__).parent))
