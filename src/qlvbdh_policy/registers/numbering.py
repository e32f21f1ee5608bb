"""Number storage: one plain persistent counter per register and series.

Concurrent registrations that take a number from the same series write the
same counter object; ZODB raises ConflictError and the request is retried
(zope.conf ``max-conflict-retries``). The counter deliberately has no
``_p_resolveConflict``: a conflict-resolving counter (``BTrees.Length``)
merges concurrent increments and hands out duplicate numbers. The number is
taken inside the registering transaction, so an aborted registration leaves
no gap.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.POSException import ConflictError

import logging
import random
import sys
import threading
import time
import transaction

COUNTERS = "_qlvbdh_counters"
# Counters stored before profile 1019 name their class by this module's old
# path (qlvbdh_policy.numbering); the alias loads them, and upgrade 1019
# stores each again under the new path.
sys.modules.setdefault("qlvbdh_policy.numbering", sys.modules[__name__])
logger = logging.getLogger("qlvbdh_policy.registers.numbering")


class SeriesCounter(Persistent):
    """The last number given in one series of one register."""

    def __init__(self):
        self.value = 0


def counters(register):
    # aq_base: never acquire a parent's counters; getattr (not __dict__)
    # wakes a ghost register instead of mistaking it for an empty one.
    base = aq_base(register)
    tree = getattr(base, COUNTERS, None)
    if tree is None:
        tree = OOBTree()
        setattr(base, COUNTERS, tree)
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


# -- registering under load ---------------------------------------------------
#
# A web request's transaction starts when the request does, so two clerks
# registering at the same moment both read the counter's old value and one
# of them conflicts at commit. Zope retries with exponential back-off (up to
# 2**n seconds), which makes a busy register slow. A registration therefore
# runs as its own short transaction: under a per-register lock of this
# process it starts from a fresh snapshot, takes the number, commits, and
# releases the lock. In one process registrations never conflict; between
# processes (several instances on RelStorage) a conflict is retried here.

_locks = {}
_locks_guard = threading.Lock()
ATTEMPTS = 20


def _lock_key(register):
    return "/".join(register.getPhysicalPath())


def _lock_for(register):
    key = _lock_key(register)
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def register_in_own_transaction(register, work, attempts=ATTEMPTS):
    """Run ``work()`` in fresh transactions until one commits; return its result.

    Whatever the request wrote before is discarded: call this before writing
    anything else. An exception from ``work`` aborts and propagates.
    """
    with _lock_for(register):
        for attempt in range(attempts):
            transaction.abort()
            try:
                result = work()
                transaction.commit()
                return result
            except ConflictError:
                transaction.abort()
                # under this process's lock: most often another instance
                # (make cluster) took a number from the same register
                logger.info("registration in %s conflicted with a concurrent transaction "
                            "(attempt %d); retrying", _lock_key(register), attempt + 1)
                if attempt == attempts - 1:
                    raise
                time.sleep(random.uniform(0, 0.02 * (attempt + 1)))
            except BaseException:
                transaction.abort()
                raise
