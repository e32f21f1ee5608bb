"""The phiếu giải quyết văn bản đến (NĐ 30/2020 Phụ lục IV, mẫu VII),
printed from the document's processing trail: the leader's direction, the
department head's forwarding, the handler's proposal."""

from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import trail
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.vocabularies.content_vocabularies import agency_of
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type


class PhieuView(BrowserView):
    index = ViewPageTemplateFile("templates/phieu.pt")

    def __call__(self):
        doc = self.context
        entries = trail.entries(doc)
        self.agency = agency_of(doc)
        self.directions = [self._direction(e) for e in entries if e["action"] == "assign"]
        self.forwards = [self._line(e) for e in entries if e["action"] == "forward"]
        self.proposals = [self._line(e) for e in entries if e["action"] == "complete"]
        return self.index()

    def heading(self):
        doc = self.context
        term = document_type(doc.doc_type)
        parts = [term.title if term else "", doc.code or "",
                 format_date(doc.doc_date), doc.sender_name or "", doc.title]
        return "; ".join(p for p in parts if p)

    def _names(self, ids):
        return ", ".join(trail.principal_title(i) for i in ids or ())

    def _direction(self, entry):
        return {
            "by": entry["actor_name"], "date": format_date(entry["when"]),
            "main": ", ".join(t["title"] for t in entry.get("to") or ()),
            "co": self._names(entry.get("co_handlers")),
            "informed": self._names(entry.get("informed")),
            "due": format_date(entry.get("due_date")), "comment": entry["comment"],
        }

    def _line(self, entry):
        return {
            "by": entry["actor_name"], "date": format_date(entry["when"]),
            "to": ", ".join(t["title"] for t in entry.get("to") or ()),
            "comment": entry["comment"],
        }
