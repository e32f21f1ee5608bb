"""Refuses REST writes that a forged page could have sent with the
session cookie of the person reading it (``rules.forgery``): a write
through the API without an ``Authorization`` header, from another origin
(a sibling agency's host is the same site, so its pages carry the
cookie) or with a body that is not JSON. Answered in Vietnamese as JSON
(403 for another origin, 415 for the body) before the service runs, so
nothing is stored; requests with basic auth or a token are untouched.

One place for every service: plone.restapi's own (``@workflow``,
``@sharing``, PATCH, DELETE …) and this package's."""

from plone import api
from plone.rest.interfaces import IAPIRequest
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.restapi.body import is_classic_page
from qlvbdh_policy.rules.forgery import api_write_refusal


class ForgedRequest(RefusedValue):
    """A write refused as possibly forged; ``status`` is its HTTP status."""

    def __init__(self, refusal):
        super().__init__(refusal.msgid, refusal.mapping, refusal.field, refusal.reason)
        self.status = refusal.status


def own_origin(request):
    """The scheme, host and port the client addressed (virtual hosting
    included: behind nginx this is the agency's own host)."""
    return request.get("SERVER_URL", "")


def refuse_forged_api_writes(event):
    request = event.request
    if not IAPIRequest.providedBy(request) or is_classic_page(request):
        return  # Classic pages and their scripts: the form authenticator
    method = request.get("REQUEST_METHOD", "GET")
    if method.upper() not in ("POST", "PUT", "PATCH", "DELETE"):
        return
    header_auth = bool(request._auth)
    if not header_auth and api.user.is_anonymous():
        return  # no session to abuse; the service answers 401 itself
    refusal = api_write_refusal(
        method, request.getHeader("Content-Type"), request.getHeader("Origin"),
        request.getHeader("Sec-Fetch-Site"), own_origin(request), header_auth)
    if refusal is not None:
        raise ForgedRequest(refusal)
