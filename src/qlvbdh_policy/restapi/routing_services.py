"""REST services of routing and delivery. Each calls the feature function
the browser form calls; refusals become HTTP 400 (bad input) or 403 (not
allowed now) with a Vietnamese message naming the field, through the
exception view in refusal_errors.py, and the transaction is aborted.

POST @assign   {handler, co_handlers, informed, due_date, instruction}
POST @forward  {to, comment}
POST @pass-leader {leader, comment}  (a leader hands a submitted document to another)
POST @send-back {reason}             (a leader returns a submitted document to the clerks)
POST @complete {result, reply}
POST @accept   {register}            (UID or id of a register of the agency)
POST @return   {reason}
POST @issue    {}
POST @recall   {reason}
GET  @routing  the trail, the routing roles, the deliveries, the next steps

and, for cron on a single FileStorage instance (site managers):
POST @deadline-reminders, POST @ocr-queue {limit}
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.consultation.rounds import forget_expired
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.notifications import deadline_digests
from qlvbdh_policy.rules.request_body import BOOLEAN
from qlvbdh_policy.rules.request_body import COUNT
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.rules.request_body import TEXTS
from qlvbdh_policy.search import extraction
from zope.i18n import translate
from zope.interface import alsoProvides

import transaction


def _json(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    return value


def url_of_uid(uid):
    """The address of a document of any agency (on that agency's host when
    the request is on an agency's host), without waking it; None when gone."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=uid):
        return brain.getURL()
    return None


def routing_info(doc, request):
    info = {
        "@id": doc.absolute_url() + "/@routing",
        "document": doc.absolute_url(),
        "review_state": api.content.get_state(doc),
        "allowed_actions": steps.allowed_transitions(doc),
        "due_date": _json(getattr(doc, "due_date", None)),
        "trail": _json(trail.entries(doc)),
        "assignments": ra.assignments(doc),
    }
    if doc.portal_type == "IncomingDocument":
        info["arrival_number"] = doc.arrival_number
        info["instruction"] = doc.instruction
        info["result"] = doc.result
        source = getattr(doc, "source_uid", None)
        info["source"] = url_of_uid(source) if source else None
    else:
        info["deliveries"] = [
            {"agency": uid, **_json(entry),
             "copy": url_of_uid(entry["copy_uid"]) if entry.get("copy_uid") else None,
             "status_title": translate(delivery.STATUS_TITLES[entry["status"]], context=request)}
            for uid, entry in delivery.deliveries(doc).items()
        ]
    return info


class RoutingGet(Service):
    def reply(self):
        return routing_info(self.context, self.request)


class RoutingPost(Service):
    """Run one step with the JSON body, answer the document's routing info.
    ``fields``: the body's fields the step reads, and their kinds (a value
    of another kind answers 400 naming the field)."""

    fields = {}

    def reply(self):
        # A JSON API call carries no form authenticator; like plone.restapi's
        # own write services (@workflow, POST), it is not a CSRF target:
        # browsers cannot send this JSON body cross-site without CORS.
        alsoProvides(self.request, IDisableCSRFProtection)
        doc = self.step(json_object(self.request, self.fields)) or self.context
        return routing_info(doc, self.request)


class AssignPost(RoutingPost):
    fields = {"handler": TEXT, "co_handlers": TEXTS, "informed": TEXTS, "due_date": TEXT,
              "instruction": TEXT}

    def step(self, data):
        steps.assign(
            self.context, data.get("handler"), data.get("co_handlers") or (),
            data.get("informed") or (), data.get("due_date"), data.get("instruction") or "",
        )


class ForwardPost(RoutingPost):
    fields = {"to": TEXT, "comment": TEXT}

    def step(self, data):
        steps.forward(self.context, data.get("to"), data.get("comment") or "")


class PassLeaderPost(RoutingPost):
    fields = {"leader": TEXT, "comment": TEXT}

    def step(self, data):
        steps.pass_to_leader(self.context, data.get("leader"), data.get("comment") or "")


class SendBackPost(RoutingPost):
    fields = {"reason": TEXT}

    def step(self, data):
        steps.send_back(self.context, data.get("reason") or "", field="reason")


class CompletePost(RoutingPost):
    fields = {"result": TEXT, "reply": TEXT}

    def step(self, data):
        steps.complete(self.context, data.get("result"), data.get("reply"))


class AcceptPost(RoutingPost):
    fields = {"register": TEXT, "confirm_duplicate": BOOLEAN}

    def step(self, data):
        agency = agency_of(self.context)
        value = data.get("register") or ""
        register = agency.get(value) if value in agency.objectIds() else None
        if register is None and value:
            brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
                UID=value, portal_type="Register")
            register = brains[0]._unrestrictedGetObject() if brains else None
        return delivery.accept(self.context, register,
                               confirm_duplicate=bool(data.get("confirm_duplicate")))


class ReturnPost(RoutingPost):
    fields = {"reason": TEXT}

    def step(self, data):
        delivery.return_document(self.context, data.get("reason"))


class IssuePost(RoutingPost):
    #: agency_signature: the agency's own digital signature on the main PDF
    #: (signatures/agency_signing.py)
    fields = {"comment": TEXT, "agency_signature": BOOLEAN}

    def step(self, data):
        steps.simple_step(self.context, "issue", data.get("comment") or "",
                          agency_signature=bool(data.get("agency_signature")))


class RecallPost(RoutingPost):
    fields = {"reason": TEXT}

    def step(self, data):
        delivery.recall(self.context, data.get("reason"))


class DeadlineRemindersPost(Service):
    """POST @deadline-reminders (site managers): send today's overdue and
    due-soon mails. For cron on a single FileStorage instance, which a
    second process (the console script) cannot open while it runs."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # cron with basic auth
        with api.env.adopt_roles(["Manager"]):
            forget_expired()  # past rounds of comments leave the lists
            sent = deadline_digests()
        return {"people": sorted(sent), "mails": len(sent)}


class OcrQueuePost(Service):
    """POST @ocr-queue (site managers, for cron): read the text of the
    queued files, each in a limited process, then OCR the scanned PDFs,
    committing after each (search/extraction.run_all)."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # cron with basic auth
        limit = json_object(self.request, {"limit": COUNT}).get("limit")
        limit = 20 if limit is None else limit
        with api.env.adopt_roles(["Manager"]):
            return extraction.run_all(limit, commit=transaction.commit)
