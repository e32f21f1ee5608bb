"""What the dashboards show beyond the reports' tables (issue 18): the
province's table sorted by a column, the shares its charts draw, the trend
per month, and, inside an agency, the documents behind a count. Every
figure is an indicator of stats/indicators.py (or a share of two); none is
defined here a second time.

The trend per month costs two catalog queries per month of the period
(incoming registered, outgoing issued, over every agency's path at once)
and reads nothing per document; it calls no ``gather``.
"""

from plone import api
from qlvbdh_policy.rules import periods
from qlvbdh_policy.rules import states
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.stats import indicators as I

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


#: what the trend counts per month
TREND = (I.incoming_registered, I.outgoing_issued)


def monthly_trend(agencies, period, today):
    """[{month: Period, incoming_registered, outgoing_issued}] for every
    month of the period, the agencies together: the table's indicators,
    each month a period of its own. Two catalog queries a month over every
    agency's path at once; no document, index value or metadata is read
    (what the chart draws needs none)."""
    catalog = I._Catalog()
    paths = ["/".join(agency.getPhysicalPath()) for agency in agencies]
    out = []
    for month in periods.months_of(period):
        registered = issued = ()
        if paths:
            registered = catalog.rids(portal_type=I.INCOMING, path=paths,
                                      review_state=list(states.INCOMING_REGISTERED),
                                      arrival_date=I._in(month))
            issued = catalog.rids(portal_type=I.OUTGOING, path=paths,
                                  review_state=list(states.OUTGOING_ISSUED),
                                  issued_date=I._in(month))
        blank = I.Entry()
        docs = I.Documents(month, today, registered=[blank] * len(registered),
                           issued=[blank] * len(issued))
        out.append(dict(month=month, **I.figures(docs, TREND)))
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
