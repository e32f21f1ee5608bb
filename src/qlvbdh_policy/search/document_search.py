"""Searching the province's documents as officials do (NĐ 30/2020 Phụ lục
VI §III.6.d–h): words, or any input field of a document (kind, type,
issuing agency, number and notation, arrival number, the dates, signer,
urgency, state, handler, register), in the order chosen; the rows show
the columns chosen. Always through the catalog with the user's own
permissions, so a search shows only what that user may read.

The criteria come checked from ``rules/search_criteria.read``."""

from plone import api
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.QueryParser import QueryParser
from qlvbdh_policy import _
from qlvbdh_policy.registers.columns import number_text
from qlvbdh_policy.rules import search_criteria as S
from qlvbdh_policy.rules.ranges import range_query
from qlvbdh_policy.search.text_indexes import LEXICON_ID
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type_map
from qlvbdh_policy.vocabularies.registry_vocabularies import term_map
from qlvbdh_policy.workflows import meanings

import datetime

DOCUMENT_TYPES = ["IncomingDocument", "OutgoingDocument"]
PAGE_SIZE = 50
MAX_RESULTS = 10000  # an export holds at most this many rows
# the text criteria and the index each searches
TEXT_INDEXES = {"text": "SearchableText", "sender": "issuer_text", "signer": "signer_text",
                "code": "code_text"}
DATE_INDEXES = {"date_from": ("doc_date", False), "date_to": ("doc_date", True),
                "arrival_from": ("arrival_date", False), "arrival_to": ("arrival_date", True),
                "due_from": ("due_date", False), "due_to": ("due_date", True)}
KIND_TITLES = {"IncomingDocument": _("Incoming"), "OutgoingDocument": _("Outgoing")}
MSG_BAD_WORDS = _("${field}: “${value}” cannot be searched; leave out quotes, brackets and AND, OR, NOT alone.")


def day_bound(value, end=False):
    if not value:
        return None
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return datetime.datetime.combine(value, datetime.time.max if end else datetime.time.min)


def check_words(criteria):
    """A text criterion the full-text parser cannot read ('"', 'AND', '(')
    is refused on the form instead of failing the search."""
    catalog = api.portal.get_tool("portal_catalog")
    parser = QueryParser(catalog[LEXICON_ID])
    for key in S.TEXT_KEYS:
        value = criteria.get(key)
        if key == "code" and value and value.isdigit():
            continue
        if value:
            try:
                parser.parseQuery(value)
            except ParseError:
                raise S.CriteriaRefused(key, MSG_BAD_WORDS, value=value) from None


def _ranges(criteria):
    """The date and arrival number criteria as catalog ranges."""
    bounds = {}
    for key, (index, end) in DATE_INDEXES.items():
        bound = day_bound(criteria.get(key), end=end)
        if bound:
            bounds.setdefault(index, [None, None])[1 if end else 0] = bound
    if criteria.get("arrival_number"):
        bounds["arrival_number"] = list(criteria["arrival_number"])
    return {index: range_query(start, end) for index, (start, end) in bounds.items()}


def build_query(context, criteria, register_paths=None, handler_principals=None):
    """The catalog query of checked criteria. ``register_paths``: register
    token → its path; ``handler_principals``: handler token → the
    principals it stands for (a department: its heads and people)."""
    kind = criteria.get("kind")
    query = {"portal_type": kind if kind in DOCUMENT_TYPES else DOCUMENT_TYPES,
             "path": "/".join(context.getPhysicalPath())}
    for key, index in TEXT_INDEXES.items():
        value = criteria.get(key)
        if not value:
            continue
        if key == "code" and value.isdigit():
            query["code_number"] = S.code_number_forms(value)
        else:
            query[index] = value
    for key, index in (("doc_type", "doc_type"), ("urgency", "urgency"),
                       ("state", "review_state")):
        if criteria.get(key):
            query[index] = criteria[key]
    if criteria.get("handler"):
        token = criteria["handler"]
        query["handlers"] = (handler_principals or {}).get(token) or [token]
    if criteria.get("register"):
        path = (register_paths or {}).get(criteria["register"])
        query["path"] = {"query": path or "/nowhere", "depth": 1}
    query.update(_ranges(criteria))
    query["sort_on"] = S.SORTS[criteria.get("sort") or S.DEFAULT_SORT]
    query["sort_order"] = ("ascending" if criteria.get("order") == "asc"
                           else "descending")
    return query


def search(context, criteria, start=0, size=None, **options):
    """(total, brains from ``start``): ``size`` of them, or all (at most
    ``MAX_RESULTS``)."""
    query = build_query(context, criteria, **options)
    limit = min(start + size, MAX_RESULTS) if size else MAX_RESULTS
    catalog = api.portal.get_tool("portal_catalog")
    unsorted = {k: v for k, v in query.items() if k not in ("sort_on", "sort_order")}
    everything = catalog(**unsorted)
    total = len(everything)
    ordered = catalog(**query)
    if len(ordered) == total:
        return total, ordered[start:limit]
    # the catalog leaves out of a sorted result the documents that have no
    # value in the sorted index (no arrival date for an outgoing document,
    # no deadline, a draft's date): they come last, in the order registered
    if limit <= len(ordered):
        return total, ordered[start:limit]
    placed = {b.getRID() for b in ordered}
    rest = [b for b in everything if b.getRID() not in placed]
    return total, (list(ordered) + rest)[start:limit]


# -- the rows -----------------------------------------------------------------


def _value(brain, name):
    value = getattr(brain, name, None)
    return None if value is None or type(value).__name__ == "Missing" else value


def state_titles():
    """(portal type, state id) → the state's title msgid, from the
    workflows each type is bound to (the site's and every policy's: a
    state added to a copy through the web is searched for too)."""
    out = {}
    for portal_type in KIND_TITLES:
        for state, title in meanings.state_titles(portal_type).items():
            out[portal_type, state] = _(title)
    return out


def state_options():
    """The state select: [(kind title msgid, [(state id, title msgid)])],
    each kind's states in its workflow's order, a state id once."""
    titles = state_titles()
    seen, out = set(), []
    for portal_type, kind_title in KIND_TITLES.items():
        options = [(s, titles[portal_type, s]) for s in meanings.state_ids(portal_type)
                   if (portal_type, s) in titles and s not in seen]
        seen.update(s for s, _title in options)
        out.append((kind_title, options))
    return out


def _titles_by_path(portal_type):
    catalog = api.portal.get_tool("portal_catalog")
    return {b.getPath(): b.Title for b in catalog.unrestrictedSearchResults(
        portal_type=portal_type)}


class Rows:
    """The cells of the chosen columns, as the page, the XLSX, the DOCX
    and the PDF print them; ``tr`` translates a message."""

    def __init__(self, columns, tr):
        self.columns, self.tr = columns, tr
        self.types = document_type_map()
        self.urgencies = term_map("urgency")
        self.states = state_titles()
        self.registers = _titles_by_path("Register") if "register" in columns else {}
        self.agencies = _titles_by_path("Agency") if "issuer" in columns else {}

    def headers(self):
        by_key = {c.key: c for c in S.COLUMNS}
        return [self.tr(by_key[k].header) for k in self.columns]

    def widths(self):
        by_key = {c.key: c for c in S.COLUMNS}
        return [by_key[k].width for k in self.columns]

    def _issuer(self, brain, path):
        if brain.portal_type == "OutgoingDocument":
            parts = path.split("/")
            for length in range(len(parts) - 1, 0, -1):
                title = self.agencies.get("/".join(parts[:length]))
                if title:
                    return title
            return ""
        return _value(brain, "sender_name") or ""

    def _term_title(self, terms, token):
        term = terms.get(token)
        return term.title if term else ""

    def _state(self, brain):
        title = self.states.get((brain.portal_type, brain.review_state))
        return self.tr(title) if title else (brain.review_state or "")

    def _cell_readers(self):
        """column key -> function(brain, value of a metadata column) -> text."""
        def only(kind, name):
            return lambda brain, get: (get(name) or "") if brain.portal_type == kind else ""

        return {
            "kind": lambda brain, get: self.tr(KIND_TITLES.get(brain.portal_type,
                                                               brain.portal_type)),
            "arrival_number": lambda brain, get: (number_text(get("arrival_number"))
                                                  if get("arrival_number") else ""),
            "arrival_date": lambda brain, get: format_date(get("arrival_date")),
            "code": lambda brain, get: get("document_code") or "",
            "doc_date": lambda brain, get: format_date(get("doc_date")),
            "doc_type": lambda brain, get: self._term_title(self.types, get("doc_type")),
            "title": lambda brain, get: brain.Title or "",
            "issuer": lambda brain, get: self._issuer(brain, brain.getPath()),
            "signer": lambda brain, get: get("signer_name") or "",
            "urgency": lambda brain, get: self._term_title(self.urgencies, get("urgency")),
            "due_date": lambda brain, get: format_date(get("due_date")),
            "state": lambda brain, get: self._state(brain),
            "receiver": only("IncomingDocument", "receiver"),
            "recipients": only("OutgoingDocument", "recipients"),
            "register": lambda brain, get: self.registers.get(
                brain.getPath().rsplit("/", 1)[0], ""),
        }

    def cells(self, brain):
        readers = self.__dict__.get("_readers") or self.__dict__.setdefault(
            "_readers", self._cell_readers())

        def get(name):
            return _value(brain, name)

        return [str(readers[key](brain, get)) for key in self.columns]
