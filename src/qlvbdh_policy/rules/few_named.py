"""Naming a few of many (issue 22): a refusal that names thirty agencies
is cut off by the status message (Products.statusmessages keeps 1023
bytes of it) and loses its count and its guidance. A sentence names the
first few and counts the rest ("và 27 cơ quan khác"), as NĐ 30/2020
Phụ lục I asks of a text: short, complete, the reader told what to do."""

#: how many names a sentence gives before it counts the rest
AT_MOST = 3


def few_named(names, at_most=AT_MOST):
    """(the names to write, how many are left unnamed). Four names when the
    fourth is the only one left: "và 1 cơ quan khác" would say less."""
    names = list(names)
    if len(names) <= at_most + 1:
        return names, 0
    return names[:at_most], len(names) - at_most
