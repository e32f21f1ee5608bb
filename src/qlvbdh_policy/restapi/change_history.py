"""GET <document>/@changes: the document's change history (“Lịch sử thay
đổi”, NĐ 30/2020 Phụ lục VI III.5.d), newest first, one item per save
with each field's old and new value as text; ``when`` in ISO 8601
(+07:00), ``when_text`` as a person reads it (``stats.change_history``).
Read only."""

from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from qlvbdh_policy.stats import change_history


class ChangesGet(Service):
    def reply(self):
        change_history.check_read(self.context)
        return json_compatible(change_history.entries_json(self.context))
