"""Documents in flight under an agency's workflow policy: one incoming
document per state, for the policy switch and the workflow guards
(issue 22)."""

from domain_fixtures import incoming
from plone.app.testing import login
from qlvbdh_policy.routing import steps

IN_FLIGHT = ("registered", "submitted", "assigned", "in_progress", "completed")


def in_flight(portal, agency):
    """One incoming document per state, under the leader-directs policy."""
    docs = {}
    for number, state in enumerate(IN_FLIGHT, start=200):
        login(portal, "vta")
        doc = incoming(agency["den-2026"], title=f"Văn bản {state}", code_number=str(number))
        if state != "registered":
            steps.simple_step(doc, "submit")
        if state in ("assigned", "in_progress", "completed"):
            login(portal, "lda")
            steps.assign(doc, "xla")
        if state in ("in_progress", "completed"):
            login(portal, "xla")
            steps.start(doc)
        if state == "completed":
            steps.complete(doc, "Đã xử lý xong")
        docs[state] = doc
    return docs
