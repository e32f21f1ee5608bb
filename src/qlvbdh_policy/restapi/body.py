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
"""

from plone.rest.interfaces import IAPIRequest
from qlvbdh_policy import _
from qlvbdh_policy.rules import request_body
from qlvbdh_policy.validation import RefusedValue

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# plone.restapi's resumable uploads (@tus-upload, @tus-replace) send raw bytes
NOT_JSON_TYPES = frozenset({"application/offset+octet-stream"})


class BadRequest(RefusedValue):
    """A request body that is not a JSON object: HTTP 400.

    Named so because Zope's and Plone's error views set the status from the
    exception's class name (a request that is not REST gets 400 too)."""

    error_type = "BadRequest"


BodyRefused = BadRequest


def _refuse(refusal):
    return BadRequest(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)


def json_object(request, kinds=None):
    """The JSON object of the request's body ({} when it is empty), its
    fields of the kinds ``kinds`` gives them ({field: request_body.TEXT …},
    the fields the service reads).

    :raises: BodyRefused
    """
    try:
        data = request_body.parse_object(request.get("BODY") or b"",
                                         request.getHeader("Content-Type", ""))
    except request_body.BodyError as exc:
        raise _refuse(exc.refusal) from None
    refusal = request_body.fields_refusal(data, kinds or {})
    if refusal is not None:
        mapping = dict(refusal.mapping, expected=_(refusal.mapping["expected"],
                                                   mapping={"max": refusal.mapping["max"]}),
                       got=_(refusal.mapping["got"]))
        raise BadRequest(refusal.msgid, mapping, refusal.field, refusal.rule)
    return data


def _media(request):
    return (request.getHeader("Content-Type", "") or "").split(";")[0].strip().lower()


def check_api_body(request):
    """Refuse a REST write whose body is not a JSON object (400), once per
    request, before anything reads the body."""
    if getattr(request, "_qlvbdh_body_checked", False):
        return
    if request.get("REQUEST_METHOD", "GET").upper() not in WRITE_METHODS:
        return
    media = _media(request)
    if not (IAPIRequest.providedBy(request) or media == "application/json"):
        return
    if media in NOT_JSON_TYPES:
        return
    request._qlvbdh_body_checked = True
    refusal = request_body.body_refusal(request.get("BODY") or b"", media)
    if refusal is not None:
        raise _refuse(refusal)


def before_site_traversal(site, event):
    """As the site is entered, before authentication: the first reader of
    the body is not a service but plone.restapi's JWT plugin, which parses
    every application/json body while authenticating and catches only a
    DeserializationError (a deep body's RecursionError answered 500).
    (At IPubStart the body is not read in yet.)"""
    check_api_body(event.request)


def after_traversal(event):
    """For requests that ``++api++`` marks as REST during traversal."""
    check_api_body(event.request)
