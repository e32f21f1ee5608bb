"""Field constraints that turn the pure refusal rules into schema errors:
the same message in the add/edit forms, in plone.restapi (400 naming the
field) and in Python (``DocumentRefused``)."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.rules import files
from qlvbdh_policy.rules import refusals
from qlvbdh_policy.vocabularies.registry_vocabularies import title_of
from zExceptions import BadRequest
from zope.i18n import translate
from zope.schema import ValidationError

DEFAULT_MAX_UPLOAD_MB = 50


class RefusedValue(ValidationError, BadRequest):
    """A value the regulation refuses; doc() is the translated reason.

    Also a BadRequest: raised from an event subscriber during a web request,
    it aborts the transaction and answers HTTP 400 with the message.
    """

    def __init__(self, msgid, mapping=None, field=None, rule=None):
        if isinstance(msgid, RefusedValue):
            # CMFCore's workflow tool re-raises ``type(exc)(exc)`` when an
            # event subscriber of a transition refuses: keep what it said
            msgid, mapping, field, rule = msgid.msgid, msgid.mapping, msgid.field, msgid.rule
        super().__init__(msgid)
        self.msgid, self.mapping, self.field, self.rule = msgid, mapping or {}, field, rule

    def message(self):
        return _(self.msgid, mapping=self.mapping)

    def doc(self):
        return self.message()

    def __str__(self):
        return translate(self.message(), target_language="vi")


class DocumentRefused(RefusedValue):
    """Raised in Python when a document breaks a refusal rule."""


def check_secrecy(value):
    refusal = refusals.refuse_secrecy(value, title_of("secrecy", value))
    if refusal:
        raise RefusedValue(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    return True


def check_title(value):
    refusal = refusals.refuse_complaint(value)
    if refusal:
        raise RefusedValue(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    return True


def max_upload_bytes():
    try:
        mb = api.portal.get_registry_record("qlvbdh.max_upload_mb", default=None)
    except api.exc.CannotGetPortalError:
        mb = None
    return (mb or DEFAULT_MAX_UPLOAD_MB) * 1048576


def file_head(value, size=16):
    """The first bytes, without reading a whole blob into memory."""
    if hasattr(value, "open"):
        with value.open() as f:
            return f.read(size)
    return bytes(getattr(value, "data", b""))[:size]


def check_upload(value):
    if value is None:
        return True
    refusal = files.check_file(
        value.filename, value.getSize(), file_head(value), max_upload_bytes()
    )
    if refusal:
        raise RefusedValue(refusal.msgid, refusal.mapping, "file", refusal.reason)
    return True


def check_document(obj):
    """Re-check the refusal rules on a stored object (Python API path)."""
    checks = (
        ("secrecy", check_secrecy),
        ("title", check_title),
        ("file", check_upload),
    )
    for name, check in checks:
        try:
            check(getattr(obj, name, None))
        except RefusedValue as e:
            raise DocumentRefused(e.msgid, e.mapping, name, e.rule) from None
