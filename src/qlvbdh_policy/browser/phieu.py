"""The phiếu giải quyết văn bản đến (NĐ 30/2020 Phụ lục IV, mẫu VII),
printed from the document's processing trail: the leader's direction, the
department head's forwarding, the handler's proposal."""

from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.routing import trail
from qlvbdh_policy.rules.notation import format_number
from qlvbdh_policy.stats import document_log
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type
from zope.i18n import translate

PRINTED = "phieu-giai-quyet"  # what the access log says was printed


class PhieuView(BrowserView):
    index = ViewPageTemplateFile("templates/phieu.pt")

    def __call__(self):
        self.collect()
        document_log.note(self.context, document_log.PRINT, PRINTED, self.request)
        return self.index()

    def collect(self):
        doc = self.context
        entries = trail.entries(doc)
        self.agency = agency_of(doc)
        self.directions = [self._direction(e) for e in entries if e["action"] == "assign"]
        self.forwards = [self._line(e) for e in entries if e["action"] == "forward"]
        self.proposals = [self._line(e) for e in entries if e["action"] == "complete"]

    def _tr(self, msgid, value=None):
        text = translate(msgid, context=self.request)
        return f"{text}: {value}" if value is not None else text

    def heading_lines(self):
        """The same slip, as lines for the PDF."""
        return [(self.agency.title.upper() if self.agency else "", "heading"),
                (self._tr(_("PROCESSING SLIP FOR AN INCOMING DOCUMENT")), "title"),
                (self.heading(), "center"),
                (self._tr(_("Arrival number"), format_number(self.context.arrival_number)
                          if self.context.arrival_number else ""), "normal")]

    def sections(self):
        directions = []
        for d in self.directions:
            directions.append(self._tr(_("Main handler"), d["main"]))
            directions += [self._tr(label, d[key]) for label, key in (
                (_("Co-handlers"), "co"), (_("For information"), "informed"),
                (_("Deadline"), "due"), (_("Direction"), "comment")) if d[key]]
            directions.append(f"{d['by']}, {d['date']}")
        forwards = []
        for f in self.forwards:
            forwards.append(self._tr(_("Forward to"), f["to"]))
            if f["comment"]:
                forwards.append(self._tr(_("Comment"), f["comment"]))
            forwards.append(f"{f['by']}, {f['date']}")
        proposals = []
        for p in self.proposals:
            proposals += [p["comment"], f"{p['by']}, {p['date']}"]
        return [(self._tr(_("1. Direction of the agency's leader")), directions),
                (self._tr(_("2. Direction of the unit's leader")), forwards),
                (self._tr(_("3. Proposal of the handler")), proposals)]

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
