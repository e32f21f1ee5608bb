"""The file widget of documents' forms: a refused upload is not kept.

plone.formwidget.namedfile keeps an upload across a form that is shown
again with errors, so the person need not choose the file again: it
writes the whole file, as bytes, into a persistent map in the site's
annotations, committed with the request. For a file the rules refuse
(too big, a program, a wrong format, empty: ``rules.files``) that wrote
a refused 60 MB into ``Data.fs`` (issue 14); such an upload is now
dropped, and the form says why under the field. An accepted file is still
kept while another field is corrected.

The widget's converter hands the upload itself to the file's blob
(``uploads.blob_writing``) instead of reading all of it into one bytes
object first, as plone.formwidget.namedfile's does (issue 14:
registration time does not depend on the attachment)."""

from io import SEEK_END
from plone.formwidget.namedfile import utils
from plone.formwidget.namedfile.converter import NamedDataConverter
from plone.formwidget.namedfile.widget import NamedFileWidget
from plone.namedfile.interfaces import INamedBlobFileField
from plone.namedfile.utils import safe_basename
from qlvbdh_policy.rules import files
from qlvbdh_policy.uploads.blob_writing import DirectWrite
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import NOT_CHANGED
from z3c.form.widget import FieldWidget
from zope.component import adapter
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


@adapter(INamedBlobFileField, CheckedFileWidget)
class UploadConverter(NamedDataConverter):
    """An upload becomes a NamedBlobFile written from the upload in pieces;
    anything else as plone.formwidget.namedfile converts it."""

    def toFieldValue(self, value):
        if not utils.is_file_upload(value):
            return super().toFieldValue(value)
        request = self.widget.request
        if request.get(f"{self.widget.name}.action", None) == "nochange" and not request.get(
                f"{self.widget.name}.file_upload_id", None):
            return NOT_CHANGED
        filename = safe_basename(value.filename)
        if isinstance(filename, bytes):
            filename = filename.decode("utf-8")
        value.seek(0, SEEK_END)
        empty = not value.tell()
        value.seek(0)
        if empty and not filename:
            return self.field.missing_value
        return self.field._type(data=DirectWrite(value), filename=filename)
