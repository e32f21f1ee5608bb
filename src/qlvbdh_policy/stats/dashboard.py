"""What the dashboards show beyond the reports' tables (issue 18): the
province's table sorted by a column, the shares its charts draw, the trend
per month, and, inside an agency, the documents behind a count. Every
figure is an indicator of stats/indicators.py (or a share of two); none is
defined here a second time.

The trend per month costs two catalog queries for the whole period
(incoming registered, outgoing issued, over every agency's path at once)
and one date index lookup per document found; it calls no ``gather``.
"""

from plone import api
from qlvbdh_policy.rules import periods
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.search.document_search import day_bound
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.workflows import meanings

import bisect

# the indicators whose figure counts documents of one list of ``Documents``,
# so that a count links to the documents behind it
LINKABLE = {
    "registered": (I.incoming_registered, I.incoming_electronic, I.incoming_paper),
    "completed": (I.completed_on_time, I.completed_late),
    "open": (I.still_in_hand, I.overdue_now),
    "issued": (I.outgoing_issued, I.outgoing_electronic, I.outgoing_paper_too,
               I.delivered_to_agencies, I.acknowledged_same_day),
}
LIST_OF = {indicator.__name__: name for name, found in LINKABLE.items() for indicator in found}
INDICATOR = {i.__name__: i for i in I.ALL}
SORTABLE = ("title",) + tuple(INDICATOR)


# -- the province's table ------------------------------------------------------------


def sort_rows(rows, key="title", descending=False):
    """The agencies' rows sorted by a column: names in Vietnamese order,
    figures by value, a missing figure (no average, no share) last either
    way; ties by name."""
    if key not in SORTABLE:
        key = "title"
    by_name = sorted(rows, key=lambda row: sort_key(row["title"]))
    if key == "title":
        return list(reversed(by_name)) if descending else by_name
    known = [row for row in by_name if row[key] is not None]
    known.sort(key=lambda row: row[key], reverse=descending)  # stable: ties stay by name
    return known + [row for row in by_name if row[key] is None]


def incoming_electronic_share(figures):
    """The share of incoming documents received electronically, 0 to 1
    (Quy chế Điều 8 khoản 1: electronic documents in place of paper)."""
    return periods.rate(figures["incoming_electronic"], figures["incoming_registered"])


def outgoing_electronic_share(figures):
    """The share of outgoing documents delivered electronically, 0 to 1
    (Quy chế Điều 7 khoản 1, Điều 12: a criterion of emulation)."""
    return periods.rate(figures["outgoing_electronic"], figures["outgoing_issued"])


# -- the trend per month -------------------------------------------------------------


#: what the trend counts per month: (indicator, the list of ``Documents``
#: it counts, the portal type, the group of states (what the workflows'
#: states mean, workflows/meanings.py) and date index of that list, as
#: ``indicators.gather`` reads them)
TREND = ((I.incoming_registered, "registered", I.INCOMING, "registered", "arrival_date"),
         (I.outgoing_issued, "issued", I.OUTGOING, "issued", "issued_date"))


def _per_month(catalog, months, paths, portal_type, group, index_id):
    """How many documents of one list each month holds: one query for the
    whole period, then each document's day as the date index keeps it."""
    whole = periods.Period(months[0].start, months[-1].end)
    rids = catalog.rids(portal_type=portal_type, path=paths,
                        review_state=meanings.query_states(portal_type, group),
                        **{index_id: I._in(whole)})
    index = catalog.tool._catalog.getIndex(index_id)
    # each month's last minute, as the index stores a moment
    ends = [index._convert(day_bound(month.end, end=True)) for month in months]
    # the moments in order, then how many fall by each month's end (in C)
    moments = sorted(filter(None, map(index._unindex.get, rids)))
    by_end = [bisect.bisect_right(moments, end) for end in ends]
    counts = [after - before for before, after in zip([0] + by_end, by_end)]
    counts[-1] += len(moments) - by_end[-1]  # past the last end: the last month
    return counts


def monthly_trend(agencies, period, today):
    """[{month: Period, incoming_registered, outgoing_issued}] for every
    month of the period, the agencies together: the table's indicators,
    each month a period of its own. One catalog query per indicator over
    every agency's path at once, then one date index lookup per document
    (at 50,000 documents a year in 30 agencies: the moments sorted and
    counted by bisection, in C)."""
    months = periods.months_of(period)
    paths = ["/".join(agency.getPhysicalPath()) for agency in agencies]
    catalog = I._Catalog()
    counted = {indicator: _per_month(catalog, months, paths, *query)
               if paths else [0] * len(months)
               for indicator, _list, *query in TREND}
    blank = I.Entry()
    out = []
    for number, month in enumerate(months):
        lists = {name: [blank] * counted[indicator][number] for indicator, name, *_q in TREND}
        docs = I.Documents(month, today, **lists)
        out.append(dict(month=month, **I.figures(docs, [t[0] for t in TREND])))
    return out


# -- the documents behind a count ---------------------------------------------------------


def behind(docs, name):
    """The entries ``name`` counts in ``docs``: those each counted once
    when the indicator reads them alone."""
    found = LIST_OF[name]
    indicator = INDICATOR[name]
    return [entry for entry in getattr(docs, found)
            if indicator(I.Documents(docs.period, docs.today, **{found: [entry]}))]


def scope(docs, department=I.ANY, person=I.ANY):
    """``docs`` of one department ('' or None: of none) and/or person."""
    if department is not I.ANY and not department:
        department = None
    return docs.only(department=department, person=person)


def paths_of(entries):
    catalog = api.portal.get_tool("portal_catalog")
    return [catalog.getpath(entry.rid) for entry in entries]


def visible(paths):
    """The catalog entries of ``paths`` the person asking may see (a
    restricted query: the catalog's permission filter decides)."""
    if not paths:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    return list(catalog.searchResults(path={"query": paths, "depth": 0}))
