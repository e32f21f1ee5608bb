"""File downloads whose ``Content-Disposition`` carries a clean name.

New files are stored with clean names (rules/plain_text.clean_filename,
on every input path); files stored before that, and a name written in the
download URL (``@@download/file/<name>``), may still carry folders
(``../../x.pdf``, ``C:\\fakepath\\x.pdf``) or control characters. The
header is rewritten with the cleaned name, for documents and their
attachments alike, on the add-on's layer only.

A PDF of a registered document is downloaded with the print mark (who,
when: NĐ 30/2020 Phụ lục VI III.6.k) when the site setting
``qlvbdh.stamp_document_pdfs`` is on (exports/print_mark.py); the stored
file is left as filed.
"""

from plone.namedfile import browser
from qlvbdh_policy.exports import print_mark
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.rules import plain_text
from qlvbdh_policy.rules import security_headers
from urllib.parse import quote


class _CleanName:
    def set_headers(self, file):
        super().set_headers(file)
        response = self.request.response
        disposition = response.getHeader("Content-Disposition") or ""
        if "filename" not in disposition:
            return
        kind = disposition.split(";")[0]
        sent = self.filename if kind == "attachment" else None
        name = plain_text.clean_filename(sent or getattr(file, "filename", None) or "")
        name = quote((name or self.fieldname or "file").encode("utf-8"))
        # the same shape as plone.namedfile's header, with the clean name
        response.setHeader("Content-Disposition", f"{kind}; filename*=UTF-8''{name}")

    def __call__(self):
        file = self._getFile()
        if not (IOfficialDocument.providedBy(self.context) and print_mark.is_pdf(file)
                and print_mark.stamping_enabled()):
            return super().__call__()
        self.set_headers(file)  # the whole file, marked: no byte ranges
        self.request.response.setHeader("Accept-Ranges", "none")
        data = print_mark.stamp_pdf(file.data, print_mark.mark_text(self.request))
        self.request.response.setHeader("Content-Length", str(len(data)))
        return data


class Download(_CleanName, browser.Download):
    pass


class DisplayFile(_CleanName, browser.DisplayFile):
    """A PDF shown inline gets the PDF's own security policy
    (rules.security_headers.PDF_CONTENT_SECURITY_POLICY), so the browser's
    viewer may draw it in the document's frame; everything else keeps the
    site's."""

    def set_headers(self, file):
        super().set_headers(file)
        response = self.request.response
        inline = (response.getHeader("Content-Disposition") or "").startswith("inline")
        content_type = (getattr(file, "contentType", "") or "").split(";")[0].strip()
        if inline and content_type == "application/pdf":
            response.setHeader("Content-Security-Policy",
                               security_headers.PDF_CONTENT_SECURITY_POLICY)
