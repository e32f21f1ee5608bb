"""REST answer for a refusal raised anywhere during a request (an event
subscriber, a workflow step): HTTP 400 (403 for a step not allowed now), JSON naming the field, Vietnamese
message. plone.rest would answer 500, as it derives the status from the
exception's class name."""

from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from qlvbdh_policy.content.validation import refusal_body
from qlvbdh_policy.content.validation import RefusedValue
from zope.component import adapter

import json


@adapter(RefusedValue, IAPIRequest)
class RefusalErrorHandling(ErrorHandling):
    def __call__(self):
        exception = self.context
        body = refusal_body(exception, self.request)
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(getattr(exception, "status", 400), lock=1)
        response.setBody(json.dumps(body, indent=2, ensure_ascii=False), lock=1)
        response._has_challenged = True
