"""The oversight indicators, each defined once (issue 18): the statistics
page, the REST reports and what comes after them (exports, emulation)
call these functions and nothing else.

``gather`` reads one agency's figures for a period from the catalog, never
a document: record ids from index queries, the values of indexes by record
id, and metadata only for the documents completed in the period. Each
indicator is then a function of those ``Documents``, narrowed to a
department or a person (``Documents.only``) or added up for the province
(``combined``).

Periods are dates of Vietnam time, both ends included (rules/periods.py).
- Incoming figures count the documents registered in the period (ngày đến
  in it); completions count the documents completed in the period, when
  they arrived; "still in hand" and "overdue now" count, as they stand
  today, the documents registered by the period's end and not done. So a
  report on a closed period gives the same completions whenever it is read.
- A document is counted for the department and the person handling it
  (the main handler: a department given it, or a person, and that person's
  department); an outgoing one for its drafter and drafting department
  (stats/indexers.py). Documents not yet given to anyone, or a leader
  handling one himself, fall in no department.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IGroupEnumerationPlugin
from qlvbdh_policy import _
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.agencies.lookups import user_ids_in
from qlvbdh_policy.rules import periods
from qlvbdh_policy.rules.group_names import agency_group_ids
from qlvbdh_policy.rules.ranges import range_query
from qlvbdh_policy.search.document_search import day_bound
from qlvbdh_policy.stats.indexers import ELECTRONIC
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.workflows import meanings
from ZTUtils.Lazy import LazyMap

import datetime
import gc

INCOMING, OUTGOING = "IncomingDocument", "OutgoingDocument"

#: digital signatures are not verified by the system yet: ``digitally_signed``
#: is 0 and every report says why
SIGNATURES_VERIFIED = False


class Entry:
    """What a report knows of one document: index values, and per list
    what that list needs. Its department and people are read from the
    catalog when a report narrows to them (``Documents.only``): the
    province's totals never need them, for tens of thousands of documents."""

    __slots__ = ("channels", "days", "in_time", "overdue", "feedback", "_read", "_rid",
                 "_people_index")

    def __init__(self, channels=frozenset(), days=None, in_time=None, overdue=False,
                 feedback=None, read=None, rid=None, people_index=None):
        self.channels = channels
        self.days = days  # completed: arrival → completion
        self.in_time = in_time  # completed: by the deadline
        self.overdue = overdue  # open: past the deadline today
        self.feedback = feedback  # issued: rules.periods.feedback as it stands today
        self._read, self._rid, self._people_index = read, rid, people_index

    @property
    def departments(self):
        return self._read("departments", self._rid) if self._read else frozenset()

    @property
    def people(self):
        return self._read(self._people_index, self._rid) if self._read else frozenset()

    @property
    def rid(self):
        """Its catalog record: the documents behind a count (stats/dashboard.py)."""
        return self._rid


ANY = object()


@dataclass(frozen=True)
class Documents:
    """One scope's documents and accounts for one period."""

    period: periods.Period
    today: datetime.date
    registered: list = field(default_factory=list)  # incoming registered in the period
    completed: list = field(default_factory=list)  # incoming completed in the period
    open: list = field(default_factory=list)  # incoming registered by its end, not done
    issued: list = field(default_factory=list)  # outgoing issued in the period
    accounts: frozenset = frozenset()
    logins: dict = field(default_factory=dict)  # user id → logins in the period

    def only(self, department=ANY, person=ANY):
        """The documents of one department and/or person (None: of none)."""
        def keep(entry):
            if department is not ANY and (
                    department not in entry.departments if department
                    else entry.departments):
                return False
            if person is ANY:
                return True
            return person in entry.people if person else not entry.people

        lists = {name: [e for e in getattr(self, name) if keep(e)]
                 for name in ("registered", "completed", "open", "issued")}
        if person is not ANY:
            accounts = self.accounts & {person} if person else frozenset()
        else:
            accounts = self.accounts if department is ANY else frozenset()
        return replace(self, accounts=accounts,
                       logins={u: n for u, n in self.logins.items() if u in accounts}, **lists)


def combined(many, period, today):
    """Several scopes added up (the province: its agencies)."""
    total = Documents(period, today)
    lists = {"registered": [], "completed": [], "open": [], "issued": []}
    accounts, logins = set(), {}
    for docs in many:
        for name, items in lists.items():
            items.extend(getattr(docs, name))
        accounts |= docs.accounts
        for userid, count in docs.logins.items():
            logins[userid] = logins.get(userid, 0) + count
    return replace(total, accounts=frozenset(accounts), logins=logins, **lists)


# -- reading the catalog ------------------------------------------------------------


def record_ids(results):
    """The record ids of catalog results without reading their metadata:
    ZCatalog keeps them as the sequence of the LazyMap of an unsorted
    query; any other result is read brain by brain."""
    if type(results) is LazyMap and getattr(results._func, "__name__", "") == "__getitem__":
        return list(results._seq)
    return [brain.getRID() for brain in results]


def _values(value):
    if value is None or type(value).__name__ == "Missing":
        return frozenset()
    if isinstance(value, str):  # '': none (an outgoing document without a Creator)
        return frozenset([value]) if value else frozenset()
    return frozenset(value)


def _day(value):
    if value is None or type(value).__name__ == "Missing":
        return None
    if hasattr(value, "asdatetime"):  # a DateTime
        value = value.asdatetime()
    return value.date() if isinstance(value, datetime.datetime) else value


class _Catalog:
    """The catalog's stored entries, read without a brain, an acquisition
    wrapper or a dict of every metadata column per document: at 50,000
    documents a yearly report reads some 100,000 index entries (the bench's
    province dashboard, bench/bench_oversight.py)."""

    def __init__(self):
        self.tool = api.portal.get_tool("portal_catalog")
        self._catalog = self.tool._catalog
        self._unindexes = {}
        self._sets = {}  # a stored value → its frozenset: most documents share a few
        self._days = {}  # a date index's hour → its Vietnam date

    def rids(self, **query):
        return record_ids(self.tool.unrestrictedSearchResults(**query))

    def _unindex(self, index):
        unindex = self._unindexes.get(index)
        if unindex is None:
            unindex = self._unindexes[index] = self._catalog.indexes[index]._unindex
        return unindex

    def values(self, index, rid):
        found = self._unindex(index).get(rid)
        if found is None:
            return frozenset()
        key = found if isinstance(found, str) else tuple(found)
        values = self._sets.get(key)
        if values is None:
            values = self._sets[key] = _values(found)
        return values

    def days(self, index):
        """A function: record id → the Vietnam date ``index`` keeps for it,
        or None; read from the index's number (``rules.periods.index_day``),
        not from the metadata's DateTime, whose conversion cost more than
        the rest of a yearly report's completions."""
        get, memo = self._unindex(index).get, self._days

        def day(rid):
            value = get(rid)
            if value is None:
                return None
            found = memo.get(value // 60)  # an hour is in one day
            if found is None:
                found = memo[value // 60] = periods.index_day(value)
            return found
        return day

    def by_channels(self, rids):
        """[(channels, record ids)]: ``rids`` parted by the channels they
        have, with the channels index's own sets (a few values, so a few
        parts), instead of one lookup per document."""
        index = self._catalog.indexes["channels"]._index
        parts = [(frozenset(), IISet(rids))]
        for value, holders in index.items():
            if isinstance(holders, int):
                holders = IISet((holders,))
            parts = [(channels | {value} if with_value else channels, found)
                     for channels, part in parts
                     for with_value, found in ((True, intersection(part, holders)),
                                               (False, difference(part, holders)))
                     if found]
        return parts

    def owners(self, paths):
        """{record id: the position in ``paths`` of the one it lies under},
        from the path index's own sets."""
        index, found = self._catalog.indexes["path"], {}
        for position, path in enumerate(paths):
            inside = index.search(path)
            if inside is not None:
                found.update(dict.fromkeys(inside.keys(), position))
        return found

    def entries(self, rids, people_index, into, owner=None, overdue=frozenset(), facts=None,
                shared=False):
        """An ``Entry`` of each of ``rids`` appended to ``into[owner[rid]]``
        (no ``owner``: ``into[0]``; not in ``owner``: left out): its
        channels, whether it is in ``overdue``, and what ``facts(rid)``
        says ((days, in_time, feedback)). A province report makes some
        80,000: one loop, no lookup a set can spare. ``shared``: for
        counting only (the province's reports): entries that say the same
        are one ``Entry``, which knows no record, department or person, so
        that a document costs a lookup, not an object."""
        read, kinds = self.values, {} if shared else None
        for channels, part in self.by_channels(rids):
            for rid in part:
                where = 0 if owner is None else owner.get(rid)
                if where is None:
                    continue
                days, in_time, feedback = facts(rid) if facts is not None else NO_FACTS
                late = rid in overdue
                if kinds is None:
                    entry = Entry(channels, days, in_time, late, feedback, read, rid,
                                  people_index)
                else:
                    key = (channels, days, in_time, late, feedback)
                    entry = kinds.get(key)
                    if entry is None:
                        entry = kinds[key] = Entry(*key)
                into[where].append(entry)


NO_FACTS = (None, None, None)


#: the group plugins whose groups ``_group_members`` reads straight from
#: their store (Plone's own); ``auto_group`` holds no agency group
STORED_GROUPS, OTHER_GROUPS = "source_groups", frozenset({"auto_group"})


def _group_members():
    """{group id: member ids} of Plone's own group store, or None when the
    site takes groups from elsewhere too (then PAS is asked)."""
    acl = api.portal.get_tool("acl_users")
    plugin = getattr(acl, STORED_GROUPS, None)
    members = getattr(plugin, "_group_principal_map", None)
    try:
        active = {pid for pid, _p in acl.plugins.listPlugins(IGroupEnumerationPlugin)}
    except (AttributeError, KeyError):
        return None
    if members is None or not active <= {STORED_GROUPS} | OTHER_GROUPS:
        return None
    return members


def agency_accounts(agency, members=ANY):
    """``agencies.lookups.agency_user_ids``: everyone in one of the agency's
    groups, nested groups followed; read straight from Plone's group store
    when it is the only one: asked through PAS, the 30 agencies' groups took
    half of a yearly report. ``members``: ``_group_members()`` read once
    for several agencies."""
    if members is ANY:
        members = _group_members()
    groups = agency_group_ids(agency.getId())
    if members is None:
        found = agency_user_ids(agency)
    else:
        def inside(principal):
            found = members.get(principal)
            return None if found is None else found.keys()

        found = user_ids_in(groups, inside)
    # a group of the agency missing from the site (deleted, or not made
    # yet by an upgrade) is no account
    return frozenset(found) - frozenset(groups)


def _in(period):
    return range_query(day_bound(period.start), day_bound(period.end, end=True))


def _completion(catalog):
    """record id → (days, in_time, None) of a completed document."""
    arrival, completion, due = (catalog.days(index)
                                for index in ("arrival_date", "completed_on", "due_date"))

    def facts(rid):
        arrived, completed = arrival(rid), completion(rid)
        days = periods.processing_days(arrived, completed) if arrived and completed else None
        in_time = periods.completed_in_time(completed, due(rid)) if completed else None
        return days, in_time, None
    return facts


def _feedback(catalog, today):
    """record id → (None, None, feedback as it stands today) of an issued
    document."""
    stored, issued = catalog._unindex("delivery_feedback").get, catalog.days("issued_date")

    def facts(rid):
        value = stored(rid)
        if value == periods.WAITING:
            value = periods.feedback_on(value, issued(rid), today)
        return None, None, value
    return facts


@contextmanager
def _no_cycle_collection():
    """The entries of a report hold no reference cycle, so the cyclic
    garbage collector has nothing to find in them; but allocating some
    80,000 of them sets off a full collection, which walks every object
    of the process (the ZODB caches too): 220 ms of a 40 ms report at
    5,000 documents. Left off while they are made, they are freed by their
    reference counts before any collection sees them. Process-wide, so
    only switched back on by whoever switched it off."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def gather(agency, period, today=None):
    """The agency's ``Documents`` for ``period``, from the catalog."""
    return gather_many([agency], period, today)[0]


def _lists(catalog, period, today, **where):
    """{list name: record ids} of the documents ``where`` says, and the
    set of the open ones overdue today."""
    incoming = dict(where, portal_type=INCOMING)
    open_query = dict(incoming, review_state=meanings.query_states(INCOMING, "open"),
                      arrival_date={"query": day_bound(period.end, end=True), "range": "max"})
    # the states' meanings (workflows/meanings.py), not ids: a state added
    # through the web is counted as its variables say
    late = dict(open_query, review_state=meanings.query_states(INCOMING, "open",
                                                               also="counts_overdue"))
    overdue = set(catalog.rids(due_date={"query": today - datetime.timedelta(days=1),
                                         "range": "max"}, **late))
    return {
        "registered": catalog.rids(review_state=meanings.query_states(INCOMING, "registered"),
                                   arrival_date=_in(period), **incoming),
        "completed": catalog.rids(review_state=meanings.query_states(INCOMING, "done"),
                                  completed_on=_in(period), **incoming),
        "open": catalog.rids(**open_query),
        "issued": catalog.rids(portal_type=OUTGOING,
                               review_state=meanings.query_states(OUTGOING, "issued"),
                               issued_date=_in(period), **where),
    }, overdue


def gather_many(agencies, period, today=None, shared=False):
    """The ``Documents`` of each of ``agencies`` for ``period``, in their
    order. Several agencies are read with one catalog query per list for
    the whole site, split by agency with the path index's sets (the
    province's 30 agencies: 35 queries instead of 150, most of them the
    cheapest there is), and the logins of all their accounts in one pass
    over the days. ``shared``: entries for counting only (the province's
    reports, ``figures_many``), which cannot be narrowed or linked."""
    agencies = list(agencies)
    today = today or vietnam_today()
    catalog = _Catalog()
    if len(agencies) == 1:
        where = {"path": "/".join(agencies[0].getPhysicalPath())}
    else:
        where = {}
    found, overdue = _lists(catalog, period, today, **where)
    owner = None if len(agencies) == 1 else catalog.owners(
        ["/".join(agency.getPhysicalPath()) for agency in agencies])
    members = _group_members()
    accounts = [agency_accounts(agency, members) for agency in agencies]
    site_guard = guard(api.portal.get())
    logins = site_guard.logins_between(frozenset().union(*accounts), period.start, period.end) \
        if site_guard is not None else {}
    with _no_cycle_collection():
        lists = _entries(catalog, found, owner, len(agencies), overdue, today, shared)
    return [Documents(period, today, accounts=people,
                      logins={u: n for u, n in logins.items() if u in people}, **mine)
            for mine, people in zip(lists, accounts)]


def _entries(catalog, found, owner, count, overdue, today, shared=False):
    """[{list name: [Entry]}] of each of ``count`` agencies; ``shared``:
    for counting only (``_Catalog.entries``)."""
    facts = {"completed": _completion(catalog), "issued": _feedback(catalog, today)}
    lists = [{name: [] for name in found} for _i in range(count)]
    for name, rids in found.items():
        catalog.entries(rids, "Creator" if name == "issued" else "handlers",
                        [mine[name] for mine in lists], owner,
                        overdue if name == "open" else frozenset(), facts.get(name), shared)
    return lists


# -- the indicators ---------------------------------------------------------------------


def incoming_registered(docs):
    """Incoming documents registered in the period (NĐ 30/2020 Phụ lục VI
    V.2; Quy chế Điều 8 khoản 3: the clerk registers them in the system)."""
    return len(docs.registered)


def incoming_electronic(docs):
    """Of those, received electronically: a copy another agency of the
    province delivered and the clerk accepted (Quy chế Điều 8 khoản 1:
    electronic documents in place of paper; QĐ 28/2018/QĐ-TTg Điều 9)."""
    return sum(1 for e in docs.registered if ELECTRONIC in e.channels)


def incoming_paper(docs):
    """Of those, registered from paper (Quy chế Điều 8 khoản 3)."""
    return sum(1 for e in docs.registered if ELECTRONIC not in e.channels)


def outgoing_issued(docs):
    """Outgoing documents issued in the period and not recalled (NĐ 30/2020
    Phụ lục VI V.4)."""
    return len(docs.issued)


def outgoing_electronic(docs):
    """Of those, delivered electronically to agencies of the province
    (Quy chế Điều 8 khoản 1; QĐ 28/2018/QĐ-TTg Điều 8)."""
    return sum(1 for e in docs.issued if ELECTRONIC in e.channels)


def outgoing_paper_too(docs):
    """Of those, sent on paper too: not of the kinds sent electronically
    only (Quy chế Điều 3 khoản 3, Điều 7 khoản 1)."""
    return sum(1 for e in docs.issued if "paper" in e.channels)


def digitally_signed(docs):
    """Of those, carrying a verified digital signature (NĐ 30/2020 Phụ lục
    VI II.8). The system does not verify signatures yet: 0, and reports say
    so with ``signatures_verified: false``."""
    return 0


def completed_on_time(docs):
    """Incoming documents completed in the period by their deadline, or
    without one (NĐ 30/2020 Phụ lục VI III.1.l, V.2)."""
    return sum(1 for e in docs.completed if e.in_time)


def completed_late(docs):
    """Incoming documents completed in the period after their deadline
    (Phụ lục VI III.1.l, V.2)."""
    return sum(1 for e in docs.completed if e.in_time is False)


def still_in_hand(docs):
    """Incoming documents registered by the period's end and not done today:
    with the clerk, the leader or the handlers (Phụ lục VI V.2)."""
    return len(docs.open)


def overdue_now(docs):
    """Of those, past their deadline today: what follow-up chases (Phụ lục
    VI III.1.l, m; Quy chế Điều 8 khoản 1)."""
    return sum(1 for e in docs.open if e.overdue)


def average_processing_days(docs):
    """Average calendar days from arrival to completion of the documents
    completed in the period; None when none was (Phụ lục VI V.2)."""
    return periods.average(e.days for e in docs.completed if e.days is not None)


def delivered_to_agencies(docs):
    """Outgoing documents of the period delivered to other agencies of the
    province whose acknowledgement was due by today: those delivered today
    and not yet acknowledged by all are left out until their working day
    ends (QĐ 28/2018/QĐ-TTg Điều 6 khoản 2, Điều 9)."""
    return sum(1 for e in docs.issued if e.feedback in (periods.SAME_DAY, periods.LATE))


def acknowledged_same_day(docs):
    """Of those, the documents every recipient agency acknowledged (accepted
    or refused) on the working day it arrived (QĐ 28/2018/QĐ-TTg Điều 6
    khoản 2, Điều 9; working days Monday to Friday)."""
    return sum(1 for e in docs.issued if e.feedback == periods.SAME_DAY)


def delivery_feedback(docs):
    """The share of ``delivered_to_agencies`` acknowledged the same working
    day, 0 to 1; None when there is none (QĐ 28/2018/QĐ-TTg)."""
    return periods.rate(acknowledged_same_day(docs), delivered_to_agencies(docs))


def accounts(docs):
    """Accounts of the agency (Quy chế Điều 8 khoản 2, 4)."""
    return len(docs.accounts)


def accounts_logged_in(docs):
    """Accounts that logged in during the period: whether people use the
    system (Quy chế Điều 8 khoản 1, Điều 9 khoản 3, Điều 10 khoản 3)."""
    return sum(1 for userid in docs.accounts if docs.logins.get(userid))


def logins(docs):
    """Logins during the period (NĐ 30/2020 Phụ lục VI III.6.b: accesses to
    the system; what counts: accounts/login_days.py)."""
    return sum(docs.logins.get(userid, 0) for userid in docs.accounts)


INCOMING_INDICATORS = (incoming_registered, incoming_electronic, incoming_paper,
                       completed_on_time, completed_late, still_in_hand, overdue_now,
                       average_processing_days)
OUTGOING_INDICATORS = (outgoing_issued, outgoing_electronic, outgoing_paper_too,
                       digitally_signed, delivered_to_agencies, acknowledged_same_day,
                       delivery_feedback)
ACCOUNT_INDICATORS = (accounts, accounts_logged_in, logins)
#: the usage report's, in the order of its columns
ALL = INCOMING_INDICATORS + OUTGOING_INDICATORS + ACCOUNT_INDICATORS

LABELS = {
    "incoming_registered": _("Incoming documents registered"),
    "incoming_electronic": _("Received electronically"),
    "incoming_paper": _("Registered from paper"),
    "completed_on_time": _("Completed on time"),
    "completed_late": _("Completed late"),
    "still_in_hand": _("Still in hand"),
    "overdue_now": _("Overdue now"),
    "average_processing_days": _("Average processing time (days)"),
    "outgoing_issued": _("Outgoing documents issued"),
    "outgoing_electronic": _("Delivered electronically"),
    "outgoing_paper_too": _("Sent on paper too"),
    "digitally_signed": _("Digitally signed"),
    "delivered_to_agencies": _("Delivered to agencies, acknowledgement due"),
    "acknowledged_same_day": _("Acknowledged the same working day"),
    "delivery_feedback": _("Share acknowledged the same working day"),
    "accounts": _("Accounts"),
    "accounts_logged_in": _("Accounts that logged in"),
    "logins": _("Logins"),
}
MSG_SIGNATURES = _("Digital signatures are not verified by the system yet: the count of "
                   "digitally signed documents stays 0 until they are.")


def figures(docs, indicators=ALL):
    """{indicator name: value}."""
    return {indicator.__name__: indicator(docs) for indicator in indicators}


def figures_many(agencies, period, today=None, province=True):
    """([figures of each of ``agencies``], the province's figures or None):
    the reports of the whole province (usage, emulation). Their entries
    are made and freed while the cyclic collector is off
    (``_no_cycle_collection``), so that it never has them to walk."""
    today = today or vietnam_today()
    with _no_cycle_collection():
        many = gather_many(agencies, period, today, shared=True)
        rows = [figures(docs) for docs in many]
        total = figures(combined(many, period, today)) if province else None
        del many
    return rows, total
