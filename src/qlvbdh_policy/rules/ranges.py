"""Catalog range queries from two bounds, either open (a book's dates, the
search's dates and numbers)."""


def range_query(start, end):
    """``{"query", "range"}`` between ``start`` and ``end``; None when both
    are empty; one value itself when both are the same."""
    if start is not None and start == end:
        return {"query": start}
    if start and end:
        return {"query": [start, end], "range": "min:max"}
    if start or end:
        return {"query": start or end, "range": "min" if start else "max"}
    return None
