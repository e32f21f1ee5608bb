"""One envelope for every REST refusal on the site (issue 17).

Whichever layer refuses — a rule of this package (``RefusedValue``, through
``validation.refusal_body``), plone.restapi's content add, PATCH,
``@workflow`` or ``@login`` (which answer ``{"error": {…}}`` themselves),
a deserializer's ``BadRequest`` listing the fields, Zope's ``Unauthorized``
or ``NotFound`` (plone.rest's exception view, ``{type, message, context,
traceback}``) — a REST client reads the same keys::

    {"type": "BadRequest", "message": "<Vietnamese, naming the rule or field>",
     "errors": [{"field": "doc_date", "message": "…"}],   # when fields are at fault
     "duplicates": [...]}                                  # the 409 of a duplicate

Nothing else: no ``error`` wrapper, no ``context``, never a traceback.

The answer is put in shape once the request has run, as the publisher
ends it (``PubBeforeCommit`` for an answer a service returned,
``PubBeforeAbort`` for an exception, after its exception view), so stock
services keep their code and every path is covered. Where the cause is
known the message is the project's Vietnamese one; stock English stays
only where nothing better is known.

Also here: 401 only for missing or wrong credentials. Zope answers
Unauthorized, and plone.rest 401, to a person logged in who lacks a
permission (the publisher finds no user folder that authorises them, so the
request looks anonymous); a REST client reads 401 as "log in again". A
REST request whose credentials are valid gets 403. Classic pages are not
touched (an anonymous visitor is still sent to the login form).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from plone.dexterity.utils import iterSchemata
from plone.dexterity.utils import iterSchemataForType
from plone.rest.interfaces import IAPIRequest
from Products.CMFCore.WorkflowCore import WorkflowException
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import refusal_body
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import MethodNotAllowed
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.component.hooks import getSite
from zope.i18n import translate
from zope.schema import getFields
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IDecimal
from zope.schema.interfaces import IFloat
from zope.schema.interfaces import IInt

import json
import logging
import re

logger = logging.getLogger(__name__)

STATUS_TYPES = {
    400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
    405: "MethodNotAllowed", 409: "Conflict", 413: "PayloadTooLarge",
    415: "UnsupportedMediaType", 429: "TooManyRequests", 500: "InternalServerError",
    501: "NotImplemented", 503: "ServiceUnavailable",
}
# the keys of the envelope; anything else a layer adds is dropped
EXTRA_KEYS = ("duplicates",)

MSG_UNAUTHORIZED = _("Log in: the credentials are missing or wrong (or the session has ended).")
MSG_FORBIDDEN = _("Your account may not do this here.")
MSG_NOT_FOUND = _("Nothing is found at ${url}.")
MSG_METHOD = _("This address does not take the method ${method}.")
MSG_INTERNAL = _("The system could not complete the request; the error has been "
                "logged for the administrators.")
MSG_BAD_REQUEST = _("The request cannot be read.")
MSG_TYPE_REQUIRED = _("“@type” is required: the type of the content to add.")
MSG_DISALLOWED_TYPE = _("Content of the type “${type}” cannot be added here.")
MSG_CANNOT_CREATE = _("Your account may not add content of the type “${type}” here.")
MSG_LOCKED = _("The content is locked: someone is editing it.")
MSG_NO_TRANSITION = _("Name the step in the address: @workflow/<step>.")
MSG_STEP_UNKNOWN = _("“${action}” is not a step of this document's workflow.")
MSG_STEP_WRONG_STATE = _("The step “${step}” (${action}) cannot be taken while the "
                        "document is “${state}”.")
MSG_STEP_NOT_YOURS = _("The step “${step}” (${action}) is not yours to take on this "
                      "document now (state “${state}”).")
MSG_STEP_REFUSED = _("The step “${action}” was refused: ${reason}")
MSG_LOGIN_MISSING = _("Send “login” and “password” in the body.")
MSG_LOGIN_WRONG = _("Wrong login or password.")
MSG_TOKEN_INVALID = _("The login token is invalid or has expired: log in again.")
MSG_FIELD_REQUIRED = _("“${field}” is required.")
MSG_FIELD_DATE = _("“${field}” takes a date as YYYY-MM-DD (ISO 8601), not “${value}”.")
MSG_FIELD_DATETIME = _("“${field}” takes a date and time as YYYY-MM-DDTHH:MM (ISO 8601), "
                      "not “${value}”.")
MSG_FIELD_INT = _("“${field}” takes a whole number, not “${value}”.")
MSG_FIELD_NUMBER = _("“${field}” takes a number, not “${value}”.")
MSG_FIELD_VALUE = _("“${field}” cannot take the value “${value}”.")
MSG_FIELD_UNKNOWN = _("“${field}”: the value cannot be read.")

# Vietnamese letters that English text has not: a message a person of the
# project wrote (translated) has them; stock English has not
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]",
                        re.IGNORECASE)


def is_vietnamese(text):
    return isinstance(text, str) and bool(VIETNAMESE.search(text))


def error_body(type_, message, errors=None, **extra):
    """The envelope: ``type``, ``message``, ``errors`` when fields are at
    fault, and the extra keys the contract names (``duplicates``)."""
    body = {"type": type_, "message": message}
    if errors:
        body["errors"] = [{"field": e.get("field"), "message": e.get("message")}
                          for e in errors]
    body.update({k: v for k, v in extra.items() if k in EXTRA_KEYS})
    return body


def fields_body(errors):
    """400's envelope of fields at fault, the message naming each."""
    message = "; ".join(f"{e['field']}: {e['message']}" if e.get("field") else e["message"]
                        for e in errors)
    return error_body("ValidationError", message, errors)


def _url(request):
    return (request.get("ACTUAL_URL") or request.get("URL", "")) if request is not None else ""


def _tr(msgid, request, **mapping):
    return translate(_(msgid, mapping=mapping), context=request)


# --- who is asking --------------------------------------------------------------

def _user_folders(request):
    site = getSite()
    folders = []
    for place in (site, getattr(site, "getPhysicalRoot", lambda: None)()):
        folder = getattr(aq_base(place), "acl_users", None) if place is not None else None
        if folder is not None:
            folders.append(place.acl_users)
    return folders


def has_valid_credentials(request):
    """Whether the request is a person's: logged in, or with credentials a
    user folder of the site (or Zope's root) accepts. The publisher leaves
    the request anonymous when the person lacks the permission asked, so
    the credentials are checked again (the login guard counts a guess once
    per request; a locked or disabled account is refused again)."""
    user = getSecurityManager().getUser()
    if user is not None and user.getUserName() != "Anonymous User":
        return True
    for folder in _user_folders(request):
        try:
            if hasattr(aq_base(folder), "_extractUserIds"):
                if folder._extractUserIds(request, folder._getOb("plugins")):
                    return True
            elif request._auth:
                name, password = folder.identify(request._auth)
                if name and folder.authenticate(name, password, request) is not None:
                    return True
        except Exception:  # a refused account (locked, disabled): no credentials
            continue
    return False


# --- fields at fault ---------------------------------------------------------------

def _body_data(request):
    kept = getattr(request, "_qlvbdh_body_object", None)
    if kept is not None and isinstance(kept[1], dict):
        return kept[1]
    try:
        data = json.loads(request.get("BODY") or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _published_content(request):
    published = request.get("PUBLISHED")
    return getattr(published, "context", None) if published is not None else None


def schema_field(request, name):
    """The schema field ``name`` of the content added (``@type`` of the
    body) or changed (the service's context), or None."""
    data = _body_data(request)
    try:
        if request.get("REQUEST_METHOD") == "POST" and isinstance(data.get("@type"), str):
            schemata = iterSchemataForType(data["@type"])
        else:
            context = _published_content(request)
            if context is None:
                return None
            schemata = iterSchemata(context)
        for schema in schemata:
            field = getFields(schema).get(name)
            if field is not None:
                return field
    except Exception:  # an unknown type, content without schemata
        return None
    return None


def _shown(value):
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def field_error(item, request):
    """A deserializer's {field, message}, its message in Vietnamese naming
    the field: a value Python could not read (a date as dd/mm/yyyy, a word
    for a number) is told what the field takes."""
    name = item.get("field")
    message = item.get("message")
    message = translate(message, context=request) if message is not None else ""
    if name is None:
        return {"field": None, "message": message}
    field = schema_field(request, name)
    title = translate(field.title, context=request) if field is not None and field.title else name
    data = _body_data(request)
    value = data.get(name)
    if field is not None and field.required and name in data and value in (None, "", []):
        return {"field": name, "message": _tr(MSG_FIELD_REQUIRED, request, field=title)}
    if name not in data and field is not None and field.required:
        return {"field": name, "message": _tr(MSG_FIELD_REQUIRED, request, field=title)}
    if is_vietnamese(message):
        return {"field": name, "message": message}
    if field is None:
        msgid = MSG_FIELD_UNKNOWN
    elif IDatetime.providedBy(field):
        msgid = MSG_FIELD_DATETIME
    elif IDate.providedBy(field):
        msgid = MSG_FIELD_DATE
    elif IInt.providedBy(field):
        msgid = MSG_FIELD_INT
    elif IFloat.providedBy(field) or IDecimal.providedBy(field):
        msgid = MSG_FIELD_NUMBER
    else:
        msgid = MSG_FIELD_VALUE
    return {"field": name, "message": _tr(msgid, request, field=title, value=_shown(value))}


def field_errors(exc, request):
    """The fields at fault of a deserializer's ``BadRequest([{field,
    message, error}])`` in Vietnamese, or None for another BadRequest."""
    args = getattr(exc, "args", ())
    if not args or not isinstance(args[0], list):
        return None
    return [field_error(item, request) for item in args[0] if isinstance(item, dict)]


# --- workflow steps -------------------------------------------------------------------

def _workflow_refusal(request, context, action):
    """(status, message) of a step the workflow does not offer: 400 for a
    step it does not have, 409 for a step of another state, 403 for a
    step of this state the person may not take."""
    if not action:
        return 400, _tr(MSG_NO_TRANSITION, request)
    try:
        wftool = getSite().portal_workflow
        workflows = wftool.getWorkflowsFor(context)
        state = wftool.getInfoFor(context, "review_state")
    except Exception:
        return 400, _tr(MSG_STEP_UNKNOWN, request, action=action)
    for wf in workflows:
        transition = wf.transitions.get(action)
        if transition is None:
            continue
        state_def = wf.states.get(state)
        state_title = translate(_(state_def.title if state_def else state), context=request)
        step = translate(_(transition.title or action), context=request)
        if state_def is not None and action in state_def.transitions:
            return 403, _tr(MSG_STEP_NOT_YOURS, request, step=step, action=action,
                            state=state_title)
        return 409, _tr(MSG_STEP_WRONG_STATE, request, step=step, action=action,
                        state=state_title)
    return 400, _tr(MSG_STEP_UNKNOWN, request, action=action)


def _action_of(request):
    published = request.get("PUBLISHED")
    return getattr(published, "transition", None)


# --- the envelope of an exception ---------------------------------------------------------

def _unauthorized(exc, request):
    if has_valid_credentials(request):
        return 403, error_body("Forbidden", _tr(MSG_FORBIDDEN, request))
    message = str(exc) if is_vietnamese(str(exc)) else _tr(MSG_UNAUTHORIZED, request)
    return 401, error_body("Unauthorized", message)


def _forbidden(exc, request):
    message = str(exc) if is_vietnamese(str(exc)) else _tr(MSG_FORBIDDEN, request)
    return 403, error_body("Forbidden", message)


def _not_found(exc, request):
    return 404, error_body("NotFound", _tr(MSG_NOT_FOUND, request, url=_url(request)))


def _method_not_allowed(exc, request):
    return 405, error_body("MethodNotAllowed",
                           _tr(MSG_METHOD, request, method=request.get("REQUEST_METHOD")))


def _workflow(exc, request):
    context = _published_content(request)
    if "No workflow provides" in str(exc) and context is not None:
        code, message = _workflow_refusal(request, context, _action_of(request))
        return code, error_body("WorkflowException", message)
    return 400, error_body("WorkflowException", _step_refused(exc, request))


def _bad_request(exc, request):
    errors = field_errors(exc, request)
    if errors is not None:
        return 400, fields_body(errors)
    return 400, known_message("BadRequest", str(exc), request, 400)


#: (exception class, function(exc, request) -> (status, body)), first match wins
EXCEPTION_ANSWERS = (
    (Unauthorized, _unauthorized), (Forbidden, _forbidden), (NotFound, _not_found),
    (MethodNotAllowed, _method_not_allowed), (WorkflowException, _workflow),
    (BadRequest, _bad_request),
)


def exception_body(exc, request, status):
    """(status, body) of an exception raised during a REST request."""
    if isinstance(exc, RefusedValue):
        return getattr(exc, "status", 400), refusal_body(exc, request)
    for kind, answer in EXCEPTION_ANSWERS:
        if isinstance(exc, kind):
            return answer(exc, request)
    if 400 <= status < 500:
        return status, known_message(STATUS_TYPES.get(status, type(exc).__name__),
                                     str(exc), request, status)
    logger.error("REST request %s failed: %s", request.get("ACTUAL_URL"), type(exc).__name__)
    return 500, error_body("InternalServerError", _tr(MSG_INTERNAL, request))


def _step_refused(exc, request):
    message = translate(str(exc), context=request)
    if is_vietnamese(message):
        return message
    return _tr(MSG_STEP_REFUSED, request, action=_action_of(request) or "", reason=message)


# --- the envelope of an answer a service gave -------------------------------------------------

KNOWN = [  # (pattern of a stock English message, msgid, field at fault)
    (re.compile(r"Property '@type' is required"), MSG_TYPE_REQUIRED, "@type"),
    (re.compile(r"Disallowed subobject type: (?P<type>.*)"), MSG_DISALLOWED_TYPE, "@type"),
    (re.compile(r"Cannot create (?P<type>.*)"), MSG_CANNOT_CREATE, None),
    (re.compile(r"Resource is locked"), MSG_LOCKED, None),
    (re.compile(r"Missing transition"), MSG_NO_TRANSITION, None),
    (re.compile(r"Login and password must be provided"), MSG_LOGIN_MISSING, None),
    (re.compile(r"Wrong login and/or password"), MSG_LOGIN_WRONG, None),
    (re.compile(r"The authentication token is invalid"), MSG_TOKEN_INVALID, None),
]


def known_message(type_, message, request, status):
    """The envelope of a stock message: the project's Vietnamese for the
    messages it knows, the field named when one is at fault."""
    message = message or ""
    if not is_vietnamese(message):
        for pattern, msgid, field in KNOWN:
            match = pattern.search(message)
            if match:
                text = _tr(msgid, request, **match.groupdict())
                errors = [{"field": field, "message": text}] if field else None
                return error_body(type_, text, errors)
        if status == 401:
            message = _tr(MSG_UNAUTHORIZED, request)
        elif status == 403:
            message = _tr(MSG_FORBIDDEN, request)
        elif status == 404:
            message = _tr(MSG_NOT_FOUND, request,
                          url=_url(request))
        elif not message:
            message = _tr(MSG_BAD_REQUEST, request)
    return error_body(type_, message)


def normalized(data, status, request):
    """(status, body) of an error body in any of the old shapes."""
    inner = data.get("error") if isinstance(data.get("error"), dict) else data
    type_ = "".join(w[:1].upper() + w[1:]
                    for w in str(inner.get("type") or STATUS_TYPES.get(status, "Error")).split())
    if type_ == "WorkflowException" and "No workflow provides" in str(inner.get("message")):
        context = _published_content(request)
        if context is not None:
            status, message = _workflow_refusal(request, context, _action_of(request))
            return status, error_body(type_, message)
    extra = {k: inner[k] for k in EXTRA_KEYS if k in inner}
    if inner.get("errors"):
        body = error_body(type_, inner.get("message"), inner["errors"], **extra)
        if not is_vietnamese(body["message"]):
            body["message"] = fields_body(body["errors"])["message"]
        return status, body
    if type_ in ("InvalidCredentials", "MissingCredentials"):
        type_ = "Unauthorized"
    body = known_message(type_, inner.get("message"), request, status)
    body.update(extra)
    return status, body


# --- the publisher's end of a REST request ---------------------------------------------

def _is_rest(request):
    return IAPIRequest.providedBy(request) and IQlvbdhPolicyLayer.providedBy(request)


def _set(response, status, body):
    response._locked_status = 0
    response._locked_body = 0
    response.setStatus(status)
    response.setHeader("Content-Type", "application/json")
    response.setBody(json.dumps(body, indent=2, ensure_ascii=False).encode("utf-8"))
    if status != 401:
        response.headers.pop("www-authenticate", None)


def _is_json(response):
    return (response.getHeader("Content-Type") or "").startswith("application/json")


def after_answer(event):
    """PubBeforeCommit: an error a service answered, in the envelope."""
    request = event.request
    response = request.response
    if not _is_rest(request) or response.getStatus() < 400 or not _is_json(response):
        return
    try:
        data = json.loads(response.body or b"null")
    except ValueError:
        return
    if not isinstance(data, dict):
        return
    status, body = normalized(data, response.getStatus(), request)
    _set(response, status, body)


def after_exception(event):
    """PubBeforeAbort: an exception, once its view has answered, in the
    envelope (with the status the contract gives it)."""
    request = event.request
    if not _is_rest(request) or event.retry:
        return
    response = request.response
    status = response.getStatus()
    if status in (301, 302, 303, 307, 308):  # plone.rest's redirect of a moved page
        return
    exc = event.exc_info[1]
    try:
        status, body = exception_body(exc, request, status)
    except Exception:
        logger.exception("REST error envelope failed")
        status, body = 500, error_body("InternalServerError", _tr(MSG_INTERNAL, request))
    _set(response, status, body)
