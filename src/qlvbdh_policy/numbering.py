"""Number storage: one plain persistent counter per register and series.

Concurrent registrations that take a number from the same series write the
same counter object; ZODB raises ConflictError and the request is retried
(zope.conf ``max-conflict-retries``). The counter deliberately has no
``_p_resolveConflict``: a conflict-resolving counter (``BTrees.Length``)
merges concurrent increments and hands out duplicate numbers. The number is
taken inside the registering transaction, so an aborted registration leaves
no gap.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent

COUNTERS = "_qlvbdh_counters"


class SeriesCounter(Persistent):
    """The last number given in one series of one register."""

    def __init__(self):
        self.value = 0


def counters(register):
    tree = register.__dict__.get(COUNTERS)
    if tree is None:
        tree = OOBTree()
        setattr(register, COUNTERS, tree)
    return tree


def take_next(register, series):
    tree = counters(register)
    counter = tree.get(series)
    if counter is None:
        counter = tree[series] = SeriesCounter()
    counter.value += 1
    return counter.value


def last_number(register, series):
    counter = counters(register).get(series)
    return counter.value if counter is not None else 0


def last_numbers(register):
    return {key: counter.value for key, counter in counters(register).items()}
