"""The file widget of documents' forms: a refused upload is not kept.

plone.formwidget.namedfile keeps an upload across a form that is shown
again with errors, so the person need not choose the file again: it
writes the whole file, as bytes, into a persistent map in the site's
annotations, committed with the request. For a file the rules refuse
(too big, a program, a wrong format, empty: ``rules.files``) that wrote
a refused 60 MB into ``Data.fs`` (issue 14); such an upload is now
dropped, and the form says why under the field. An accepted file is still
kept while another field is corrected."""

from io import SEEK_END
from plone.formwidget.namedfile import utils
from plone.formwidget.namedfile.widget import NamedFileWidget
from qlvbdh_policy.rules import files
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.interface import implementer


def refused_upload(upload):
    """The refusal of ``rules.files`` for a request's FileUpload, or None."""
    # imported here: the content types name this widget while they load
    from qlvbdh_policy.content.validation import max_upload_bytes

    upload.seek(0, SEEK_END)
    size = upload.tell()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return files.check_file(getattr(upload, "filename", "") or "", size, head,
                            max_upload_bytes())


class CheckedFileWidget(NamedFileWidget):
    @property
    def file_upload_id(self):
        if utils.is_file_upload(self.value) and refused_upload(self.value) is not None:
            return ""
        return super().file_upload_id


@implementer(IFieldWidget)
def CheckedFileFieldWidget(field, request):
    return FieldWidget(field, CheckedFileWidget(request))
