"""Support requests over REST (Quy chế Điều 10.4), thin around
support/tracking.py; refusals in the project's envelope (restapi/envelope.py):

- ``GET <site>/@support-requests`` the requester's own (``?scope=queue``:
  the IT centre's open requests, oldest first);
- ``POST <site>/@support-requests`` a request without the form
  ({kind, details, urgency, agency_name, attachment}; the attachment as
  plone.restapi sends files: {data (base64), encoding, filename,
  content-type});
- ``GET <request>/@support-request`` one request with its history;
- ``POST <request>/@support-step`` {action: assign|start|resolve|reject,
  assignee, reason, resolution, abbr, notation_abbr}."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from qlvbdh_policy import _
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.restapi.deserializers import decoded
from qlvbdh_policy.rules.plain_text import clean_filename
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.support import tracking
from qlvbdh_policy.support.action import form_titles
from qlvbdh_policy.support.kinds import URGENCIES
from zope.interface import alsoProvides

import binascii

MSG_ATTACHMENT = _("“attachment” is a file as the API sends files: an object {data: the "
                   "file in base64, encoding: \"base64\", filename, content-type}.")
MSG_SCOPE = _("“scope” is “mine” or “queue”, not “${scope}”.")
STEP_FIELDS = ("action", "assignee", "reason", "resolution", "abbr", "notation_abbr")
NEW_FIELDS = ("kind", "details", "urgency", "agency_name")


def _listing(context, scope, requests):
    items = [tracking.summary(r) for r in requests]
    return {"@id": f"{context.absolute_url()}/@support-requests?scope={scope}",
            "scope": scope, "items": items, "items_total": len(items)}


class SupportRequestsGet(Service):
    def reply(self):
        scope = self.request.form.get("scope") or "mine"
        if scope == "queue":
            return _listing(self.context, scope, tracking.queue())
        if scope != "mine":
            raise tracking.SupportRefused(MSG_SCOPE, {"scope": scope}, "scope")
        tracking.refuse_unless(not api.user.is_anonymous(), "@support-requests",
                               tracking.SupportForbidden, tracking.MSG_NOT_READER)
        return _listing(self.context, scope, tracking.my_requests())


def _write(request, kinds):
    # A JSON API call carries no form authenticator; like plone.restapi's own
    # write services it is no CSRF target (restapi/routing_services.RoutingPost
    # says why). Without this plone.protect aborts the transaction after the
    # reply: the caller is told 201 and nothing is kept.
    alsoProvides(request, IDisableCSRFProtection)
    return json_object(request, kinds)


def _attachment(value):
    """The file of the body's ``attachment``, or None; what it may be is
    checked with the form's (tracking.create_request).

    :raises: SupportRefused naming ``attachment``."""
    if value is None:
        return None
    try:
        data = decoded(value) if isinstance(value, dict) else None
    except binascii.Error:
        data = None
    if data is None:
        raise tracking.SupportRefused(MSG_ATTACHMENT, {}, "attachment")
    name, mimetype = (v if isinstance(v, str) else None
                      for v in (value.get("filename"), value.get("content-type")))
    return NamedBlobFile(data=data, filename=clean_filename(name) or None,
                         contentType=mimetype or "application/octet-stream")


class SupportRequestsPost(Service):
    def reply(self):
        data = _write(self.request, dict.fromkeys(NEW_FIELDS, TEXT))
        tracking.refuse_unless(not api.user.is_anonymous(), "@support-requests",
                               tracking.SupportForbidden, tracking.MSG_NOT_READER)
        fields = {name: data.get(name) for name in NEW_FIELDS}
        fields["urgency"] = fields["urgency"] if fields["urgency"] in URGENCIES else "normal"
        fields.update(form_titles(fields))
        fields["attachment"] = _attachment(data.get("attachment"))
        created = tracking.create_request(fields, api.user.get_current().getId())
        self.request.response.setStatus(201)
        return tracking.summary(created)


class SupportRequestGet(Service):
    def reply(self):
        tracking.check_read(self.context)
        return dict(tracking.summary(self.context), history=tracking.history(self.context))


class SupportStepPost(Service):
    def reply(self):
        data = _write(self.request, dict.fromkeys(STEP_FIELDS, TEXT))
        tracking.take_step(self.context, data.get("action"), assignee=data.get("assignee"),
                           reason=data.get("reason"), resolution=data.get("resolution"),
                           abbr=data.get("abbr"), notation_abbr=data.get("notation_abbr"))
        return dict(tracking.summary(self.context), history=tracking.history(self.context))
