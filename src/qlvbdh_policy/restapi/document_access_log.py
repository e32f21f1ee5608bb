"""GET <document>/@access-log: who viewed, downloaded, printed, changed or
routed the document, newest first, with its counts and its agency's and
the system's (``stats.document_log``; NĐ 30/2020 Phụ lục VI III.5.a,
III.6.a, b, l). ``when`` in ISO 8601 (+07:00, restapi/dates.py) and
``when_text`` as a person reads it; ``b_start``/``b_size`` page it
(checked as whole numbers by ``params``). The agency's ``@access-log``
(access changes) is another service, for ``IAgency``.

And a document read over REST (plone.restapi's content GET) is a view of
it, kept as the page's view is (``note_rest_view``)."""

from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from plone.restapi.services.content.get import ContentGet
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.stats import document_log

DEFAULT_SIZE = 50
MAX_SIZE = 500


class DocumentAccessLogGet(Service):
    def reply(self):
        document_log.check_read(self.context)
        start = int(self.request.form.get("b_start") or 0)
        size = min(int(self.request.form.get("b_size") or DEFAULT_SIZE), MAX_SIZE) or DEFAULT_SIZE
        return json_compatible(document_log.log_json(self.context, start, size))


def note_rest_view(event):
    """IPubBeforeCommit: a GET of a document through plone.restapi's content
    service answered; kept once the request commits."""
    request = event.request
    published = request.get("PUBLISHED")
    if (isinstance(published, ContentGet) and request.get("REQUEST_METHOD") == "GET"
            and IOfficialDocument.providedBy(published.context)):
        document_log.note(published.context, document_log.VIEW, "REST", request)
