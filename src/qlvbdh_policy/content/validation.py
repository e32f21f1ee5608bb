"""Field constraints that turn the pure refusal rules into schema errors:
the same message in the add/edit forms, in plone.restapi (400 naming the
field) and in Python (``DocumentRefused``)."""

from plone import api
from plone.dexterity.utils import iterSchemata
from Products.CMFCore.WorkflowCore import WorkflowException
from qlvbdh_policy import _
from qlvbdh_policy.rules import files
from qlvbdh_policy.rules import plain_text
from qlvbdh_policy.rules import plausible
from qlvbdh_policy.rules import refusals
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.vocabularies.registry_vocabularies import title_of
from zExceptions import BadRequest
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.schema import getFieldsInOrder
from zope.schema import ValidationError
from zope.schema.interfaces import IList
from zope.schema.interfaces import IText

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
        return in_vietnamese(self.message())


class ForbiddenRefusal(RefusedValue):
    """Someone logged in who may not read or do this (HTTP 403, type
    Forbidden in the envelope); an anonymous visitor is asked to log in
    first (``refuse_unless``). The base of every refusal of a reader or
    actor, so that none repeats its status and type."""

    status = 403
    error_type = "Forbidden"


def refuse_unless(allowed, service, refusal, message, mapping=None, field=None):
    """The readers' check of a service or page: nothing when ``allowed``;
    Unauthorized for an anonymous visitor (Plone's challenge: log in);
    ``refusal(message, mapping, field)``, the project's 403, for anyone else."""
    if allowed:
        return
    if api.user.is_anonymous():
        raise Unauthorized(service)
    raise refusal(message, mapping or {}, field)


class DocumentRefused(RefusedValue):
    """Raised in Python when a document breaks a refusal rule."""


class StepRefused(DocumentRefused, WorkflowException):
    """A workflow step refused by an event subscriber (no signed file to
    issue, no reason to send back, a step that needs its form). Still the
    ``WorkflowException`` its callers catch (plone.restapi's ``@workflow``
    answers 400 with the message), and a ``RefusedValue`` for the exception
    views, so the state menu shows the reason instead of a 500."""


def refusal_body(refusal, request):
    """The JSON answer of a refusal, the same for plone.restapi and the
    scripts of Classic UI pages: the REST envelope (restapi/envelope.py),
    the Vietnamese message and, when a field is at fault, ``errors``."""
    message = translate(refusal.message(), context=request)
    body = {"type": getattr(refusal, "error_type", "ValidationError"), "message": message}
    errors = getattr(refusal, "errors", None) or (
        [{"field": refusal.field, "message": message}] if refusal.field else None)
    if errors:
        body["errors"] = errors
    body.update(getattr(refusal, "extra", None) or {})
    return body


def refuse(refusal):
    """Raise a pure rule's refusal as a schema error."""
    if refusal:
        raise RefusedValue(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    return True


def plain(value, field, title, multi=False, refused=RefusedValue):
    """A text without a schema field as stored (``plain_text.checked``):
    the one place feature functions (routing, accounts, saved searches)
    apply the fields' plain-text rule, so the forms and REST share it.

    :raises: ``refused`` (a RefusedValue) naming the field."""
    text, refusal = plain_text.checked(value, field, title, multi)
    if refusal:
        raise refused(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    return text


def check_secrecy(value):
    refusal = refusals.refuse_secrecy(value, title_of("secrecy", value))
    if refusal:
        raise RefusedValue(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    return True


def check_doc_type(value):
    refusal = refusals.refuse_complaint_type(value)
    if refusal:
        raise RefusedValue(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    return True


def check_title(value):
    refusal = refusals.refuse_complaint(value)
    if refusal:
        raise RefusedValue(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    return True


def min_document_date():
    """The configured floor of document dates (registry
    ``qlvbdh.min_document_date``, 01/01/1945 unless a manager changed it)."""
    try:
        floor = api.portal.get_registry_record("qlvbdh.min_document_date", default=None)
    except api.exc.CannotGetPortalError:
        floor = None
    return floor or plausible.DEFAULT_MIN_DOCUMENT_DATE


def check_doc_date(value):
    return refuse(plausible.refuse_doc_date(value, vietnam_today(), min_document_date()))


def check_arrival_date(value):
    """Not in the future; the register's year is checked on registration."""
    return refuse(plausible.refuse_arrival_date(value, vietnam_today()))


def count_constraint(name, title):
    """Số trang, số lượng bản within plausible bounds, named in the message."""
    def check(value):
        return refuse(plausible.refuse_count(value, name, title))
    return check


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
        plain_text.clean_filename(value.filename), value.getSize(), file_head(value),
        max_upload_bytes(),
    )
    if refusal:
        raise RefusedValue(refusal.msgid, refusal.mapping, "file", refusal.reason)
    return True


def clean_filename(obj, name="file"):
    """The stored file's name without folders nor control characters
    (plone.restapi and the Python API take it as sent; the form cuts
    folders only), so no such name reaches a Content-Disposition header."""
    named = getattr(obj, name, None)
    if named is not None and getattr(named, "filename", None) is not None:
        cleaned = plain_text.clean_filename(named.filename)
        if cleaned != named.filename:
            named.filename = cleaned or None


def _plain_fields(obj):
    for schema in iterSchemata(obj):
        for name, field in getFieldsInOrder(schema):
            if IList.providedBy(field):
                field = field.value_type
            if IText.providedBy(field) and hasattr(field, "refuse_control"):
                yield name, field


def clean_text(obj):
    """Normalise the plain-text fields of a stored object and refuse the
    control characters the forms and REST refuse (rules/plain_text.py):
    the Python API path, and values set without a form."""
    for name, field in _plain_fields(obj):
        value = getattr(obj, name, None)
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if isinstance(item, str) and field.refuses_control:
                refusal = plain_text.refuse_control(item, name, field.title)
                if refusal:
                    raise DocumentRefused(refusal.msgid, refusal.mapping, name, refusal.rule)
        if isinstance(value, str):
            cleaned = type(field).normalise(value)
        elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            cleaned = type(value)(type(field).normalise(v) for v in value)
        else:
            continue
        if cleaned != value:
            setattr(obj, name, cleaned)


def check_document(obj):
    """Re-check the refusal rules on a stored object (Python API path)."""
    clean_text(obj)
    clean_filename(obj)
    checks = (
        ("secrecy", check_secrecy),
        ("title", check_title),
        ("doc_type", check_doc_type),
        ("file", check_upload),
        ("doc_date", check_doc_date),
        ("arrival_date", check_arrival_date),
        ("page_count", count_constraint("page_count", _("Number of pages"))),
        ("copies", count_constraint("copies", _("Number of copies"))),
    )
    for name, check in checks:
        try:
            check(getattr(obj, name, None))
        except RefusedValue as e:
            raise DocumentRefused(e.msgid, e.mapping, name, e.rule) from None


def on_content_saved(obj, event):
    """Agencies, departments and registers: the plain-text rules on every
    path, as documents have them through ``check_document``."""
    clean_text(obj)
