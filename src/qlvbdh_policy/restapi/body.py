"""The body of a REST write, read in one place (issue 14: no 500 for bad
input).

``json_object(request)`` is what this project's services call instead of
plone.restapi's ``json_body``: the JSON object of the body, or
``BodyRefused`` (HTTP 400, the project's {type, message, errors} answer
through ``refusal_errors``). ``check_api_body`` (as the site is
entered, and after traversal) applies the same rule to every REST write before it runs, so plone.restapi's own
services (content POST/PATCH, @workflow, @login …), whose ``json_body``
answers 500 for a body that is not a JSON object and whose parser recurses
on deep nesting, never see such a body. It runs before authentication
(which parses JSON bodies too) and before anything is written.
The rule itself is ``rules.request_body``.

The body is parsed once: the check keeps the object on the request
(beside the bytes it was parsed from) and ``json_object`` answers from it.
A registration with a 5 MB file is a 7 MB JSON body, and each parse of it
costs 10–25 ms here, a good part of a registration without a file (issue 14:
registration time does not depend on the attachment).
``set_aside_files`` and ``files_set_aside`` let a service hand stock code
the body without its files' data (see ``register_post``).
"""

from Acquisition import aq_base
from plone.rest.interfaces import IAPIRequest
from plone.rest.service import Service
from Products.CMFCore.interfaces import IContentish
from Products.CMFCore.interfaces import ISiteRoot
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import request_body

import json

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# plone.restapi's resumable uploads (@tus-upload, @tus-replace) send raw bytes
NOT_JSON_TYPES = frozenset({"application/offset+octet-stream"})


class BadRequest(RefusedValue):
    """A request body that is not a JSON object: HTTP 400.

    Named so because Zope's and Plone's error views set the status from the
    exception's class name (a request that is not REST gets 400 too)."""

    error_type = "BadRequest"


BodyRefused = BadRequest


class UnsupportedMediaType(RefusedValue):
    """A REST write whose body is not JSON: HTTP 415 (named so for the
    same reason as ``BadRequest``)."""

    error_type = "UnsupportedMediaType"
    status = request_body.STATUS_MEDIA_NOT_JSON


def _refuse(refusal):
    if refusal.field == "Content-Type":  # the body is not what its header says (415)
        return UnsupportedMediaType(refusal.msgid, refusal.mapping, refusal.field,
                                    refusal.rule)
    return BadRequest(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)


def json_object(request, kinds=None):
    """The JSON object of the request's body ({} when it is empty), its
    fields of the kinds ``kinds`` gives them ({field: request_body.TEXT …},
    the fields the service reads).

    :raises: BodyRefused
    """
    data = _parsed(request)
    refusal = request_body.fields_refusal(data, kinds or {})
    if refusal is not None:
        mapping = dict(refusal.mapping, expected=_(refusal.mapping["expected"],
                                                   mapping={"max": refusal.mapping["max"]}),
                       got=_(refusal.mapping["got"],
                             mapping={"position": refusal.mapping.get("position")}))
        raise BadRequest(refusal.msgid, mapping, refusal.field, refusal.rule)
    return data


def _parsed(request):
    """A copy of the body's object, parsed once per body: the object is
    kept with the bytes it came from, so a body that is replaced (as
    ``set_aside_files`` or agency @login do) is parsed anew.

    :raises: BodyRefused
    """
    raw = request.get("BODY") or b""
    kept = getattr(request, "_qlvbdh_body_object", None)
    if kept is None or kept[0] is not raw:
        try:
            data = request_body.parse_object(raw, request.getHeader("Content-Type", ""))
        except request_body.BodyError as exc:
            raise _refuse(exc.refusal) from None
        kept = request._qlvbdh_body_object = (raw, data)
    return dict(kept[1])


def is_file_payload(value):
    """A field's value that carries a file's content, as plone.restapi's file
    deserializer reads it ({"data", "encoding", "filename", …})."""
    return isinstance(value, dict) and "data" in value


def set_aside_files(request, data):
    """Replace the request's body by ``data`` without the files' data, and
    keep those fields aside on the request for ``files_set_aside``.

    Stock plone.restapi reads the body again wherever it needs a field
    (``json_body``: the content add service, its deserializer, the
    serializer's batching), each time ``json.loads`` of the whole body; with
    the files set aside each of those parses a few hundred bytes. Whoever
    calls this must make sure the fields reach the deserializer (the
    documents' deserializer adds them back: ``restapi.deserializers``).
    Returns the fields set aside ({} when there were none: nothing is
    replaced then)."""
    files = {name: value for name, value in data.items() if is_file_payload(value)}
    if files:
        rest = {name: value for name, value in data.items() if name not in files}
        raw = json.dumps(rest).encode("utf-8")
        request.other["BODY"] = raw
        request._qlvbdh_body_object = (raw, rest)
        request._qlvbdh_files_set_aside = files
    return files


def files_set_aside(request):
    """The file fields ``set_aside_files`` took out of the body ({})."""
    return dict(getattr(request, "_qlvbdh_files_set_aside", None) or {})


def set_aside(request, name, value):
    """Hand the documents' deserializer ``value`` for the field ``name``
    instead of what the body holds (a registration's claimed upload)."""
    files = files_set_aside(request)
    files[name] = value
    request._qlvbdh_files_set_aside = files


def _media(request):
    return (request.getHeader("Content-Type", "") or "").split(";")[0].strip().lower()


def is_classic_page(request):
    """Whether traversal ended on a Classic page, view or script rather
    than on a REST service or the content a REST write addresses: plone.rest
    marks any POST asking for JSON as an API request, so folder contents'
    actions (``@@fc-delete`` …) and the state menu's scripts, which post
    form data with ``Accept: application/json``, are marked too. The form
    authenticator guards those (plone.protect), not the REST rules."""
    published = aq_base(request.get("PUBLISHED"))
    if isinstance(published, Service):
        return False
    return not (IContentish.providedBy(published) or ISiteRoot.providedBy(published))


def check_api_body(request, traversed=False):
    """Refuse a REST write whose body is not a JSON object (400), once per
    request, before anything reads the body: a body that says it is JSON,
    as soon as the site is entered; any body of a write to a REST service,
    once traversal has found the service, which is refused (415) unless
    its Content-Type says JSON (issue 17: a ``text/plain`` body was read
    as JSON).

    :raises: BodyRefused, UnsupportedMediaType
    """
    if getattr(request, "_qlvbdh_body_checked", False):
        return
    if request.get("REQUEST_METHOD", "GET").upper() not in WRITE_METHODS:
        return
    media = _media(request)
    if media != "application/json" and not (
            traversed and IAPIRequest.providedBy(request) and not is_classic_page(request)):
        return
    if media != "application/json" and getattr(aq_base(request.get("PUBLISHED")),
                                               "raw_body", False):
        return  # a service that takes a file's bytes (uploads.services)
    if media in NOT_JSON_TYPES:
        return
    request._qlvbdh_body_checked = True
    if traversed:
        raw = request.get("BODY")
        has_body = bool(raw) if isinstance(raw, (bytes, str)) else raw is not None
        refusal = request_body.media_refusal(request.getHeader("Content-Type"), has_body)
        if refusal is not None:
            raise UnsupportedMediaType(refusal.msgid, refusal.mapping, refusal.field,
                                       refusal.rule)
    _parsed(request)


def before_site_traversal(site, event):
    """As the site is entered, before authentication: the first reader of
    the body is not a service but plone.restapi's JWT plugin, which parses
    every application/json body while authenticating and catches only a
    DeserializationError (a deep body's RecursionError answered 500).
    (At IPubStart the body is not read in yet.)

    The files' data is set aside at once, so that the JWT plugin parses
    the body without it (a 7 MB body parsed again cost ~10 ms a
    registration); ``after_traversal`` puts it back unless what was found
    reads the files set aside."""
    request = event.request
    check_api_body(request)
    kept = getattr(request, "_qlvbdh_body_object", None)
    if kept is not None and getattr(request, "_qlvbdh_body_whole", None) is None:
        raw, data = kept
        if set_aside_files(request, dict(data)):
            request._qlvbdh_body_whole = (raw, data)


def after_traversal(event):
    """Once traversal has found what a REST write addresses (``++api++``
    included): its body checked; the files set aside as the site was
    entered go back into the body unless the service takes them aside
    (``keeps_files_aside(data)``, the registration's POST)."""
    request = event.request
    whole = getattr(request, "_qlvbdh_body_whole", None)
    if whole is not None:
        request._qlvbdh_body_whole = None
        keeps = getattr(aq_base(request.get("PUBLISHED")), "keeps_files_aside", None)
        if keeps is None or not keeps(whole[1]):
            request.other["BODY"] = whole[0]
            request._qlvbdh_body_object = whole
            request._qlvbdh_files_set_aside = None
    check_api_body(request, traversed=True)
