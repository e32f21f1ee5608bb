"""The document's file shown in the page (issue 16): a PDF opens in a
frame on the document's page and beside the step forms (assign, forward,
complete, sign …), with a link that downloads it under its own name.

The frame loads ``@@display-file/file``, which answers a PDF ``inline``
(plone.namedfile's list of types shown in the browser) with the site's
security headers: ``frame-ancestors 'self'`` and ``X-Frame-Options:
SAMEORIGIN`` let the site frame its own files and nobody else
(downloads.DisplayFile)."""

from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.rules import plain_text
from urllib.parse import quote

PDF = "application/pdf"


def shown_file(doc):
    """(object holding it, the file) of the document's main file, else of
    its first attachment that is a PDF; None when it has none."""
    main = getattr(doc, "file", None)
    if main is not None and getattr(main, "size", 0):
        return doc, main
    for obj in doc.objectValues():
        if obj.portal_type != "File":
            continue
        attached = getattr(obj, "file", None)
        if attached is not None and getattr(attached, "contentType", "") == PDF:
            return obj, attached
    return None


def size_text(size):
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def file_info(doc):
    found = shown_file(doc)
    if found is None:
        return None
    holder, file = found
    url = holder.absolute_url()
    name = plain_text.clean_filename(getattr(file, "filename", None) or "") or "file"
    content_type = (getattr(file, "contentType", "") or "").split(";")[0].strip()
    return {
        "filename": name,
        "is_pdf": content_type == PDF,
        "display_url": f"{url}/@@display-file/file",
        "download_url": f"{url}/@@download/file/{quote(name)}",
        "size": size_text(getattr(file, "size", 0) or 0),
    }


class FilePreview(BrowserView):
    """The preview block alone, for the document page and the step forms."""

    template = ViewPageTemplateFile("templates/file_preview.pt")

    def __call__(self):
        self.file = file_info(self.context)
        return self.template() if self.file else ""


class FilePreviewViewlet(ViewletBase):
    def render(self):
        return FilePreview(self.context, self.request)()
