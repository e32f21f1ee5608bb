"""1018 → 1019: the flat top-level modules became packages (issue 17), and
the register counters (``SeriesCounter``) moved from ``qlvbdh_policy.numbering``
to ``qlvbdh_policy.registers.numbering``. A stored object names its class by
module path, so each counter is stored again under the new path; the old
path stays an alias (registers/numbering.py) only for databases not yet
upgraded."""

from Acquisition import aq_base
from plone import api
from qlvbdh_policy.registers.numbering import COUNTERS

import logging

logger = logging.getLogger("qlvbdh_policy.upgrades")


def store_again(trees):
    """Mark every counter of ``trees`` changed, so the next commit writes it
    with its class's present path. Returns how many."""
    count = 0
    for tree in trees:
        for counter in tree.values():
            counter._p_changed = True
            count += 1
    return count


def store_counters_again(context):
    catalog = api.portal.get_tool("portal_catalog")
    registers = (brain._unrestrictedGetObject()
                 for brain in catalog.unrestrictedSearchResults(portal_type="Register"))
    trees = (getattr(aq_base(register), COUNTERS, None) for register in registers)
    count = store_again(tree for tree in trees if tree is not None)
    logger.info("1019: %s register counters stored under their new module path", count)
