"""GET <agency>/@access-log: the agency's log of access changes, newest
first, with Vietnamese labels; ``when`` in ISO 8601 (+07:00) and
``when_text`` as a person reads it (``access_log``).
Read only: no service changes or deletes an entry."""

from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from qlvbdh_policy.stats import access_log


class AccessLogGet(Service):
    def reply(self):
        access_log.check_read(self.context)
        return json_compatible(access_log.entries_json(self.context))
