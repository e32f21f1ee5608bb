"""What a search feed (Plone's ``search_rss``) may be asked in its query
string: a sort order by date or title, and a batch of whole numbers from 0
(issue 14, "No 500 for bad input anywhere").

Plone's feed hands ``sort_on`` to the catalog and ``b_start``/``b_end`` to
``int()`` unchecked: ``sort_on=effectiveRange`` answered 500
(AttributeError), ``sort_on=Title`` or ``SearchableText`` 500
(CatalogError: not a sortable index), ``b_start=abc`` 500 (ValueError) and
``b_start=-1`` 500 (AssertionError in the batch). ``feed_query_refusal``
names the parameter instead; the interface layer answers 400.
"""

from qlvbdh_policy import _
from qlvbdh_policy.rules.refusals import Refusal

RULE = "search feed: sort by date or title, batch from 0"
SORTABLE = ("effective", "created", "modified", "Date", "sortable_title")
BATCH = ("b_start", "b_end")

MSG_SORT = _("${field}: the feed cannot be sorted by “${value}”; sort by one of ${allowed}.")
MSG_BATCH = _("${field}: “${value}” is not a whole number from 0.")


def _refusal(field, msgid, **mapping):
    return Refusal(field, RULE, msgid, {"field": field, **mapping})


def feed_query_refusal(params):
    """The first wrong parameter of ``params`` (the request's form) as a
    Refusal, or None. An empty ``sort_on`` keeps the feed's default."""
    sort_on = params.get("sort_on")
    if sort_on not in (None, "") and sort_on not in SORTABLE:
        return _refusal("sort_on", MSG_SORT, value=str(sort_on)[:80],
                        allowed=", ".join(SORTABLE))
    for field in BATCH:
        value = params.get(field)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)
                             and value >= 0):
            continue
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            return _refusal(field, MSG_BATCH, value=str(value)[:80])
    return None
